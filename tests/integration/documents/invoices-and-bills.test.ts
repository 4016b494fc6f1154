import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listBills } from "@/lib/db/queries/bills";
import { listInvoices } from "@/lib/db/queries/invoices";
import {
  auditEvents,
  billLines,
  bills,
  documentSyncStates,
  invoiceLines,
  invoices,
  purchaseOrderLines,
  salesOrderLines,
  type InvoiceStatus,
  type SyncState,
} from "@/lib/db/schema";
import { editBill } from "@/lib/factory/bills";
import { editInvoice, invoiceEditRefusal } from "@/lib/factory/invoices";
import { convertToBill, createPurchaseOrder } from "@/lib/factory/purchase-orders";
import { createSalesOrder, generateInvoice } from "@/lib/factory/sales-orders";
import { RecordError } from "@/lib/errors";
import type { DocumentListQuery } from "@/lib/db/queries/document-list";
import { testDb } from "../../support/db";
import {
  eventsFor,
  line,
  purchaseOrderForm,
  salesOrderForm,
  listQuery as query,
  seedBasics,
} from "./fixtures";

const db = testDb();
let basics: Awaited<ReturnType<typeof seedBasics>>;
beforeAll(async () => {
  basics = await seedBasics(db);
});

/** An order of `quantities` (one line each, at 47.275 + GST) and invoices taking `parts` of line 1. */
async function invoicedOrder(parts: string[], reference = "") {
  const order = await createSalesOrder(
    db,
    salesOrderForm(basics.customer.id, {
      reference,
      lines: [
        line({ description: "Machining", quantity: "15.5", unitPrice: "47.275", taxRateId: basics.gst.id }),
      ],
    }),
    basics.user.id,
  );
  const [orderLine] = await db
    .select()
    .from(salesOrderLines)
    .where(eq(salesOrderLines.salesOrderId, order.id));
  const made = [];
  for (const [index, quantity] of parts.entries()) {
    made.push(
      await generateInvoice(
        db,
        {
          salesOrderId: order.id,
          version: order.version + index,
          idempotencyKey: randomUUID(),
          issueDate: "2026-11-25",
          dueDate: "2026-12-20",
          reference: "",
          lines: [{ orderLineId: orderLine!.id, quantity }],
        },
        basics.user.id,
      ),
    );
  }
  return { order, invoices: made };
}

async function billedOrder() {
  const order = await createPurchaseOrder(
    db,
    purchaseOrderForm(basics.supplier.id, {
      lines: [line({ description: "Steel plate", quantity: "4", unitPrice: "20", taxRateId: basics.gst.id })],
    }),
    basics.user.id,
  );
  const [orderLine] = await db
    .select()
    .from(purchaseOrderLines)
    .where(eq(purchaseOrderLines.purchaseOrderId, order.id));
  const bill = await convertToBill(
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
  return { order, bill };
}

const linesOf = (invoiceId: string) =>
  db
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoiceId))
    .orderBy(asc(invoiceLines.position));

const current = async (id: string) => (await db.select().from(invoices).where(eq(invoices.id, id)))[0]!;

/** The edit form as it opens on an invoice, with `changes`. */
async function editForm(id: string, changes: Partial<Parameters<typeof editInvoice>[1]> = {}) {
  const invoice = await current(id);
  return {
    id,
    version: invoice.version,
    idempotencyKey: randomUUID(),
    dueDate: invoice.dueDate,
    reference: invoice.reference ?? "",
    notes: invoice.notes ?? "",
    lines: (await linesOf(id))
      .filter((l) => l.kind === "item")
      .map((l) => ({ id: l.id, description: l.description })),
    ...changes,
  };
}

async function setSyncState(
  recordType: "invoice" | "bill",
  recordId: string,
  values: { state: SyncState; xeroNumber?: string; xeroId?: string; xeroStatus?: string; lastError?: string },
) {
  await db
    .insert(documentSyncStates)
    .values({ recordType, recordId, ...values })
    .onConflictDoUpdate({
      target: [documentSyncStates.recordType, documentSyncStates.recordId],
      set: values,
    });
}

