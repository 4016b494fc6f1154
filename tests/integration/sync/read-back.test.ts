import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PATIENT_WORKER, syncSuite } from "./support/suite";

/**
 * Issue 12: Xero tells Factory what became of what it sent. Signed webhooks are stored once and
 * acknowledged at once; the worker reads the named invoices back in batches and stores Xero's status
 * and amounts; replays and stale copies change nothing twice; without webhooks the poller does it.
 */
const WEBHOOK_KEY = `test-webhook-key-${randomUUID()}`;
process.env.XERO_WEBHOOK_KEY = WEBHOOK_KEY;
const { sim, ctx, kit } = await syncSuite("sync_read_back", {
  worker: { ...PATIENT_WORKER, readBackPollSeconds: 0 },
});
const { simAdmin, waitFor } = await import("./support/sync-db");
const { getSyncState } = await import("@/lib/db/queries/sync-states");
const { pollReadBack, applyCopies } = await import("@/lib/sync/read-back");
const { readBackTargets, acceptDrift } = await import("@/lib/db/queries/read-back");
const { withXero } = await import("@/lib/xero/api/session");
const { setXeroCallBudget, xeroBudgetNow } = await import("@/lib/xero/rate-limit");
const { sendDocumentsNow } = await import("@/lib/sync/enqueue");
const { xeroWebhookEvents } = await import("@/lib/db/schema");
const { sql } = await import("drizzle-orm");

let POST: (request: Request) => Promise<Response>;

beforeAll(async () => {
  vi.stubEnv("DATABASE_URL", ctx.url);
  vi.stubEnv("XERO_WEBHOOK_KEY", WEBHOOK_KEY);
  vi.resetModules();
  (globalThis as { factoryDb?: unknown }).factoryDb = undefined;
  POST = (await import("@/app/api/xero/webhooks/route")).POST;
}, 120_000);

afterAll(() => {
  vi.unstubAllEnvs();
});

type SimRequest = { method: string; path: string };
const invoiceReads = async () =>
  ((await simAdmin(sim, "GET", "/sim/requests?limit=1000")) as { requests: SimRequest[] }).requests.filter(
    (r) => r.method === "GET" && r.path.startsWith("/api.xro/2.0/Invoices"),
  ).length;

const storedEvents = async () =>
  Number((await ctx.db.select({ n: sql<number>`count(*)` }).from(xeroWebhookEvents))[0]?.n ?? 0);

function delivery(events: object[], key = WEBHOOK_KEY, signature?: string) {
  const body = JSON.stringify({
    events,
    firstEventSequence: 1,
    lastEventSequence: events.length,
    entropy: "E",
  });
  return new Request("http://factory.test/api/xero/webhooks", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-xero-signature": signature ?? createHmac("sha256", key).update(body).digest("base64"),
    },
    body,
  });
}

const invoiceEvent = (xeroId: string, at = new Date()) => ({
  resourceUrl: `https://api.xero.com/api.xro/2.0/Invoices/${xeroId}`,
  resourceId: xeroId,
  eventDateUtc: at.toISOString().replace("Z", ""),
  eventType: "UPDATE",
  eventCategory: "INVOICE",
  tenantId: ctx.tenantId,
  tenantType: "ORGANISATION",
});

/** A sent, approved invoice of a new order; its sync state once Xero has it. */
async function sentInvoice() {
  await kit.setAutoSend({ orders: false, invoices: true });
  const order = await kit.newOrder();
  const invoice = await kit.invoice(order.id);
  return waitFor(
    `invoice ${invoice.id} sent`,
    async () => {
      const state = await getSyncState(ctx.db, "invoice", invoice.id);
      return state?.state === "sent" && state.xeroId ? state : undefined;
    },
    45_000,
  );
}

const pay = (xeroId: string) => simAdmin(sim, "POST", `/sim/invoices/${xeroId}/pay`);

