import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { syncSuite } from "./support/suite";

/**
 * Issue 12: a Factory credit note against an invoice becomes an ACCRECCREDIT credit note in Xero,
 * allocated to the invoice for what it still has due; a supplier credit against a bill becomes an
 * ACCPAYCREDIT allocated to the bill. Asserted from the simulator's own state: how many credit notes
 * it holds for the document, their totals and numbers, the allocation, and the invoice's AmountDue.
 */
const { sim, ctx, kit } = await syncSuite("sync_credit_notes", { settings: { billStatus: "AUTHORISED" } });
const { simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { getSyncState } = await import("@/lib/db/queries/sync-states");
const { findInvoiceLines } = await import("@/lib/db/queries/invoices");
const { findBillLines } = await import("@/lib/db/queries/bills");
const { findPurchaseOrderLines } = await import("@/lib/db/queries/purchase-orders");
const { createCreditNote } = await import("@/lib/factory/credit-notes");
const { convertToBill, createPurchaseOrder } = await import("@/lib/factory/purchase-orders");
const { creditNotes } = await import("@/lib/db/schema");
const { RecordError } = await import("@/lib/errors");
const { insertWebhookEvents } = await import("@/lib/db/queries/read-back");
const { readBackEvents, pollReadBack } = await import("@/lib/sync/read-back");
const fixtures = await import("../documents/fixtures");

type SimRequest = { method: string; path: string; idempotencyKey?: string; status?: number };
const requests = async () =>
  ((await simAdmin(sim, "GET", "/sim/requests?limit=1000")) as { requests: SimRequest[] }).requests;

/** Waits until the credit note is in Xero with its allocation settled in Factory. */
const settled = (type: "credit_note" | "supplier_credit", id: string) =>
  waitFor(
    `${type} ${id} sent and allocated`,
    async () => {
      const state = await getSyncState(ctx.db, type, id);
      const [note] = await ctx.db.select().from(creditNotes).where(eq(creditNotes.id, id));
      return state?.state === "sent" && note?.allocationSettledAt ? { state, note } : undefined;
    },
    45_000,
  );

const xeroInvoice = async (xeroId: string | null | undefined) =>
  (await simRecords(sim, ctx.tenantId, "invoices")).find((record) => record.InvoiceID === xeroId);
const xeroCreditNotesNaming = async (factoryNumber: string) =>
  (await simRecords(sim, ctx.tenantId, "creditNotes")).filter((record) =>
    (record.LineItems as { Description?: string }[]).some((line) =>
      line.Description?.includes(`#${factoryNumber}`),
    ),
  );

async function creditInvoice(invoiceId: string, quantities: Record<number, string>, reference = "") {
  const lines = await findInvoiceLines(ctx.db, invoiceId);
  return createCreditNote(
    ctx.db,
    {
      kind: "customer",
      creditedId: invoiceId,
      idempotencyKey: randomUUID(),
      creditDate: "2026-11-26",
      reference,
      notes: "",
      lines: lines.map((line) => ({ lineId: line.id, quantity: quantities[line.position] ?? "0" })),
    },
    ctx.userId,
  );
}

describe("a credit note against an invoice", () => {
  it("becomes one ACCRECCREDIT in Xero, numbered by Xero and allocated to the invoice", async () => {
    await kit.setAutoSend({ orders: true, invoices: true });
    const order = await kit.newOrder(); // 2 × 100 and 1 × 50, GST 15 %: 287.50
    const invoice = await kit.invoice(order.id);
    const sentInvoice = await kit.stateOf("invoice", invoice.id, "sent");
    expect((await xeroInvoice(sentInvoice.xeroId))?.AmountDue).toBe(287.5);

    // A return of one frame: 100 + 15 GST.
    const credit = await creditInvoice(invoice.id, { 1: "1" }, "RMA 12");
    expect(credit.number).toMatch(/^CN-\d{5}$/);
    expect(credit.total).toBe("115.00");
    const { state, note } = await settled("credit_note", credit.id);

    const inXero = await xeroCreditNotesNaming(credit.number);
    expect(inXero).toHaveLength(1);
    const [xeroCredit] = inXero;
    expect(xeroCredit).toMatchObject({
      Type: "ACCRECCREDIT",
      Status: "PAID", // fully allocated
      Total: 115,
      RemainingCredit: 0,
      Reference: `${credit.number} · ${invoice.number} · RMA 12`,
      CreditNoteID: state.xeroId,
    });
    expect(state.xeroNumber).toMatch(/^CN-\d{4}$/);
    expect(state.xeroStatus).toBe("PAID"); // all of it allocated, as Xero now holds it
    expect(xeroCredit?.CreditNoteNumber).toBe(state.xeroNumber);
    const allocations = xeroCredit?.Allocations as { Amount: number; Invoice: { InvoiceID: string } }[];
    expect(allocations.map((a) => [a.Amount, a.Invoice.InvoiceID])).toEqual([[115, sentInvoice.xeroId]]);
    expect(note.allocatedAmount).toBe("115.00");
    const after = await xeroInvoice(sentInvoice.xeroId);
    expect(after).toMatchObject({ AmountDue: 172.5, AmountCredited: 115, Status: "AUTHORISED" });

    // One create and one allocation, each with its Idempotency-Key.
    const calls = (await requests()).filter((r) => r.method === "PUT" && r.path.includes("/CreditNotes"));
    expect(calls.filter((r) => r.path.endsWith("/Allocations"))).toHaveLength(1);
    expect(calls.every((r) => r.idempotencyKey?.startsWith(`factory-credit_note-${credit.id}`))).toBe(true);
  });

  it("reads back as Xero holds it: by webhook event (named in where) and by the poller", async () => {
    await kit.setAutoSend({ orders: true, invoices: true });
    const order = await kit.newOrder();
    const invoice = await kit.invoice(order.id);
    await kit.stateOf("invoice", invoice.id, "sent");
    const credit = await creditInvoice(invoice.id, { 1: "1" }, "RMA 31");
    const { state } = await settled("credit_note", credit.id);
    const xeroId = state.xeroId ?? "";

    // Xero says the credit note changed: one read names it, and its copy is stored.
    await insertWebhookEvents(ctx.db, [
      {
        id: randomUUID(),
        tenantId: ctx.tenantId,
        category: "CREDITNOTE",
        eventType: "UPDATE",
        resourceId: xeroId,
        eventDate: new Date(),
      },
    ]);
    const byEvent = await readBackEvents(ctx.db);
    expect(byEvent.calls).toBe(1);
    const read = await getSyncState(ctx.db, "credit_note", credit.id);
    expect(read).toMatchObject({ xeroStatus: "PAID", xeroTotal: "115.00", xeroAmountDue: "0.00" });
    expect(read?.readBackAt).not.toBeNull();

    // The poller reads credit notes too (what changed since; nothing newer, so nothing changes).
    const polled = await pollReadBack(ctx.db);
    expect(polled.calls).toBeGreaterThanOrEqual(2); // invoices, then credit notes
    const reads = (await requests()).filter(
      (r) => r.method === "GET" && r.path === "/api.xro/2.0/CreditNotes",
    );
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  it("a second credit takes the rest: the invoice is PAID in Xero; crediting more than was invoiced is refused", async () => {
    const order = await kit.newOrder();
    const invoice = await kit.invoice(order.id);
    const sentInvoice = await kit.stateOf("invoice", invoice.id, "sent");

    const frames = await creditInvoice(invoice.id, { 1: "2" }); // 230.00
    await settled("credit_note", frames.id);
    expect(await xeroInvoice(sentInvoice.xeroId)).toMatchObject({ AmountDue: 57.5, Status: "AUTHORISED" });

    // Asking for more than is left of a line is refused in Factory, and nothing goes to Xero.
    await expect(creditInvoice(invoice.id, { 1: "1" })).rejects.toBeInstanceOf(RecordError);
    await expect(creditInvoice(invoice.id, { 2: "2" })).rejects.toBeInstanceOf(RecordError);

    const bracket = await creditInvoice(invoice.id, { 2: "1" }); // 57.50
    const { note } = await settled("credit_note", bracket.id);
    expect(note.allocatedAmount).toBe("57.50");
    expect(await xeroInvoice(sentInvoice.xeroId)).toMatchObject({
      AmountDue: 0,
      AmountCredited: 287.5,
      Status: "PAID",
    });
    const inXero = await simRecords(sim, ctx.tenantId, "creditNotes");
    const ofInvoice = inXero.filter((record) =>
      (record.LineItems as { Description?: string }[]).some((line) =>
        line.Description?.endsWith(`invoice #${invoice.number}`),
      ),
    );
    expect(ofInvoice.map((record) => record.Total).sort()).toEqual([230, 57.5]);
    await expect(creditInvoice(invoice.id, { 2: "1" })).rejects.toBeInstanceOf(RecordError);
  });
});

describe("a supplier credit against a bill", () => {
  it("becomes one ACCPAYCREDIT with the supplier's number, allocated to the bill", async () => {
    const order = await createPurchaseOrder(
      ctx.db,
      fixtures.purchaseOrderForm(ctx.supplierId, {
        lines: [
          fixtures.line({ description: "Steel plate", quantity: "4", unitPrice: "20", taxRateId: ctx.gstId }),
        ],
      }),
      ctx.userId,
    );
    const [orderLine] = await findPurchaseOrderLines(ctx.db, order.id);
    const bill = await convertToBill(
      ctx.db,
      {
        purchaseOrderId: order.id,
        version: order.version,
        idempotencyKey: randomUUID(),
        supplierInvoiceNumber: "SUP-551",
        billDate: "2026-11-25",
        dueDate: "2026-12-20",
        lines: [{ orderLineId: orderLine!.id, quantity: "4" }],
      },
      ctx.userId,
    );
    const sentBill = await kit.stateOf("bill", bill.id, "sent");
    const [billLine] = await findBillLines(ctx.db, bill.id);
    const credit = await createCreditNote(
      ctx.db,
      {
        kind: "supplier",
        creditedId: bill.id,
        idempotencyKey: randomUUID(),
        creditDate: "2026-11-27",
        reference: "SUP-CN-77",
        notes: "",
        lines: [{ lineId: billLine!.id, quantity: "1" }], // 20 + 3 GST
      },
      ctx.userId,
    );
    expect(credit.number).toMatch(/^SC-\d{5}$/);
    const { state, note } = await settled("supplier_credit", credit.id);
    const inXero = await xeroCreditNotesNaming(credit.number);
    expect(inXero).toHaveLength(1);
    expect(inXero[0]).toMatchObject({
      Type: "ACCPAYCREDIT",
      CreditNoteNumber: "SUP-CN-77",
      Total: 23,
      CreditNoteID: state.xeroId,
    });
    expect(note.allocatedAmount).toBe("23.00");
    expect(await xeroInvoice(sentBill.xeroId)).toMatchObject({ AmountDue: 69, AmountCredited: 23 });
  });
});
