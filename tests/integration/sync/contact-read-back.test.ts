import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PATIENT_WORKER, syncSuite } from "./support/suite";

/**
 * Issue 12, contacts: Xero tells Factory that a contact it links was archived, restored or merged.
 * CONTACT webhook events (and without webhooks the poller) are read back by ID in batches and stored
 * once; a document for an archived contact waits (the planner) with no call Xero would refuse, and
 * goes exactly once when the contact is restored; a merge is followed by re-linking the party.
 * Asserted against the simulator's own state and request log.
 */
const WEBHOOK_KEY = `test-webhook-key-${randomUUID()}`;
process.env.XERO_WEBHOOK_KEY = WEBHOOK_KEY;
const { sim, ctx, kit } = await syncSuite("sync_contact_read_back", {
  worker: { ...PATIENT_WORKER, readBackPollSeconds: 0 },
});
const { simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { getSyncState } = await import("@/lib/db/queries/sync-states");
const { findParty } = await import("@/lib/db/queries/parties");
const { findCachedContact } = await import("@/lib/db/queries/xero-links");
const { pollReadBack } = await import("@/lib/sync/read-back");
const { ensureXeroContact, linkPartyToContact } = await import("@/lib/linking/contacts");
const { resumeContactHolds } = await import("@/lib/sync/resume");
const { withXero } = await import("@/lib/xero/api/session");
const { customers, xeroWebhookEvents } = await import("@/lib/db/schema");
const { sql } = await import("drizzle-orm");
const { createSalesOrder } = await import("@/lib/factory/sales-orders");
const fixtures = await import("../documents/fixtures");

let POST: (request: Request) => Promise<Response>;

beforeAll(async () => {
  vi.stubEnv("DATABASE_URL", ctx.url);
  vi.stubEnv("XERO_WEBHOOK_KEY", WEBHOOK_KEY);
  vi.resetModules();
  (globalThis as { factoryDb?: unknown }).factoryDb = undefined;
  POST = (await import("@/app/api/xero/webhooks/route")).POST;
  await kit.setAutoSend({ orders: false, invoices: true });
}, 120_000);

afterAll(() => {
  vi.unstubAllEnvs();
});

type SimRequest = { id: number; method: string; path: string; status: number };
const requestsSince = async (sinceId: number) =>
  ((await simAdmin(sim, "GET", `/sim/requests?sinceId=${sinceId}`)) as { requests: SimRequest[] }).requests;
const lastRequestId = async () =>
  ((await simAdmin(sim, "GET", "/sim/requests?limit=1")) as { lastId: number }).lastId;
const contactReads = (requests: SimRequest[]) =>
  requests.filter((r) => r.method === "GET" && r.path.startsWith("/api.xro/2.0/Contacts")).length;
const invoiceWrites = (requests: SimRequest[]) =>
  requests.filter((r) => r.method !== "GET" && r.path.startsWith("/api.xro/2.0/Invoices"));

function delivery(events: object[]) {
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
      "x-xero-signature": createHmac("sha256", WEBHOOK_KEY).update(body).digest("base64"),
    },
    body,
  });
}

const contactEvent = (contactId: string, at = new Date()) => ({
  resourceUrl: `https://api.xero.com/api.xro/2.0/Contacts/${contactId}`,
  resourceId: contactId,
  eventDateUtc: at.toISOString().replace("Z", ""),
  eventType: "UPDATE",
  eventCategory: "CONTACT",
  tenantId: ctx.tenantId,
  tenantType: "ORGANISATION",
});

const lever = (contactId: string, what: "archive" | "restore" | "merge", body?: object) =>
  simAdmin(sim, "POST", `/sim/orgs/${ctx.tenantId}/contacts/${contactId}/${what}`, body ?? {});

const allEventsDone = () =>
  waitFor("the events read back", async () => {
    const [row] = await ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(xeroWebhookEvents)
      .where(sql`processed_at is null`);
    return Number(row?.n) === 0;
  });

const linkedContact = async (kind: "customer" | "supplier", id: string) =>
  (await findParty(ctx.db, kind, id))?.xeroContactId ?? "";

const statusRead = (contactId: string, status: string) =>
  waitFor(`contact ${contactId} read back as ${status}`, async () => {
    const row = await findCachedContact(ctx.db, contactId);
    return row?.status === status && row.readBackAt ? row : undefined;
  });

