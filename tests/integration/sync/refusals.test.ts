import { QuoteStatusCodes } from "xero-node";
import { afterEach, describe, expect, it } from "vitest";
import { syncSuite } from "./support/suite";

/**
 * Issue 11 items 6, 9 and 11: a definite refusal ends a request (the next try, once the cause is
 * fixed, is a new revision under a new key), updates carry an Idempotency-Key of their own, status
 * only moves forward, and a document Xero will no longer change is reported locked with Xero's words.
 */
const { sim, ctx, kit } = await syncSuite("sync_refusals");
const { simAdmin, simRecords } = await import("./support/sync-db");
const { sendDocumentsNow } = await import("@/lib/sync/enqueue");
const { getSyncState, listSyncStatesIn } = await import("@/lib/db/queries/sync-states");
const { createQuote, updateQuoteFromForm } = await import("@/lib/factory/quotes");
const { withXero } = await import("@/lib/xero/api/session");
const fixtures = await import("../documents/fixtures");

const lockDates = () => `/sim/orgs/${ctx.tenantId}/lock-dates`;
afterEach(() => simAdmin(sim, "POST", lockDates(), { periodLockDate: null }));

const requests = async () =>
  (
    (await simAdmin(sim, "GET", "/sim/requests?limit=1000")) as {
      requests: { method: string; path: string; idempotencyKey?: string; idempotentReplay?: boolean }[];
    }
  ).requests;

/** Invoices half an order, then has Xero refuse the other half for the period lock date. */
async function refusedSecondHalf() {
  await kit.setAutoSend({ orders: true, invoices: true });
  const order = await kit.newOrder();
  const first = await kit.invoice(order.id, [1]);
  await kit.stateOf("invoice", first.id, "sent");
  await simAdmin(sim, "POST", lockDates(), { periodLockDate: "2026-11-30" });
  const second = await kit.invoice(order.id, [2]);
  const failed = await kit.stateOf("invoice", second.id, "failed");
  expect(failed.lastError).toContain("before the period lock date");
  expect(failed.pendingCreate).toBeNull();
  await simAdmin(sim, "POST", lockDates(), { periodLockDate: null });
  return { order, first, second };
}

async function expectTwoAuthorised(order: { number: string }, invoices: { id: string; total: string }[]) {
  const books = await kit.expectOneXeroInvoicePerInvoice(order, invoices);
  expect(books).toMatchObject({
    count: 2,
    statuses: ["AUTHORISED", "AUTHORISED"],
    totals: books.expectedTotals,
    named: true,
  });
}

describe("a document Xero refused can be sent again once the cause is fixed", { timeout: 120_000 }, () => {
  it("Retry after the period lock date is cleared: exactly one invoice for the refused half", async () => {
    const { order, first, second } = await refusedSecondHalf();
    const refusedKeys = (await requests())
      .filter((r) => r.method === "PUT" && r.path === "/api.xro/2.0/Invoices")
      .map((r) => r.idempotencyKey);

    await kit.sendOne("invoice", second.id);
    const sent = await kit.stateOf("invoice", second.id, "sent");
    await expectTwoAuthorised(order, [first, second]);
    // The successful create went under a key never used for the refused request, not a replay.
    const creates = (await requests()).filter(
      (r) => r.method === "PUT" && r.path === "/api.xro/2.0/Invoices",
    );
    const last = creates.at(-1);
    expect(last?.idempotentReplay).toBeFalsy();
    expect(refusedKeys).not.toContain(last?.idempotencyKey);
    expect(sent.xeroNumber).toBeTruthy();
  });

  it("Resend after the cause is fixed", async () => {
    const { order, first, second } = await refusedSecondHalf();
    await ctx.db.transaction((tx) => sendDocumentsNow(tx, "invoice", [second.id], { newRevision: true }));
    await kit.stateOf("invoice", second.id, "sent");
    await expectTwoAuthorised(order, [first, second]);
  });

  it("Retry all failed after the cause is fixed", async () => {
    const { order, first, second } = await refusedSecondHalf();
    // What the sync log's "Retry all failed" does: every failed document queued again.
    const failed = await listSyncStatesIn(ctx.db, ["failed"]);
    expect(failed.map((f) => f.recordId)).toContain(second.id);
    await ctx.db.transaction(async (tx) => {
      for (const { recordType, recordId } of failed) await sendDocumentsNow(tx, recordType, [recordId]);
    });
    await kit.stateOf("invoice", second.id, "sent");
    await expectTwoAuthorised(order, [first, second]);
  });
});

