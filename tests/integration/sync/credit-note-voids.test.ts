import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { APP_URL } from "./support/sim-env";
import { syncSuite } from "./support/suite";

/**
 * Voiding a credit note (issue 12): Factory gives its credited quantities back at once, and the worker
 * takes Factory's own allocation off the credit note in Xero (DELETE /CreditNotes/{id}/Allocations/
 * {AllocationID}) and voids it, since Xero voids only a credit note with nothing allocated; the
 * invoice's AmountDue goes back up. An allocation someone made in Xero to another document refuses
 * the void before anything changes (docs/sync.md#lifecycle-changes). Asserted from the simulator's
 * own state: statuses, allocations, the invoice's amounts, and the calls made.
 */
const { sim, ctx, kit } = await syncSuite("sync_credit_note_voids");
const { simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { getSyncState } = await import("@/lib/db/queries/sync-states");
const { findInvoiceLines } = await import("@/lib/db/queries/invoices");
const { createCreditNote, voidCreditNote } = await import("@/lib/factory/credit-notes");
const { sendDocument } = await import("@/lib/sync/send-document");
const { sendDocumentsNow } = await import("@/lib/sync/enqueue");
const { withXero } = await import("@/lib/xero/api/session");
const { allocateCreditNote, removeCreditNoteAllocation } = await import("@/lib/xero/api/credit-notes");
const { creditNotes } = await import("@/lib/db/schema");

beforeAll(() => kit.setAutoSend({ orders: true, invoices: true }));

type SimRequest = { method: string; path: string; idempotencyKey?: string; status?: number };
const requests = async () =>
  ((await simAdmin(sim, "GET", "/sim/requests?limit=1000")) as { requests: SimRequest[] }).requests;

/** Waits until the credit note is in Xero with its allocation settled in Factory. */
const settled = (id: string) =>
  waitFor(
    `credit note ${id} sent and allocated`,
    async () => {
      const state = await getSyncState(ctx.db, "credit_note", id);
      const [note] = await ctx.db.select().from(creditNotes).where(eq(creditNotes.id, id));
      return state?.state === "sent" && note?.allocationSettledAt ? { state, note } : undefined;
    },
    45_000,
  );

const xeroInvoice = async (xeroId: string | null | undefined) =>
  (await simRecords(sim, ctx.tenantId, "invoices")).find((record) => record.InvoiceID === xeroId);

async function creditInvoice(invoiceId: string, quantities: Record<number, string>) {
  const lines = await findInvoiceLines(ctx.db, invoiceId);
  return createCreditNote(
    ctx.db,
    {
      kind: "customer",
      creditedId: invoiceId,
      idempotencyKey: randomUUID(),
      creditDate: "2026-11-26",
      reference: "",
      notes: "",
      lines: lines.map((line) => ({ lineId: line.id, quantity: quantities[line.position] ?? "0" })),
    },
    ctx.userId,
  );
}

describe("voiding a credit note", () => {
  const xeroCredit = async (xeroId: string | null | undefined) =>
    (await simRecords(sim, ctx.tenantId, "creditNotes")).find((record) => record.CreditNoteID === xeroId);
  const creditCalls = async (id: string) =>
    (await requests()).filter(
      (r) => (r.method === "DELETE" || r.method === "POST") && r.path.includes(`/CreditNotes/${id}`),
    );
  const ended = (id: string, states: string[]) =>
    waitFor(`credit note ${id} ${states.join("/")}`, async () => {
      const state = await getSyncState(ctx.db, "credit_note", id);
      return state && states.includes(state.state) && !state.leaseUntil ? state : undefined;
    });
  const voidNote = async (id: string) => {
    const [note] = await ctx.db.select().from(creditNotes).where(eq(creditNotes.id, id));
    return voidCreditNote(ctx.db, { id, version: note!.version }, ctx.userId);
  };

  it("takes Factory's allocation off, voids it in Xero, gives the invoice its amount due back and the quantities to credit again, once", async () => {
    const order = await kit.newOrder();
    const invoice = await kit.invoice(order.id);
    const sentInvoice = await kit.stateOf("invoice", invoice.id, "sent");
    const credit = await creditInvoice(invoice.id, { 1: "1" }); // 115.00, all of it allocated: PAID
    const { state: sentCredit } = await settled(credit.id);
    expect(sentCredit.xeroStatus).toBe("PAID");
    expect(await xeroInvoice(sentInvoice.xeroId)).toMatchObject({ AmountDue: 172.5, AmountCredited: 115 });
    expect((await findInvoiceLines(ctx.db, invoice.id))[0]?.quantityCredited).toBe("1.0000");

    const voided = await voidNote(credit.id);
    expect(voided.status).toBe("voided");
    // Factory gives the quantity back at once: the frame can be credited again.
    expect((await findInvoiceLines(ctx.db, invoice.id))[0]?.quantityCredited).toBe("0.0000");

    const state = await ended(credit.id, ["sent"]);
    expect(state.xeroStatus).toBe("VOIDED");
    const inXero = await xeroCredit(sentCredit.xeroId);
    expect(inXero).toMatchObject({ Status: "VOIDED", RemainingCredit: 0, Allocations: [] });
    expect(await xeroInvoice(sentInvoice.xeroId)).toMatchObject({
      AmountDue: 287.5,
      AmountCredited: 0,
      Status: "AUTHORISED",
    });
    // One removal, one void.
    const calls = await creditCalls(sentCredit.xeroId ?? "");
    expect(calls.filter((r) => r.method === "DELETE")).toHaveLength(1);
    expect(calls.filter((r) => r.method === "POST")).toHaveLength(1);

    // The same send again (a job delivered twice, Send pressed again): nothing more reaches Xero.
    await sendDocument(
      ctx.db,
      { type: "credit_note", id: credit.id },
      {
        appUrl: APP_URL,
        timeoutMs: 10_000,
        leaseMs: 60_000,
        retry: { firstDelayMs: 1000, maxDelayMs: 1000 },
      },
    );
    await ctx.db.transaction((tx) => sendDocumentsNow(tx, "credit_note", [credit.id]));
    await ended(credit.id, ["sent", "not_sent"]);
    expect(await creditCalls(sentCredit.xeroId ?? "")).toHaveLength(2);
    expect(await xeroInvoice(sentInvoice.xeroId)).toMatchObject({ AmountDue: 287.5 });

    // Voiding again in Factory changes nothing; the released frame can be credited anew.
    expect((await voidNote(credit.id)).version).toBe(voided.version);
    const again = await creditInvoice(invoice.id, { 1: "2" });
    expect(again.total).toBe("230.00");
  });

  it("after a lost answer, removes nothing twice: an allocation already gone is only voided", async () => {
    const order = await kit.newOrder();
    const invoice = await kit.invoice(order.id);
    const sentInvoice = await kit.stateOf("invoice", invoice.id, "sent");
    const credit = await creditInvoice(invoice.id, { 2: "1" }); // 57.50
    const { state: sentCredit } = await settled(credit.id);
    // The removal went through, its answer was lost: Xero no longer holds the allocation.
    const [allocation] = (await xeroCredit(sentCredit.xeroId))?.Allocations as { AllocationID: string }[];
    await withXero(ctx.db, (api) =>
      removeCreditNoteAllocation(api, sentCredit.xeroId ?? "", allocation!.AllocationID),
    );
    expect(await xeroInvoice(sentInvoice.xeroId)).toMatchObject({ AmountDue: 287.5 });

    await voidNote(credit.id);
    expect((await ended(credit.id, ["sent"])).xeroStatus).toBe("VOIDED");
    expect(await xeroCredit(sentCredit.xeroId)).toMatchObject({ Status: "VOIDED" });
    // Given back once: the invoice is due its whole total, not more.
    expect(await xeroInvoice(sentInvoice.xeroId)).toMatchObject({ AmountDue: 287.5, AmountCredited: 0 });
    const deletes = (await creditCalls(sentCredit.xeroId ?? "")).filter((r) => r.method === "DELETE");
    expect(deletes).toHaveLength(1); // the test's own, none by the worker
  });

  it("refuses, changing nothing in Xero, when someone allocated it to another invoice there; retried once that is removed, it voids", async () => {
    const order = await kit.newOrder();
    const invoice = await kit.invoice(order.id, [1]); // 2 frames: 230.00
    const other = await kit.invoice(order.id, [2]); // 1 bracket: 57.50
    const sentInvoice = await kit.stateOf("invoice", invoice.id, "sent");
    const sentOther = await kit.stateOf("invoice", other.id, "sent");
    // 200.00 of the frames paid in Xero, so the credit of one frame (115.00) allocates only 30.00.
    await simAdmin(sim, "POST", `/sim/orgs/${ctx.tenantId}/invoices/${sentInvoice.xeroId}/payments`, {
      amount: 200,
      date: "2026-11-26",
    });
    const credit = await creditInvoice(invoice.id, { 1: "1" });
    const { state: sentCredit, note } = await settled(credit.id);
    expect(note.allocatedAmount).toBe("30.00");
    // Someone in Xero allocates the rest of the credit to the other invoice.
    await withXero(ctx.db, (api) =>
      allocateCreditNote(
        api,
        sentCredit.xeroId ?? "",
        { invoiceId: sentOther.xeroId ?? "", amount: "57.50", date: "2026-11-27" },
        randomUUID(),
      ),
    );

    await voidNote(credit.id);
    const failed = await ended(credit.id, ["failed"]);
    expect(failed.lastError).toContain(`allocated in Xero to ${sentOther.xeroNumber}`);
    expect(failed.lastError).toContain("Remove that allocation in Xero, then retry.");
    // Nothing changed in Xero: both allocations stand, the credit note is whole.
    const held = await xeroCredit(sentCredit.xeroId);
    expect(held).toMatchObject({ Status: "AUTHORISED", RemainingCredit: 27.5 });
    expect((held?.Allocations as unknown[]).length).toBe(2);
    expect(await xeroInvoice(sentInvoice.xeroId)).toMatchObject({ AmountDue: 0, AmountCredited: 30 });
    expect(await xeroInvoice(sentOther.xeroId)).toMatchObject({ AmountDue: 0, AmountCredited: 57.5 });
    expect((await creditCalls(sentCredit.xeroId ?? "")).filter((r) => r.method !== "GET")).toHaveLength(0);

    // The way forward: remove it in Xero, then Retry.
    const [foreign] = (
      held?.Allocations as { AllocationID: string; Invoice: { InvoiceID: string } }[]
    ).filter((a) => a.Invoice.InvoiceID === sentOther.xeroId);
    await withXero(ctx.db, (api) =>
      removeCreditNoteAllocation(api, sentCredit.xeroId ?? "", foreign!.AllocationID),
    );
    await ctx.db.transaction((tx) => sendDocumentsNow(tx, "credit_note", [credit.id]));
    expect((await ended(credit.id, ["sent"])).xeroStatus).toBe("VOIDED");
    expect(await xeroCredit(sentCredit.xeroId)).toMatchObject({ Status: "VOIDED", Allocations: [] });
    expect(await xeroInvoice(sentInvoice.xeroId)).toMatchObject({
      AmountDue: 30,
      AmountCredited: 0,
      Status: "AUTHORISED",
    });
    expect(await xeroInvoice(sentOther.xeroId)).toMatchObject({ AmountDue: 57.5, AmountCredited: 0 });
  });
});
