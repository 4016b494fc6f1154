import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addQuantityInvoiced } from "@/lib/db/queries/sales-orders";
import { invoiceLines, invoices, salesOrderLines, salesOrders } from "@/lib/db/schema";
import {
  changeSalesOrderStatus,
  createSalesOrder,
  generateInvoice,
  updateSalesOrderFromForm,
} from "@/lib/factory/sales-orders";
import { testDb } from "../../support/db";
import { eventsFor, line, salesOrderForm, seedBasics } from "./fixtures";

const db = testDb();
let basics: Awaited<ReturnType<typeof seedBasics>>;
beforeAll(async () => {
  basics = await seedBasics(db);
});

async function orderWithTwoLines() {
  const order = await createSalesOrder(
    db,
    salesOrderForm(basics.customer.id, {
      lines: [
        line({ description: "Brackets", quantity: "10", unitPrice: "0.3333", taxRateId: basics.gst.id }),
        line({
          description: "Powder coat",
          quantity: "4",
          unitPrice: "25",
          discountPercent: "10",
          taxRateId: basics.gst.id,
        }),
      ],
    }),
    basics.user.id,
  );
  const lines = await db
    .select()
    .from(salesOrderLines)
    .where(eq(salesOrderLines.salesOrderId, order.id))
    .orderBy(asc(salesOrderLines.position));
  return { order, lines };
}

async function currentOrder(id: string) {
  const [order] = await db.select().from(salesOrders).where(eq(salesOrders.id, id));
  return order!;
}

const invoiceInput = (
  order: { id: string; version: number },
  lines: { orderLineId: string; quantity: string }[],
) => ({
  salesOrderId: order.id,
  version: order.version,
  idempotencyKey: randomUUID(),
  issueDate: "2026-11-25",
  dueDate: "2026-12-20",
  reference: "",
  lines,
});

