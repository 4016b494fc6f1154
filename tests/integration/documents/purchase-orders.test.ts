import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { billLines, bills, purchaseOrderLines, purchaseOrders } from "@/lib/db/schema";
import { convertToBill, createPurchaseOrder } from "@/lib/factory/purchase-orders";
import { testDb } from "../../support/db";
import { eventsFor, line, purchaseOrderForm, seedBasics } from "./fixtures";

const db = testDb();
let basics: Awaited<ReturnType<typeof seedBasics>>;
beforeAll(async () => {
  basics = await seedBasics(db);
});

const billInput = (
  order: { id: string; version: number },
  lines: { orderLineId: string; quantity: string }[],
) => ({
  purchaseOrderId: order.id,
  version: order.version,
  idempotencyKey: randomUUID(),
  supplierInvoiceNumber: "INV-7781",
  billDate: "2026-11-26",
  dueDate: "2026-12-20",
  lines,
});

describe("purchase orders and bills", () => {
  it("creates a purchase order with its delivery details, costs and a created event", async () => {
    const order = await createPurchaseOrder(
      db,
      purchaseOrderForm(basics.supplier.id, {
        lines: [
          line({
            productId: basics.product.id,
            quantity: "100",
            unitPrice: "7.2500",
            taxRateId: basics.gst.id,
          }),
        ],
      }),
      basics.user.id,
    );
    expect(order.number).toMatch(/^PO-\d{5}$/);
    expect(order).toMatchObject({
      status: "draft",
      deliveryDate: "2026-12-01",
      subtotal: "725.00",
      taxTotal: "108.75",
      total: "833.75",
    });
    expect(order.deliveryAddress).toMatchObject({ line1: "12 Foundry Road", city: "Hamilton" });
    const [saved] = await db
      .select()
      .from(purchaseOrderLines)
      .where(eq(purchaseOrderLines.purchaseOrderId, order.id));
    expect(saved?.unitCost).toBe("7.2500");
    expect(await eventsFor(db, "purchase_order", order.id)).toEqual(["created"]);
  });

  it("converts part of an order to a bill, then the rest, and refuses over-billing", async () => {
    const order = await createPurchaseOrder(
      db,
      purchaseOrderForm(basics.supplier.id, {
        lines: [
          line({ description: "Plate 3 mm", quantity: "20", unitPrice: "41.1250", taxRateId: basics.gst.id }),
          line({ description: "Freight", quantity: "1", unitPrice: "85" }),
        ],
      }),
      basics.user.id,
    );
    const lines = await db
      .select()
      .from(purchaseOrderLines)
      .where(eq(purchaseOrderLines.purchaseOrderId, order.id))
      .orderBy(asc(purchaseOrderLines.position));
    const bill = await convertToBill(
      db,
      billInput(order, [
        { orderLineId: lines[0]!.id, quantity: "7" },
        { orderLineId: lines[1]!.id, quantity: "1" },
      ]),
      basics.user.id,
    );
    expect(bill.number).toMatch(/^BL-\d{5}$/);
    // Xero keeps purchase order (and so bill) costs to 2 dp: 41.125 is held as 41.13, so
    // 7 × 41.13 = 287.91, tax 43.1865 → 43.19; freight 85.00, no tax.
    expect(bill).toMatchObject({
      supplierInvoiceNumber: "INV-7781",
      billDate: "2026-11-26",
      dueDate: "2026-12-20",
      // Xero settings send bills as DRAFT by default: not yet "awaiting payment" there, nor here.
      status: "draft",
      subtotal: "372.91",
      taxTotal: "43.19",
      total: "416.10",
    });
    let [after] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.id, order.id));
    expect(after?.status).toBe("partially_billed");
    await expect(
      convertToBill(db, billInput(after!, [{ orderLineId: lines[1]!.id, quantity: "1" }]), basics.user.id),
    ).rejects.toMatchObject({ fieldErrors: { "lines.0.quantity": ["This line is already fully billed."] } });
    await expect(
      convertToBill(db, billInput(after!, [{ orderLineId: lines[0]!.id, quantity: "14" }]), basics.user.id),
    ).rejects.toMatchObject({ fieldErrors: { "lines.0.quantity": ["Only 13 remain to be billed."] } });

    const rest = await convertToBill(
      db,
      billInput(after!, [{ orderLineId: lines[0]!.id, quantity: "13" }]),
      basics.user.id,
    );
    [after] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.id, order.id));
    expect(after?.status).toBe("billed");
    const restLines = await db.select().from(billLines).where(eq(billLines.billId, rest.id));
    expect(restLines).toMatchObject([
      { purchaseOrderLineId: lines[0]!.id, quantity: "13.0000", unitCost: "41.1250" },
    ]);
    expect(await eventsFor(db, "bill", bill.id)).toEqual(["converted_to_bill"]);
    expect(await eventsFor(db, "bill", rest.id)).toEqual(["converted_to_bill"]);
    expect(await db.select().from(bills).where(eq(bills.purchaseOrderId, order.id))).toHaveLength(2);
  });

  it("refuses an archived supplier on a new order", async () => {
    const { suppliers } = await import("@/lib/db/schema");
    const [archived] = await db
      .insert(suppliers)
      .values({
        code: `ST-${randomUUID().slice(0, 8)}`,
        name: "Gone Ltd",
        currency: "NZD",
        archivedAt: new Date(),
      })
      .returning();
    await expect(
      createPurchaseOrder(db, purchaseOrderForm(archived!.id), basics.user.id),
    ).rejects.toMatchObject({
      fieldErrors: {
        supplierId: ["Gone Ltd is archived. Choose another supplier or restore this one first."],
      },
    });
  });
});
