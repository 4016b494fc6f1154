import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { APP_URL } from "./support/sim-env";
import { PATIENT_WORKER, syncSuite } from "./support/suite";

/**
 * Issue 12, read-back of quotes and purchase orders (no webhooks, no IDs: polled by
 * If-Modified-Since, webhook key or not) and the catch-up poll that reads what webhooks cover while
 * they are on, for events Xero gave up delivering. Each test asserts the simulator's state and the
 * calls it logged.
 */
process.env.XERO_WEBHOOK_KEY = `test-webhook-key-${randomUUID()}`;
// Sends only: each test runs the poll rounds itself, so it knows which calls they made.
const { sim, ctx, kit } = await syncSuite("sync_quote_po_read_back", {
  worker: { ...PATIENT_WORKER, readBackPollSeconds: 0, readBackCatchUpSeconds: 0 },
});
const { simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { startSyncWorker } = await import("@/lib/sync/worker");
const { getSyncState } = await import("@/lib/db/queries/sync-states");
const { pollReadBack, applyCopies } = await import("@/lib/sync/read-back");
const { readBackTargets, acceptDrift } = await import("@/lib/db/queries/read-back");
const { withXero } = await import("@/lib/xero/api/session");
const { readQuotesChangedSince } = await import("@/lib/xero/api/read-back");
const { sendDocumentsNow } = await import("@/lib/sync/enqueue");
const { createQuote } = await import("@/lib/factory/quotes");
const { createPurchaseOrder } = await import("@/lib/factory/purchase-orders");
const fixtures = await import("../documents/fixtures");

beforeAll(() => kit.setAutoSend({ quotes: true }));

type SimRequest = { id: number; method: string; path: string };
const lastRequestId = async () =>
  ((await simAdmin(sim, "GET", "/sim/requests?limit=1")) as { lastId: number }).lastId;
const readsSince = async (mark: number, resource: string) =>
  (
    (await simAdmin(sim, "GET", `/sim/requests?sinceId=${mark}&limit=1000`)) as { requests: SimRequest[] }
  ).requests.filter((r) => r.method === "GET" && r.path === `/api.xro/2.0/${resource}`).length;

const edit = (kind: "quotes" | "purchase-orders", xeroId: string, fields: Record<string, unknown>) =>
  simAdmin(sim, "POST", `/sim/orgs/${ctx.tenantId}/${kind}/${xeroId}/edit`, fields);

const simDocument = async (collection: "quotes" | "purchaseOrders", xeroId: string) =>
  (await simRecords(sim, ctx.tenantId, collection)).find(
    (record) => record[collection === "quotes" ? "QuoteID" : "PurchaseOrderID"] === xeroId,
  );

async function sentQuote() {
  const quote = await createQuote(
    ctx.db,
    fixtures.quoteForm(ctx.customerId, {
      expiryDate: "2026-12-25",
      lines: [fixtures.line({ description: "Frame", quantity: "2", unitPrice: "100", taxRateId: ctx.gstId })],
    }),
    ctx.userId,
  );
  return kit.stateOf("quote", quote.id, "sent");
}

async function sentPurchaseOrder() {
  const order = await createPurchaseOrder(
    ctx.db,
    fixtures.purchaseOrderForm(ctx.supplierId, {
      lines: [fixtures.line({ description: "Steel", quantity: "4", unitPrice: "25", taxRateId: ctx.gstId })],
    }),
    ctx.userId,
  );
  return kit.stateOf("purchase_order", order.id, "sent");
}

/** The live round as a worker with a webhook key runs it: quotes and purchase orders only. */
const live = () => pollReadBack(ctx.db, { round: "live", webhooks: true });
const catchUp = () => pollReadBack(ctx.db, { round: "catch-up", webhooks: true });

describe("quotes: changed in Xero", { timeout: 120_000 }, () => {
  it("a line edited in Xero is stored as drift once, and Send Factory's version puts Factory's lines back", async () => {
    const state = await sentQuote();
    const xeroId = state.xeroId ?? "";
    expect(state.sentSnapshot).toMatchObject({
      date: "2026-11-25",
      dueDate: "2026-12-25",
      total: "230.00",
      status: "DRAFT",
      lines: [
        { description: "Frame", quantity: "2.0000", unitAmount: "100.0000", lineAmount: "200.00" },
        { description: expect.stringMatching(/^Factory quote #Q-\d+$/) as string },
      ],
    });
    const factoryLine = state.sentSnapshot?.lines[1]?.description ?? "";

    await edit("quotes", xeroId, {
      LineItems: [
        {
          Description: "Frame, painted",
          Quantity: 3,
          UnitAmount: 100,
          AccountCode: "200",
          TaxType: "OUTPUT2",
        },
        { Description: factoryLine },
      ],
    });
    const mark = await lastRequestId();
    const first = await live();
    expect(first.changed).toBe(1);
    expect(await readsSince(mark, "Quotes")).toBe(1);
    expect(await readsSince(mark, "Invoices")).toBe(0);
    const drifted = await getSyncState(ctx.db, "quote", state.recordId);
    expect(drifted?.xeroDrift).toEqual([
      { field: "Total", factory: "230.00", xero: "345.00" },
      { field: "Line 1 description", factory: "Frame", xero: "Frame, painted" },
      { field: "Line 1 quantity", factory: "2.0000", xero: "3.0000" },
      { field: "Line 1 amount", factory: "200.00", xero: "300.00" },
    ]);

    // Polled again, and the same copy replayed: nothing changes twice.
    expect((await live()).changed).toBe(0);
    const [copy] = (
      await withXero(ctx.db, (api) => readQuotesChangedSince(api, new Date(0), 1))
    ).copies.filter((c) => c.id === xeroId);
    expect(await applyCopies(ctx.db, [copy!], await readBackTargets(ctx.db, ["quote"], [xeroId]))).toBe(0);
    expect((await getSyncState(ctx.db, "quote", state.recordId))?.xeroUpdatedAt).toEqual(
      drifted?.xeroUpdatedAt,
    );

    // Send Factory's version: a resend through the planner, an update of the same Xero quote.
    await ctx.db.transaction((tx) => sendDocumentsNow(tx, "quote", [state.recordId], { newRevision: true }));
    await waitFor(
      "Factory's version in Xero",
      async () => {
        const now = await getSyncState(ctx.db, "quote", state.recordId);
        return now?.state === "sent" && now.sentRevision === now.revision && now.xeroDrift === null;
      },
      45_000,
    );
    const inXero = await simDocument("quotes", xeroId);
    expect(inXero?.Total).toBe(230);
    expect(
      (inXero?.LineItems as { Description: string; Quantity: number }[]).map((l) => [
        l.Description,
        l.Quantity,
      ]),
    ).toEqual([
      ["Frame", 2],
      [factoryLine, undefined],
    ]);
    expect((await simRecords(sim, ctx.tenantId, "quotes")).filter((q) => q.QuoteID === xeroId)).toHaveLength(
      1,
    );
    // Xero's copy after the resend matches: the next poll finds no drift.
    await live();
    expect((await getSyncState(ctx.db, "quote", state.recordId))?.xeroDrift).toBeNull();
  });

  it("a quote accepted in Xero stores ACCEPTED as Xero's status, not drift", async () => {
    const state = await sentQuote();
    const xeroId = state.xeroId ?? "";
    await edit("quotes", xeroId, { Status: "SENT" });
    await edit("quotes", xeroId, { Status: "ACCEPTED" });
    await live();
    expect(await getSyncState(ctx.db, "quote", state.recordId)).toMatchObject({
      xeroStatus: "ACCEPTED",
      xeroDrift: null,
    });
    expect(await acceptDrift(ctx.db, "quote", state.recordId)).toBe(false);
  });

  it("an expiry date changed in Xero is named as the quote's expiry date", async () => {
    const state = await sentQuote();
    await edit("quotes", state.xeroId ?? "", { ExpiryDate: "2027-01-15" });
    await live();
    expect((await getSyncState(ctx.db, "quote", state.recordId))?.xeroDrift).toEqual([
      { field: "Expiry date", factory: "2026-12-25", xero: "2027-01-15" },
    ]);
  });
});

describe("purchase orders: what became of them in Xero", { timeout: 120_000 }, () => {
  it("a purchase order billed in Xero stores BILLED, without drift, once", async () => {
    const state = await sentPurchaseOrder();
    const xeroId = state.xeroId ?? "";
    expect(state.sentSnapshot).toMatchObject({ dueDate: "2026-12-01", total: "115.00", status: "DRAFT" });
    await edit("purchase-orders", xeroId, { Status: "AUTHORISED" });
    await edit("purchase-orders", xeroId, { Status: "BILLED" });
    const mark = await lastRequestId();
    expect((await live()).changed).toBe(1);
    expect(await readsSince(mark, "PurchaseOrders")).toBe(1);
    expect(await getSyncState(ctx.db, "purchase_order", state.recordId)).toMatchObject({
      xeroStatus: "BILLED",
      xeroDrift: null,
    });
    expect((await live()).changed).toBe(0);
    expect((await simDocument("purchaseOrders", xeroId))?.Status).toBe("BILLED");
  });

  it("a delivery date changed in Xero is drift; a purchase order deleted in Xero is read in the catch-up round", async () => {
    const state = await sentPurchaseOrder();
    const xeroId = state.xeroId ?? "";
    await edit("purchase-orders", xeroId, { DeliveryDate: "2026-12-24" });
    await live();
    expect((await getSyncState(ctx.db, "purchase_order", state.recordId))?.xeroDrift).toEqual([
      { field: "Delivery date", factory: "2026-12-01", xero: "2026-12-24" },
    ]);

    await edit("purchase-orders", xeroId, { Status: "DELETED" });
    // Xero lists a deleted order only when asked for by Status: the live round does not see it...
    expect((await live()).changed).toBe(0);
    expect((await getSyncState(ctx.db, "purchase_order", state.recordId))?.xeroStatus).toBe("DRAFT");
    // ...the catch-up round does.
    const mark = await lastRequestId();
    expect((await catchUp()).changed).toBe(1);
    expect(await readsSince(mark, "PurchaseOrders")).toBe(1);
    expect((await getSyncState(ctx.db, "purchase_order", state.recordId))?.xeroStatus).toBe("DELETED");
  });
});

describe("the catch-up poll while webhooks are on", { timeout: 120_000 }, () => {
  it("brings in a payment whose webhook event never came, in one GET /Invoices", async () => {
    await kit.setAutoSend({ orders: false, invoices: true });
    const order = await kit.newOrder();
    const invoice = await kit.invoice(order.id);
    const state = await kit.stateOf("invoice", invoice.id, "sent");
    await simAdmin(sim, "POST", `/sim/invoices/${state.xeroId ?? ""}/pay`);

    // The live round with webhooks on leaves invoices to the webhooks: no read, still unpaid.
    let mark = await lastRequestId();
    await live();
    expect(await readsSince(mark, "Invoices")).toBe(0);
    expect((await getSyncState(ctx.db, "invoice", invoice.id))?.xeroStatus).toBe("AUTHORISED");

    // A worker with the webhook key and its catch-up round due every second reads it.
    mark = await lastRequestId();
    const catchingUp = await startSyncWorker({
      databaseUrl: ctx.url,
      appUrl: APP_URL,
      readBackPollSeconds: 0,
      readBackCatchUpSeconds: 1,
    });
    try {
      await waitFor(
        "the payment read back by the catch-up poll",
        async () => (await getSyncState(ctx.db, "invoice", invoice.id))?.xeroStatus === "PAID",
        30_000,
      );
    } finally {
      await catchingUp();
    }
    expect(await getSyncState(ctx.db, "invoice", invoice.id)).toMatchObject({
      xeroStatus: "PAID",
      xeroAmountDue: "0.00",
    });
    // One If-Modified-Since read per round that ran (the first brought it in; a round may have
    // started before the worker stopped), and never a read by ids: no event named it.
    const reads = await readsSince(mark, "Invoices");
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(2);
  });

  it("runs when a worker starts and once an interval across restarts, not an interval after each start", async () => {
    await kit.setAutoSend({ orders: false, invoices: true });
    const order = await kit.newOrder();
    const invoice = await kit.invoice(order.id);
    const state = await kit.stateOf("invoice", invoice.id, "sent");
    await simAdmin(sim, "POST", `/sim/invoices/${state.xeroId ?? ""}/pay`);

    // An hour's interval and a worker started three times within it, as a day of deploys or a crash
    // loop would. Timed from each start, no catch-up would ever run.
    const mark = await lastRequestId();
    const from = Date.now();
    for (let start = 1; start <= 3; start++) {
      const stop = await startSyncWorker({
        databaseUrl: ctx.url,
        appUrl: APP_URL,
        readBackPollSeconds: 0,
        readBackCatchUpSeconds: 3600,
      });
      try {
        if (start === 1) {
          await waitFor(
            "the payment read back by the catch-up round of the first start",
            async () => (await getSyncState(ctx.db, "invoice", invoice.id))?.xeroStatus === "PAID",
            30_000,
          );
        }
      } finally {
        await stop();
      }
    }
    // One round for the hour (two if the test ran across an hour's turn), however many starts.
    const hour = (time: number) => Math.floor(time / 3_600_000);
    expect(await readsSince(mark, "Invoices")).toBeLessThanOrEqual(hour(Date.now()) - hour(from) + 1);
  });
});