describe("sales orders and invoices", () => {
  it("creates an order with a created event", async () => {
    const { order } = await orderWithTwoLines();
    expect(order.number).toMatch(/^SO-\d{5}$/);
    // 10 × 0.3333 = 3.333 → 3.33, tax 0.4995 → 0.50; 4 × 25 less 10 % = 90.00, tax 13.50.
    expect(order).toMatchObject({ status: "draft", subtotal: "93.33", taxTotal: "14.00", total: "107.33" });
    expect(await eventsFor(db, "sales_order", order.id)).toEqual(["created"]);
  });

  it("invoices part of an order, tracks what remains, and invoices the rest on a second invoice", async () => {
    const { order, lines } = await orderWithTwoLines();
    const [brackets, coat] = lines;
    const first = await generateInvoice(
      db,
      invoiceInput(order, [
        { orderLineId: brackets!.id, quantity: "4" },
        { orderLineId: coat!.id, quantity: "0" },
      ]),
      basics.user.id,
    );
    expect(first.number).toMatch(/^SI-\d{5}$/);
    // 4 × 0.3333 = 1.3332 → 1.33; tax 0.1995 → 0.20.
    expect(first).toMatchObject({ subtotal: "1.33", taxTotal: "0.20", total: "1.53", dueDate: "2026-12-20" });
    let after = await currentOrder(order.id);
    expect(after.status).toBe("partially_invoiced");
    expect(after.version).toBe(order.version + 1);

    const second = await generateInvoice(
      db,
      invoiceInput(after, [
        { orderLineId: brackets!.id, quantity: "6" },
        { orderLineId: coat!.id, quantity: "4" },
      ]),
      basics.user.id,
    );
    after = await currentOrder(order.id);
    expect(after.status).toBe("invoiced");
    const invoiced = await db
      .select({ quantity: salesOrderLines.quantity, invoiced: salesOrderLines.quantityInvoiced })
      .from(salesOrderLines)
      .where(eq(salesOrderLines.salesOrderId, order.id))
      .orderBy(asc(salesOrderLines.position));
    expect(invoiced).toEqual([
      { quantity: "10.0000", invoiced: "10.0000" },
      { quantity: "4.0000", invoiced: "4.0000" },
    ]);
    const secondLines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, second.id));
    expect(secondLines.map((row) => [row.quantity, row.lineAmount, row.taxAmount]).sort()).toEqual([
      ["4.0000", "90.00", "13.50"],
      ["6.0000", "2.00", "0.30"],
    ]);
    expect(await eventsFor(db, "invoice", first.id)).toEqual(["invoice_generated"]);
    expect(await eventsFor(db, "invoice", second.id)).toEqual(["invoice_generated"]);
    // Invoicing doesn't re-send the order: its only event is still "created".
    expect(await eventsFor(db, "sales_order", order.id)).toEqual(["created"]);
  });

  it("refuses to invoice more than remains, with the error on the line", async () => {
    const { order, lines } = await orderWithTwoLines();
    await expect(
      generateInvoice(
        db,
        invoiceInput(order, [{ orderLineId: lines[0]!.id, quantity: "10.0001" }]),
        basics.user.id,
      ),
    ).rejects.toMatchObject({ fieldErrors: { "lines.0.quantity": ["Only 10 remain to be invoiced."] } });
    expect(await db.select().from(invoices).where(eq(invoices.salesOrderId, order.id))).toEqual([]);
  });

  it("lets only one of two simultaneous invoices through; the other is told the order changed", async () => {
    const { order, lines } = await orderWithTwoLines();
    const request = () =>
      generateInvoice(
        db,
        invoiceInput(order, [{ orderLineId: lines[0]!.id, quantity: "6" }]),
        basics.user.id,
      );
    const results = await Promise.allSettled([request(), request(), request()]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results.filter((result) => result.status === "rejected")) {
      expect(String(result.reason)).toMatch(/Someone else changed this sales order/);
    }
    const [line] = await db.select().from(salesOrderLines).where(eq(salesOrderLines.id, lines[0]!.id));
    expect(line?.quantityInvoiced).toBe("6.0000");
  });

  it("has the database refuse over-invoicing even past the rules (the last line of defence)", async () => {
    const { lines } = await orderWithTwoLines();
    await expect(
      db.transaction((tx) => addQuantityInvoiced(tx, lines[0]!.id, "10.0001")),
    ).rejects.toMatchObject({ cause: { constraint_name: "sales_order_lines_quantity_invoiced_range" } });
  });

  it("returns the same invoice for a double-clicked Generate, with one number and one event", async () => {
    const { order, lines } = await orderWithTwoLines();
    const input = invoiceInput(order, [{ orderLineId: lines[1]!.id, quantity: "1" }]);
    const [a, b] = await Promise.all([
      generateInvoice(db, input, basics.user.id),
      generateInvoice(db, input, basics.user.id),
    ]);
    expect(b.id).toBe(a.id);
    expect(await db.select().from(invoices).where(eq(invoices.salesOrderId, order.id))).toHaveLength(1);
    expect(await eventsFor(db, "invoice", a.id)).toEqual(["invoice_generated"]);
  });

  it("keeps invoiced lines when the order is edited: no lower quantity, no removal", async () => {
    const { order, lines } = await orderWithTwoLines();
    await generateInvoice(
      db,
      invoiceInput(order, [{ orderLineId: lines[0]!.id, quantity: "5" }]),
      basics.user.id,
    );
    const current = await currentOrder(order.id);
    const asForm = lines.map((row) => ({
      id: row.id,
      productId: "",
      description: row.description,
      quantity: row.quantity,
      unitPrice: row.unitPrice,
      discountPercent: row.discountPercent,
      taxRateId: row.taxRateId ?? "",
    }));
    const edit = (overrides: Parameters<typeof salesOrderForm>[1]) =>
      salesOrderForm(basics.customer.id, { id: order.id, version: current.version, ...overrides });

    await expect(
      updateSalesOrderFromForm(
        db,
        edit({ lines: [{ ...asForm[0]!, quantity: "4" }, asForm[1]!] }),
        basics.user.id,
      ),
    ).rejects.toMatchObject({
      fieldErrors: { "lines.0.quantity": ["5 already invoiced; the quantity can't go below that."] },
    });
    await expect(updateSalesOrderFromForm(db, edit({ lines: [asForm[1]!] }), basics.user.id)).rejects.toThrow(
      /“Brackets” is already invoiced/,
    );
    // Trimming the invoiced line to its invoiced quantity and dropping the other line finishes the order.
    const saved = await updateSalesOrderFromForm(
      db,
      edit({ lines: [{ ...asForm[0]!, quantity: "5" }] }),
      basics.user.id,
    );
    expect(saved).toMatchObject({ status: "invoiced", subtotal: "1.67" });
    await expect(updateSalesOrderFromForm(db, edit({}), basics.user.id)).rejects.toThrow(
      /Someone else changed/,
    );
    expect(await eventsFor(db, "sales_order", order.id)).toEqual(["created", "updated"]);
  });

  it("refuses a stale invoice form and follows the status rules", async () => {
    const { order, lines } = await orderWithTwoLines();
    const confirmed = await changeSalesOrderStatus(
      db,
      { id: order.id, version: order.version, status: "confirmed" },
      basics.user.id,
    );
    await expect(
      generateInvoice(
        db,
        invoiceInput(order, [{ orderLineId: lines[0]!.id, quantity: "1" }]),
        basics.user.id,
      ),
    ).rejects.toThrow(/Someone else changed this sales order/);
    const cancelled = await changeSalesOrderStatus(
      db,
      { id: order.id, version: confirmed.version, status: "cancelled" },
      basics.user.id,
    );
    await expect(
      generateInvoice(
        db,
        invoiceInput(cancelled, [{ orderLineId: lines[0]!.id, quantity: "1" }]),
        basics.user.id,
      ),
    ).rejects.toThrow("An order that is cancelled can't be invoiced.");
  });
});