describe("/api/xero/webhooks", () => {
  it("answers Xero's intent to receive: 200 for the right signature, 401 for a wrong one, storing nothing", async () => {
    expect((await POST(delivery([]))).status).toBe(200);
    const wrong = await POST(delivery([], "not-the-key-of-this-factory-000"));
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toBe("");
    expect(await storedEvents()).toBe(0);
  });

  it("refuses events with a wrong or missing signature and stores none", async () => {
    const events = [invoiceEvent(randomUUID())];
    expect((await POST(delivery(events, "not-the-key-of-this-factory-000"))).status).toBe(401);
    expect((await POST(delivery(events, WEBHOOK_KEY, ""))).status).toBe(401);
    const unsigned = new Request("http://factory.test/api/xero/webhooks", { method: "POST", body: "{}" });
    expect((await POST(unsigned)).status).toBe(401);
    expect(await storedEvents()).toBe(0);
  });

  it("refuses a body over the limit before reading it whole", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(256 * 1024);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 40) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const request = new Request("http://factory.test/api/xero/webhooks", {
      method: "POST",
      body,
      duplex: "half",
      headers: { "x-xero-signature": "x" },
    } as RequestInit);
    expect((await POST(request)).status).toBe(413);
    expect(pulled).toBeLessThan(10);
    expect(await storedEvents()).toBe(0);
  });

  it("a paid invoice reads back as paid; replays (1,000 at once) store and change it once", async () => {
    const state = await sentInvoice();
    const xeroId = state.xeroId ?? "";
    expect(state.xeroStatus).toBe("AUTHORISED");
    await pay(xeroId);
    const readsBefore = await invoiceReads();
    const event = invoiceEvent(xeroId);
    const first = await POST(delivery([event]));
    expect(first.status).toBe(200);
    expect(await first.text()).toBe("");
    expect((await POST(delivery(Array.from({ length: 1000 }, () => event)))).status).toBe(200);
    expect((await POST(delivery([event]))).status).toBe(200);
    expect(await storedEvents()).toBe(1);

    const paid = await waitFor(
      "the invoice read back as paid",
      async () => {
        const now = await getSyncState(ctx.db, "invoice", state.recordId);
        return now?.xeroStatus === "PAID" ? now : undefined;
      },
      45_000,
    );
    expect(paid).toMatchObject({ xeroAmountPaid: "287.50", xeroAmountDue: "0.00" });
    expect(paid.xeroPaidOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(paid.readBackAt).not.toBeNull();
    // Factory's own status follows (the page and its Xero card agree), said in its history once. The
    // read-back sets it with a statement of its own just after Xero's copy: wait for it, not read once.
    const invoice = await waitFor("the invoice paid in Factory too", async () => {
      const [row] = await ctx.db.execute<{ status: string }>(
        sql`select status from invoices where id = ${state.recordId}`,
      );
      return row?.status === "paid" ? row : undefined;
    });
    expect(invoice.status).toBe("paid");
    const paidEvents = await ctx.db.execute<{ action: string }>(
      sql`select action from audit_events where entity_type = 'invoice' and entity_id = ${state.recordId} and action = 'xero_paid'`,
    );
    expect(paidEvents).toHaveLength(1);
    // Let any further job run, then: one read for the one event.
    await waitFor("the events processed", async () =>
      (
        await ctx.db
          .select({ n: sql<number>`count(*)` })
          .from(xeroWebhookEvents)
          .where(sql`processed_at is null`)
      )[0]?.n == 0
        ? true
        : undefined,
    );
    expect((await invoiceReads()) - readsBefore).toBe(1);
  });

  it("an older copy of a document changes nothing (UpdatedDateUTC decides)", async () => {
    const state = await sentInvoice();
    const xeroId = state.xeroId ?? "";
    const targets = await readBackTargets(ctx.db, ["invoice"], [xeroId]);
    const base = {
      id: xeroId,
      total: "287.50",
      amountCredited: "0.00",
      fullyPaidOn: null,
      date: null,
      dueDate: null,
      contactId: null,
      lines: [],
    };
    const newer = {
      ...base,
      status: "PAID",
      amountPaid: "287.50",
      amountDue: "0.00",
      updatedAt: new Date(Date.now() + 60_000),
    };
    const older = {
      ...base,
      status: "AUTHORISED",
      amountPaid: "0.00",
      amountDue: "287.50",
      updatedAt: new Date(Date.now() + 1_000),
    };
    expect(await applyCopies(ctx.db, [newer], targets)).toBe(1);
    expect(await applyCopies(ctx.db, [older], targets)).toBe(0);
    expect(await applyCopies(ctx.db, [newer], targets)).toBe(0);
    expect(await getSyncState(ctx.db, "invoice", state.recordId)).toMatchObject({ xeroStatus: "PAID" });
    // Paid once, in Factory too; the older copy did not move it back.
    const [invoice] = await ctx.db.execute<{ status: string }>(
      sql`select status from invoices where id = ${state.recordId}`,
    );
    expect(invoice?.status).toBe("paid");
  });
});