describe("the invoices list", () => {
  it("finds invoices by number, reference, customer and order, with their order and Xero state", async () => {
    const { order, invoices: made } = await invoicedOrder(["5", "10.5"]);
    await db.update(invoices).set({ reference: "Batch 7781" }).where(eq(invoices.id, made[1]!.id));
    await setSyncState("invoice", made[0]!.id, { state: "sent", xeroNumber: "INV-0101" });

    const byOrder = await listInvoices(db, query(order.number));
    expect(byOrder.total).toBe(2);
    expect(byOrder.rows.map((row) => row.number)).toEqual(made.map((invoice) => invoice.number));
    expect(byOrder.rows[0]).toMatchObject({
      partyName: basics.customer.name,
      order: { id: order.id, number: order.number },
      xeroNumber: "INV-0101",
      xeroState: "sent",
      status: "issued",
      date: "2026-11-25",
    });
    // Auto-send is on by default: the second invoice is on its way.
    expect(byOrder.rows[1]).toMatchObject({ xeroNumber: null, xeroState: "queued" });

    expect((await listInvoices(db, query(made[0]!.number))).rows.map((row) => row.id)).toEqual([made[0]!.id]);
    expect((await listInvoices(db, query("batch 7781"))).rows.map((row) => row.id)).toEqual([made[1]!.id]);
    const byCustomer = await listInvoices(db, query(basics.customer.name));
    expect(byCustomer.rows.map((row) => row.id)).toEqual(expect.arrayContaining(made.map((i) => i.id)));
  });

  it("filters by status and by Xero state, and pages on the server", async () => {
    const { order, invoices: made } = await invoicedOrder(["2", "3", "4"]);
    await setSyncState("invoice", made[0]!.id, { state: "sent", xeroNumber: "INV-0201" });
    await setSyncState("invoice", made[1]!.id, { state: "failed" });
    await db.update(invoices).set({ status: "paid" }).where(eq(invoices.id, made[2]!.id));
    await setSyncState("invoice", made[2]!.id, { state: "not_sent" });
    const ids = async (overrides: Partial<DocumentListQuery<InvoiceStatus>>) => {
      const page = await listInvoices(db, query(order.number, overrides));
      return page.rows.map((row) => row.id);
    };
    expect(await ids({ xero: "sent" })).toEqual([made[0]!.id]);
    expect(await ids({ xero: "failed" })).toEqual([made[1]!.id]);
    expect(await ids({ xero: "not_sent" })).toEqual([made[2]!.id]);
    expect(await ids({ status: "paid" })).toEqual([made[2]!.id]);
    expect(await ids({ status: "issued", xero: "not_sent" })).toEqual([]);

    const second = await listInvoices(db, query(order.number, { pageSize: 2, page: 2 }));
    expect(second).toMatchObject({ total: 3, rows: [{ id: made[2]!.id }] });
    const byParty = await listInvoices(db, query(order.number, { sort: "party", pageSize: 2 }));
    expect(byParty.rows).toHaveLength(2);
  });
});

describe("the bills list", () => {
  it("finds bills by number, supplier invoice number, supplier and order, with their order and Xero state", async () => {
    const { order, bill } = await billedOrder();
    await setSyncState("bill", bill.id, { state: "locked", xeroNumber: "SUP-1" });
    for (const term of [bill.number, bill.supplierInvoiceNumber, order.number]) {
      const page = await listBills(db, query(term));
      expect(
        page.rows.map((row) => row.id),
        term,
      ).toEqual([bill.id]);
    }
    const [row] = (await listBills(db, query(bill.number))).rows;
    expect(row).toMatchObject({
      partyName: basics.supplier.name,
      reference: bill.supplierInvoiceNumber,
      order: { id: order.id, number: order.number },
      xeroState: "locked",
      status: "draft",
    });
    expect((await listBills(db, query(bill.number, { xero: "locked" }))).total).toBe(1);
    expect((await listBills(db, query(bill.number, { xero: "sent" }))).total).toBe(0);
    expect((await listBills(db, query(basics.supplier.name, { status: "paid" }))).total).toBe(0);
  });
});