/** A new order's invoice for the customer, sent automatically (orders are not). */
async function newInvoice(customerId = ctx.customerId) {
  const order = await createSalesOrder(
    ctx.db,
    fixtures.salesOrderForm(customerId, {
      lines: [fixtures.line({ description: "Frame", quantity: "2", unitPrice: "100", taxRateId: ctx.gstId })],
    }),
    ctx.userId,
  );
  return kit.invoice(order.id);
}

/** The invoice's sync state once it reaches `state`. */
const invoiceIn = (state: "sent" | "waiting_for_contact", id: string) =>
  waitFor(
    `invoice ${id} ${state}`,
    async () => {
      const now = await getSyncState(ctx.db, "invoice", id);
      return now?.state === state ? now : undefined;
    },
    45_000,
  );
const sentState = (id: string) => invoiceIn("sent", id);
const heldState = (id: string) => invoiceIn("waiting_for_contact", id);

const simInvoicesOf = async (contactId: string) =>
  (await simRecords(sim, ctx.tenantId, "invoices")).filter(
    (invoice) => (invoice.Contact as { ContactID: string }).ContactID === contactId,
  );

describe("an archived contact", () => {
  it("is read back once for 1,000 replays; documents wait with no call; restored, they go exactly once", async () => {
    const contactId = await linkedContact("customer", ctx.customerId);
    const invoicesBefore = (await simInvoicesOf(contactId)).length;
    const start = await lastRequestId();

    await lever(contactId, "archive");
    const event = contactEvent(contactId);
    expect((await POST(delivery([event]))).status).toBe(200);
    expect((await POST(delivery(Array.from({ length: 1000 }, () => event)))).status).toBe(200);
    // An event for a contact Factory doesn't link is done without a call.
    expect((await POST(delivery([contactEvent(randomUUID())]))).status).toBe(200);
    const archived = await statusRead(contactId, "ARCHIVED");
    expect(archived.xeroUpdatedAt).not.toBeNull();
    await allEventsDone();
    expect(contactReads(await requestsSince(start))).toBe(1);

    // The planner holds the invoice: nothing sent that Xero would refuse.
    const invoice = await newInvoice();
    const held = await heldState(invoice.id);
    expect(held.lastError).toBe(
      `The customer ${(await findParty(ctx.db, "customer", ctx.customerId))?.name} is archived in Xero: restore it in Xero or link another contact.`,
    );
    expect(invoiceWrites(await requestsSince(start))).toEqual([]);
    expect(await simInvoicesOf(contactId)).toHaveLength(invoicesBefore);

    // Restored in Xero: the read-back lets it go, once.
    await lever(contactId, "restore");
    expect((await POST(delivery([contactEvent(contactId)]))).status).toBe(200);
    await statusRead(contactId, "ACTIVE");
    const sent = await sentState(invoice.id);
    const ofContact = await simInvoicesOf(contactId);
    expect(ofContact).toHaveLength(invoicesBefore + 1);
    expect(ofContact.filter((record) => record.InvoiceID === sent.xeroId)).toHaveLength(1);
    const writes = invoiceWrites(await requestsSince(start));
    expect(writes.every((request) => request.status < 400)).toBe(true);
    expect(writes.filter((request) => request.method === "PUT")).toHaveLength(1);
  });

  it("an older copy changes nothing (UpdatedDateUTC decides)", async () => {
    const { applyContactCopies } = await import("@/lib/sync/contact-read-back");
    const contactId = await linkedContact("customer", ctx.customerId);
    const stored = await findCachedContact(ctx.db, contactId);
    const copy = {
      id: contactId,
      name: stored?.name ?? "",
      contactNumber: null,
      email: null,
      mergedToContactId: null,
      isCustomer: true,
      isSupplier: false,
    };
    const at = (stored?.xeroUpdatedAt ?? new Date()).getTime();
    expect(
      await applyContactCopies(ctx.db, [{ ...copy, status: "ARCHIVED", updatedAt: new Date(at - 1000) }]),
    ).toBe(0);
    expect(await applyContactCopies(ctx.db, [{ ...copy, status: "ACTIVE", updatedAt: new Date(at) }])).toBe(
      0,
    );
    expect((await findCachedContact(ctx.db, contactId))?.status).toBe("ACTIVE");
  });
});

