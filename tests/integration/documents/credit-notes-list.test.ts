import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listCreditNotes } from "@/lib/db/queries/credit-notes";
import { billLines, documentSyncStates, invoiceLines, type CreditNoteStatus } from "@/lib/db/schema";
import { createCreditNote, voidCreditNote } from "@/lib/factory/credit-notes";
import { convertToBill, createPurchaseOrder } from "@/lib/factory/purchase-orders";
import { createSalesOrder, generateInvoice } from "@/lib/factory/sales-orders";
import { RecordError } from "@/lib/errors";
import { testDb } from "../../support/db";
import { line, purchaseOrderForm, salesOrderForm, listQuery as query, seedBasics } from "./fixtures";

/**
 * The credit notes list (/credit-notes): one kind at a time, found by number, reference, party and the
 * invoice (bill) credited, with Xero's number and state; and voiding one gives its quantities back.
 */
const db = testDb();
let basics: Awaited<ReturnType<typeof seedBasics>>;
beforeAll(async () => {
  basics = await seedBasics(db);
});

async function invoiceOfFour() {
  const order = await createSalesOrder(
    db,
    salesOrderForm(basics.customer.id, {
      lines: [line({ description: "Frame", quantity: "4", unitPrice: "100", taxRateId: basics.gst.id })],
    }),
    basics.user.id,
  );
  const [orderLine] = await db.query.salesOrderLines.findMany({
    where: (l, { eq: is }) => is(l.salesOrderId, order.id),
  });
  return generateInvoice(
    db,
    {
      salesOrderId: order.id,
      version: order.version,
      idempotencyKey: randomUUID(),
      issueDate: "2026-11-25",
      dueDate: "2026-12-20",
      reference: "",
      lines: [{ orderLineId: orderLine!.id, quantity: "4" }],
    },
    basics.user.id,
  );
}

async function billOfFour() {
  const order = await createPurchaseOrder(
    db,
    purchaseOrderForm(basics.supplier.id, {
      lines: [line({ description: "Plate", quantity: "4", unitPrice: "20", taxRateId: basics.gst.id })],
    }),
    basics.user.id,
  );
  const [orderLine] = await db.query.purchaseOrderLines.findMany({
    where: (l, { eq: is }) => is(l.purchaseOrderId, order.id),
  });
  return convertToBill(
    db,
    {
      purchaseOrderId: order.id,
      version: order.version,
      idempotencyKey: randomUUID(),
      supplierInvoiceNumber: `SUP-${randomUUID().slice(0, 6)}`,
      billDate: "2026-11-25",
      dueDate: "2026-12-20",
      lines: [{ orderLineId: orderLine!.id, quantity: "4" }],
    },
    basics.user.id,
  );
}

const credit = async (
  kind: "customer" | "supplier",
  creditedId: string,
  lineId: string,
  quantity: string,
  reference = "",
) =>
  createCreditNote(
    db,
    {
      kind,
      creditedId,
      idempotencyKey: randomUUID(),
      creditDate: "2026-11-26",
      reference,
      notes: "",
      lines: [{ lineId, quantity }],
    },
    basics.user.id,
  );

describe("the credit notes list", () => {
  it("lists one kind at a time, found by number, reference, party and what it credits, with Xero's number", async () => {
    const invoice = await invoiceOfFour();
    const [invoiceLine] = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id));
    const note = await credit("customer", invoice.id, invoiceLine!.id, "1", "RMA 4411");
    const bill = await billOfFour();
    const [billLine] = await db.select().from(billLines).where(eq(billLines.billId, bill.id));
    const supplierCredit = await credit("supplier", bill.id, billLine!.id, "2", "SUP-CN-9");
    await db
      .update(documentSyncStates)
      .set({ state: "sent", xeroNumber: "CN-0042" })
      .where(eq(documentSyncStates.recordId, note.id));

    for (const term of [note.number, "RMA 4411", invoice.number, basics.customer.name]) {
      const page = await listCreditNotes(db, "customer", query(term));
      expect(
        page.rows.map((row) => row.id),
        term,
      ).toContain(note.id);
    }
    const [row] = (await listCreditNotes(db, "customer", query(note.number))).rows;
    expect(row).toMatchObject({
      partyName: basics.customer.name,
      order: { id: invoice.id, number: invoice.number },
      xeroNumber: "CN-0042",
      xeroState: "sent",
      status: "issued",
      total: "115.00",
    });
    // Supplier credits are their own list, and customer credits are not in it.
    expect((await listCreditNotes(db, "supplier", query(note.number))).total).toBe(0);
    const [supplierRow] = (await listCreditNotes(db, "supplier", query(bill.number))).rows;
    expect(supplierRow).toMatchObject({
      id: supplierCredit.id,
      partyName: basics.supplier.name,
      order: { id: bill.id, number: bill.number },
      xeroNumber: null,
    });
    expect((await listCreditNotes(db, "customer", query(note.number, { xero: "sent" }))).total).toBe(1);
    expect((await listCreditNotes(db, "customer", query(note.number, { xero: "not_sent" }))).total).toBe(0);
  });

  it("a voided credit note gives its quantities back, shows as voided, and is voided once", async () => {
    const invoice = await invoiceOfFour();
    const [invoiceLine] = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id));
    const note = await credit("customer", invoice.id, invoiceLine!.id, "3");
    // All but one credited: a second credit of two is refused.
    await expect(credit("customer", invoice.id, invoiceLine!.id, "2")).rejects.toBeInstanceOf(RecordError);

    const voided = await voidCreditNote(db, { id: note.id, version: note.version }, basics.user.id);
    expect(voided.status).toBe("voided");
    const [after] = await db.select().from(invoiceLines).where(eq(invoiceLines.id, invoiceLine!.id));
    expect(after?.quantityCredited).toBe("0.0000");
    // Again (a double click): nothing more comes off, and a stale version still finds it voided.
    await voidCreditNote(db, { id: note.id, version: note.version }, basics.user.id);
    const [again] = await db.select().from(invoiceLines).where(eq(invoiceLines.id, invoiceLine!.id));
    expect(again?.quantityCredited).toBe("0.0000");
    // The four can be credited anew.
    const anew = await credit("customer", invoice.id, invoiceLine!.id, "4");
    expect(anew.total).toBe("460.00");

    const byStatus = (status: CreditNoteStatus) =>
      listCreditNotes(db, "customer", query(invoice.number, { status }));
    expect((await byStatus("voided")).rows.map((r) => r.id)).toEqual([note.id]);
    expect((await byStatus("issued")).rows.map((r) => r.id)).toEqual([anew.id]);
  });
});