describe("drift: changed in Xero", () => {
  /** Someone changes the invoice's due date in Xero, and Xero says so. */
  async function editInXero(xeroId: string, dueDate: string) {
    await withXero(ctx.db, ({ accounting, tenantId }) =>
      accounting.updateInvoice(tenantId, xeroId, { invoices: [{ dueDate }] }),
    );
    expect((await POST(delivery([invoiceEvent(xeroId)]))).status).toBe(200);
  }

  const driftOf = (id: string, want: (drift: unknown) => boolean) =>
    waitFor(
      "the drift read back",
      async () => {
        const state = await getSyncState(ctx.db, "invoice", id);
        return state && want(state.xeroDrift) ? state : undefined;
      },
      45_000,
    );

  it("shows what differs, forgets nothing it was not told to, and settles by accepting or resending", async () => {
    const state = await sentInvoice();
    const xeroId = state.xeroId ?? "";
    expect(state.sentSnapshot).toMatchObject({ dueDate: "2026-12-20", status: "AUTHORISED" });

    await editInXero(xeroId, "2027-01-31");
    const drifted = await driftOf(state.recordId, (drift) => Array.isArray(drift));
    expect(drifted.xeroDrift).toEqual([{ field: "Due date", factory: "2026-12-20", xero: "2027-01-31" }]);

    // Accepted: quiet until Xero changes again.
    expect(await acceptDrift(ctx.db, "invoice", state.recordId)).toBe(true);
    expect(await getSyncState(ctx.db, "invoice", state.recordId)).toMatchObject({ xeroDrift: null });
    await editInXero(xeroId, "2027-02-28");
    await driftOf(
      state.recordId,
      (drift) => Array.isArray(drift) && JSON.stringify(drift).includes("2027-02-28"),
    );

    // Send Factory's version again: through the outbox and the planner, as an update.
    await ctx.db.transaction((tx) =>
      sendDocumentsNow(tx, "invoice", [state.recordId], { newRevision: true }),
    );
    const resent = await waitFor(
      "Factory's version in Xero",
      async () => {
        const now = await getSyncState(ctx.db, "invoice", state.recordId);
        return now && now.state === "sent" && now.sentRevision === now.revision && now.xeroDrift === null
          ? now
          : undefined;
      },
      45_000,
    );
    expect(resent.sentSnapshot).toMatchObject({ dueDate: "2026-12-20" });
  });
});

describe("the poller, without webhooks", () => {
  it("reads what Xero changed and stores it once", async () => {
    const state = await sentInvoice();
    await pay(state.xeroId ?? "");
    const first = await pollReadBack(ctx.db);
    expect(first.calls).toBeGreaterThanOrEqual(1);
    expect(await getSyncState(ctx.db, "invoice", state.recordId)).toMatchObject({
      xeroStatus: "PAID",
      xeroAmountDue: "0.00",
    });
    const again = await pollReadBack(ctx.db);
    expect(again.changed).toBe(0);
  });

  it("leaves the last quarter of the day's Xero calls to sends, and reads what it missed once the day has room", async () => {
    const state = await sentInvoice();
    await pay(state.xeroId ?? "");
    // An organisation that has spent most of its day (its limit a fifth above what it used).
    const { dayUsed } = await xeroBudgetNow(ctx.db, ctx.tenantId);
    setXeroCallBudget({ perDay: Math.ceil(dayUsed * 1.2) });
    const before = await invoiceReads();
    try {
      expect(await pollReadBack(ctx.db)).toEqual({ changed: 0, calls: 0 });
    } finally {
      setXeroCallBudget({});
    }
    expect(await invoiceReads()).toBe(before);
    expect((await getSyncState(ctx.db, "invoice", state.recordId))?.xeroStatus).toBe("AUTHORISED");

    // With room again, the cursor still stands where it was: the payment is read.
    expect((await pollReadBack(ctx.db)).changed).toBeGreaterThanOrEqual(1);
    expect((await getSyncState(ctx.db, "invoice", state.recordId))?.xeroStatus).toBe("PAID");
  });
});