describe("editing an invoice", () => {
  it("saves the due date, reference, notes and a line's description, with who changed what", async () => {
    const { invoices: made } = await invoicedOrder(["15.5"]);
    const invoice = made[0]!;
    const [item] = await linesOf(invoice.id);
    const saved = await editInvoice(
      db,
      await editForm(invoice.id, {
        dueDate: "2027-01-10",
        reference: "PO 7781",
        notes: "Deliver to the back door",
        lines: [{ id: item!.id, description: "Machining, 6061 aluminium" }],
      }),
      basics.user.id,
    );
    expect(saved).toMatchObject({
      dueDate: "2027-01-10",
      reference: "PO 7781",
      notes: "Deliver to the back door",
      version: invoice.version + 1,
      updatedBy: basics.user.id,
      // The sums are what the order's invoices add up to: they never change with an edit.
      subtotal: invoice.subtotal,
      total: invoice.total,
    });
    expect((await linesOf(invoice.id)).map((l) => [l.description, l.quantity, l.lineAmount])).toEqual([
      ["Machining, 6061 aluminium", item!.quantity, item!.lineAmount],
    ]);
    expect(await eventsFor(db, "invoice", invoice.id)).toEqual(["invoice_generated", "updated"]);
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, invoice.id), eq(auditEvents.action, "updated")));
    expect(audit).toMatchObject({
      userId: basics.user.id,
      before: { dueDate: "2026-12-20", reference: null, notes: null, "line 1": "Machining" },
      after: {
        dueDate: "2027-01-10",
        reference: "PO 7781",
        notes: "Deliver to the back door",
        "line 1": "Machining, 6061 aluminium",
      },
    });
    // The outbox: the invoice's revision went up with the edit, in the same transaction.
    const [state] = await db
      .select()
      .from(documentSyncStates)
      .where(and(eq(documentSyncStates.recordType, "invoice"), eq(documentSyncStates.recordId, invoice.id)));
    expect(state?.revision).toBe(2);
  });

  it("writes nothing when nothing changed, and a double submit saves once", async () => {
    const { invoices: made } = await invoicedOrder(["15.5"]);
    const invoice = made[0]!;
    expect(await editInvoice(db, await editForm(invoice.id), basics.user.id)).toMatchObject({
      version: invoice.version,
    });
    expect(await eventsFor(db, "invoice", invoice.id)).toEqual(["invoice_generated"]);

    const form = await editForm(invoice.id, { dueDate: "2027-02-01" });
    const first = await editInvoice(db, form, basics.user.id);
    const twin = await editInvoice(db, form, basics.user.id);
    expect(twin).toMatchObject({ id: first.id, version: first.version, dueDate: "2027-02-01" });
    expect(await eventsFor(db, "invoice", invoice.id)).toEqual(["invoice_generated", "updated"]);
  });

  it("refuses a stale form, a due date before the invoice date, and another document's line", async () => {
    const { invoices: made } = await invoicedOrder(["15.5"]);
    const other = (await invoicedOrder(["15.5"])).invoices[0]!;
    const invoice = made[0]!;
    const stale = await editForm(invoice.id, { dueDate: "2027-03-01" });
    await editInvoice(db, await editForm(invoice.id, { reference: "first" }), basics.user.id);
    await expect(editInvoice(db, stale, basics.user.id)).rejects.toThrow(/Someone else changed this invoice/);

    await expect(
      editInvoice(db, await editForm(invoice.id, { dueDate: "2026-11-24" }), basics.user.id),
    ).rejects.toMatchObject({ fieldErrors: { dueDate: ["The due date can't be before the invoice date."] } });

    const [foreign] = await linesOf(other.id);
    await expect(
      editInvoice(
        db,
        await editForm(invoice.id, { lines: [{ id: foreign!.id, description: "Hijacked" }] }),
        basics.user.id,
      ),
    ).rejects.toMatchObject({
      fieldErrors: { "lines.0.description": [expect.stringContaining("no longer on")] },
    });
    expect((await linesOf(other.id))[0]!.description).toBe("Machining");
  });

  it("keeps a rounding line's description, so the order's invoices still say what adds them up", async () => {
    const { order, invoices: made } = await invoicedOrder(["2.75", "12.75"]);
    const last = made[1]!;
    const lines = await linesOf(last.id);
    const rounding = lines.find((l) => l.kind === "rounding");
    expect(rounding?.description).toContain(order.number);
    await expect(
      editInvoice(
        db,
        await editForm(last.id, { lines: [{ id: rounding!.id, description: "Discount" }] }),
        basics.user.id,
      ),
    ).rejects.toMatchObject({
      fieldErrors: { "lines.0.description": [expect.stringContaining("rounding line keeps")] },
    });
    // Its own description sent back unchanged is fine, as is editing the item line beside it.
    const item = lines.find((l) => l.kind === "item")!;
    await editInvoice(
      db,
      await editForm(last.id, {
        lines: [
          { id: rounding!.id, description: rounding!.description },
          { id: item.id, description: "Machining, second batch" },
        ],
      }),
      basics.user.id,
    );
    const after = await linesOf(last.id);
    expect(after.map((l) => [l.kind, l.description, l.lineAmount])).toEqual(
      lines.map((l) => [l.kind, l.kind === "item" ? "Machining, second batch" : l.description, l.lineAmount]),
    );
  });

  it("refuses once the invoice is paid or voided, or Xero no longer accepts changes to it", async () => {
    const refusedWith = async (id: string, message: RegExp) => {
      const before = await current(id);
      await expect(
        editInvoice(db, await editForm(id, { reference: "late" }), basics.user.id),
      ).rejects.toThrow(message);
      expect(await current(id)).toMatchObject({ version: before.version, reference: before.reference });
    };

    const paid = (await invoicedOrder(["15.5"])).invoices[0]!;
    await db.update(invoices).set({ status: "paid" }).where(eq(invoices.id, paid.id));
    await refusedWith(paid.id, new RegExp(`Invoice ${paid.number} is paid, so it can't be changed`));

    const paidInXero = (await invoicedOrder(["15.5"])).invoices[0]!;
    await setSyncState("invoice", paidInXero.id, { state: "sent", xeroId: randomUUID(), xeroStatus: "PAID" });
    await refusedWith(paidInXero.id, /can't be changed: The invoice is paid in Xero/);

    const locked = (await invoicedOrder(["15.5"])).invoices[0]!;
    const xeroWords = "This document cannot be edited as it has a payment or credit note allocated to it.";
    await setSyncState("invoice", locked.id, {
      state: "locked",
      xeroId: randomUUID(),
      xeroStatus: "AUTHORISED",
      lastError: xeroWords,
    });
    await refusedWith(locked.id, new RegExp(xeroWords));
    expect(invoiceEditRefusal(await current(locked.id), undefined)).toBeNull();

    // Awaiting payment in Xero: still editable.
    const open = (await invoicedOrder(["15.5"])).invoices[0]!;
    await setSyncState("invoice", open.id, { state: "sent", xeroId: randomUUID(), xeroStatus: "AUTHORISED" });
    await expect(
      editInvoice(db, await editForm(open.id, { reference: "fine" }), basics.user.id),
    ).resolves.toMatchObject({ reference: "fine" });
  });
});