describe("a contact merged in Xero", () => {
  async function newContact(name: string) {
    const { body } = await withXero(ctx.db, ({ accounting, tenantId }) =>
      accounting.createContacts(tenantId, { contacts: [{ name }] }),
    );
    return body.contacts?.[0]?.contactID ?? "";
  }

  it("is followed: the customer is re-linked to the kept contact, and the next invoice goes there", async () => {
    const merged = await linkedContact("customer", ctx.customerId);
    const kept = await newContact(`Kept ${randomUUID().slice(0, 8)}`);
    await lever(merged, "merge", { into: kept });
    expect((await POST(delivery([contactEvent(merged)]))).status).toBe(200);
    await waitFor(
      "the customer re-linked",
      async () => (await linkedContact("customer", ctx.customerId)) === kept,
    );
    await allEventsDone();
    const history = await ctx.db.execute<{
      before: { xeroContactId: string };
      after: { xeroContactId: string };
    }>(
      sql`select before, after from audit_events where entity_type = 'customer' and entity_id = ${ctx.customerId} and action = 'xero_contact_merged'`,
    );
    expect(history.map((row) => [row.before.xeroContactId, row.after.xeroContactId])).toEqual([
      [merged, kept],
    ]);

    const invoice = await newInvoice();
    const sent = await sentState(invoice.id);
    const [record] = (await simRecords(sim, ctx.tenantId, "invoices")).filter(
      (r) => r.InvoiceID === sent.xeroId,
    );
    expect((record?.Contact as { ContactID: string }).ContactID).toBe(kept);
  });

  it("is not followed onto a contact another customer links: it stays archived, and documents wait", async () => {
    const tag = randomUUID().slice(0, 8);
    const [a, b] = await ctx.db
      .insert(customers)
      .values([
        { code: `CA-${tag}`, name: `Merge A ${tag}`, currency: "NZD" },
        { code: `CB-${tag}`, name: `Merge B ${tag}`, currency: "NZD" },
      ])
      .returning({ id: customers.id });
    if (!a || !b) throw new Error("no customers");
    await ensureXeroContact(ctx.db, { kind: "customer", id: a.id }, { createAnyway: true });
    await ensureXeroContact(ctx.db, { kind: "customer", id: b.id }, { createAnyway: true });
    const fromA = await linkedContact("customer", a.id);
    const ofB = await linkedContact("customer", b.id);
    await lever(fromA, "merge", { into: ofB });
    expect((await POST(delivery([contactEvent(fromA)]))).status).toBe(200);
    const cached = await statusRead(fromA, "ARCHIVED");
    expect(cached.mergedToContactId).toBe(ofB);
    await allEventsDone();
    expect(await linkedContact("customer", a.id)).toBe(fromA);

    const invoice = await newInvoice(a.id);
    const held = await heldState(invoice.id);
    expect(held.lastError).toMatch(/is archived in Xero: restore it in Xero or link another contact\.$/);

    // Re-linked by hand to another contact: the held invoice goes there, once.
    const other = await newContact(`Other ${tag}`);
    await linkPartyToContact(
      ctx.db,
      { kind: "customer", id: a.id },
      { contactId: other, userId: ctx.userId },
    );
    await resumeContactHolds(ctx.db);
    const sent = await sentState(invoice.id);
    expect(await simInvoicesOf(other)).toEqual([expect.objectContaining({ InvoiceID: sent.xeroId })]);
    expect(await simInvoicesOf(fromA)).toEqual([]);
  });
});

describe("the poller, without webhooks", () => {
  it("reads contacts Xero changed (archived ones included) and stores each once", async () => {
    const contactId = await linkedContact("supplier", ctx.supplierId);
    await lever(contactId, "archive");
    const start = await lastRequestId();
    await pollReadBack(ctx.db);
    expect((await findCachedContact(ctx.db, contactId))?.status).toBe("ARCHIVED");
    expect(contactReads(await requestsSince(start))).toBe(1);
    const again = await pollReadBack(ctx.db);
    expect(again.changed).toBe(0);
    await lever(contactId, "restore");
    await pollReadBack(ctx.db);
    expect((await findCachedContact(ctx.db, contactId))?.status).toBe("ACTIVE");
  });
});