describe("updates", () => {
  it("never move a quote's status back: a quote marked SENT in Xero stays SENT when its lines change", async () => {
    await kit.setAutoSend({ quotes: true });
    const quote = await createQuote(
      ctx.db,
      fixtures.quoteForm(ctx.customerId, {
        lines: [fixtures.line({ quantity: "1", unitPrice: "10", taxRateId: ctx.gstId })],
      }),
      ctx.userId,
    );
    const sent = await kit.stateOf("quote", quote.id, "sent");
    // Someone marks the quote sent in Xero; Factory is not told.
    const [held] = (await simRecords(sim, ctx.tenantId, "quotes")).filter((q) => q.QuoteID === sent.xeroId);
    const contactID = (held?.Contact as { ContactID: string }).ContactID;
    await withXero(ctx.db, ({ accounting, tenantId }) =>
      accounting.updateQuote(tenantId, sent.xeroId ?? "", {
        quotes: [{ contact: { contactID }, date: "2026-11-25", status: QuoteStatusCodes.SENT }],
      }),
    );

    await updateQuoteFromForm(
      ctx.db,
      fixtures.quoteForm(ctx.customerId, {
        id: quote.id,
        version: quote.version,
        lines: [fixtures.line({ quantity: "3", unitPrice: "10", taxRateId: ctx.gstId })],
      }),
      ctx.userId,
    );
    const updated = await kit.stateOf("quote", quote.id, "sent");
    expect(updated.sentRevision).toBeGreaterThan(sent.sentRevision ?? 0);
    const [inXero] = (await simRecords(sim, ctx.tenantId, "quotes")).filter((q) => q.QuoteID === sent.xeroId);
    expect(inXero).toMatchObject({ Status: "SENT", Total: 34.5 });
    expect(updated.xeroStatus).toBe("SENT");
  });

  it("carry an Idempotency-Key naming the document, its revision and the operation", async () => {
    await kit.setAutoSend({ orders: true, invoices: true });
    const order = await kit.newOrder();
    await kit.stateOf("sales_order", order.id, "sent");
    const invoice = await kit.invoice(order.id);
    const state = await kit.stateOf("invoice", invoice.id, "sent");
    const approvals = (await requests()).filter(
      (r) => r.method === "POST" && r.path === `/api.xro/2.0/Invoices/${state.xeroId}`,
    );
    expect(approvals.map((r) => r.idempotencyKey)).toEqual([
      `factory-invoice-${invoice.id}-r${state.sentRevision}-take-over`,
    ]);
  });

  it("a paid invoice is reported locked with Xero's reason, and nothing retries", async () => {
    await kit.setAutoSend({ orders: false, invoices: true });
    const order = await kit.newOrder();
    const invoice = await kit.invoice(order.id);
    const state = await kit.stateOf("invoice", invoice.id, "sent");
    await simAdmin(sim, "POST", `/sim/invoices/${state.xeroId}/pay`);
    await ctx.db.transaction((tx) => sendDocumentsNow(tx, "invoice", [invoice.id], { newRevision: true }));
    const locked = await kit.stateOf("invoice", invoice.id, "locked");
    expect(locked.lastError).toContain("payment");
    const [inXero] = (await simRecords(sim, ctx.tenantId, "invoices")).filter(
      (i) => i.InvoiceID === state.xeroId,
    );
    expect(inXero).toMatchObject({ Status: "PAID", Total: Number(invoice.total) });
    expect(await getSyncState(ctx.db, "invoice", invoice.id)).toMatchObject({ state: "locked" });
  });
});