describe("editing a bill", () => {
  it("saves the supplier's invoice number, due date, notes and a line's description; sums stay", async () => {
    const { bill } = await billedOrder();
    const [item] = await db.select().from(billLines).where(eq(billLines.billId, bill.id));
    const saved = await editBill(
      db,
      {
        id: bill.id,
        version: bill.version,
        idempotencyKey: randomUUID(),
        supplierInvoiceNumber: "SUP-CORRECTED",
        dueDate: "2027-01-20",
        notes: "Checked against the delivery docket",
        lines: [{ id: item!.id, description: "Steel plate, 10 mm" }],
      },
      basics.user.id,
    );
    expect(saved).toMatchObject({
      supplierInvoiceNumber: "SUP-CORRECTED",
      dueDate: "2027-01-20",
      notes: "Checked against the delivery docket",
      total: bill.total,
      version: bill.version + 1,
    });
    const [after] = await db.select().from(billLines).where(eq(billLines.billId, bill.id));
    expect(after).toMatchObject({ description: "Steel plate, 10 mm", lineAmount: item!.lineAmount });
    expect(await eventsFor(db, "bill", bill.id)).toEqual(["converted_to_bill", "updated"]);
  });

  it("refuses a due date before the bill date, and a bill Xero holds as paid", async () => {
    const { bill } = await billedOrder();
    const form = {
      id: bill.id,
      version: bill.version,
      idempotencyKey: randomUUID(),
      supplierInvoiceNumber: bill.supplierInvoiceNumber,
      dueDate: "2026-11-01",
      notes: "",
      lines: [],
    };
    await expect(editBill(db, form, basics.user.id)).rejects.toMatchObject({
      fieldErrors: { dueDate: ["The due date can't be before the bill date."] },
    });
    await setSyncState("bill", bill.id, { state: "sent", xeroId: randomUUID(), xeroStatus: "PAID" });
    const refused = editBill(db, { ...form, dueDate: "2027-01-01" }, basics.user.id);
    await expect(refused).rejects.toBeInstanceOf(RecordError);
    await expect(refused).rejects.toThrow(`Bill ${bill.number} can't be changed: The bill is paid in Xero`);
    const [unchanged] = await db.select().from(bills).where(eq(bills.id, bill.id));
    expect(unchanged?.dueDate).toBe("2026-12-20");
  });
});
