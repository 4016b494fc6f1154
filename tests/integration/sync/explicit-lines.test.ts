import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { syncSuite } from "./support/suite";

/**
 * Every line Factory sends names its account and tax type, so Xero never fills one in (issue 11
 * items 2 and 3; docs/xero/api-behaviour.md#tax-and-account-defaults). Asserted on the simulator's own records,
 * which apply Xero's defaults whenever a line leaves them out.
 */
const { sim, ctx } = await syncSuite("sync_explicit_lines", {
  // Other Revenue as the default sales account, so a line on the item's own account (200) shows.
  settings: { salesAccountCode: "260", billStatus: "AUTHORISED" },
  worker: { timeoutMs: 5000 },
});
const { simRecords, waitFor } = await import("./support/sync-db");
const { getSyncState } = await import("@/lib/db/queries/sync-states");
const { createSalesOrder } = await import("@/lib/factory/sales-orders");
const { createPurchaseOrder, convertToBill } = await import("@/lib/factory/purchase-orders");
const { findPurchaseOrderLines } = await import("@/lib/db/queries/purchase-orders");
const { setProductItemLink } = await import("@/lib/linking/items");
const { products } = await import("@/lib/db/schema");
const fixtures = await import("../documents/fixtures");

const sentState = (type: Parameters<typeof getSyncState>[1], id: string) =>
  waitFor(`${type} ${id} sent`, async () => {
    const state = await getSyncState(ctx.db, type, id);
    if (state?.state === "failed") throw new Error(`${type} failed: ${state.lastError ?? ""}`);
    return state?.state === "sent" ? state : undefined;
  });

/** A product linked (through the real link path) to the simulator's seeded item with this code. */
async function productLinkedTo(code: string): Promise<string> {
  const items = await simRecords(sim, ctx.tenantId, "items");
  const item = items.find((i) => i.Code === code);
  if (!item) throw new Error(`no seeded item ${code}`);
  const [product] = await ctx.db
    .insert(products)
    .values({ sku: `P-${randomUUID().slice(0, 8)}`, name: code, taxRateId: ctx.gstId })
    .returning({ id: products.id });
  await setProductItemLink(ctx.db, { productId: product!.id, itemId: item.ItemID as string, userId: null });
  return product!.id;
}

type XeroLine = { Description: string; AccountCode?: string; TaxType?: string; TaxAmount: number };

describe("every line names its account and tax type", () => {
  it("sends an untaxed line with the no-tax type, so Xero does not tax it at the account's 15 %", async () => {
    const laser = await productLinkedTo("SVC-LASER");
    const order = await createSalesOrder(
      ctx.db,
      fixtures.salesOrderForm(ctx.customerId, {
        lines: [
          fixtures.line({ description: "Untaxed freight", quantity: "1", unitPrice: "100", taxRateId: "" }),
          fixtures.line({
            description: "Laser time",
            productId: laser,
            quantity: "10",
            unitPrice: "4.50",
            taxRateId: ctx.gstId,
          }),
        ],
      }),
      ctx.userId,
    );
    const state = await sentState("sales_order", order.id);
    const [xero] = (await simRecords(sim, ctx.tenantId, "invoices")).filter(
      (i) => i.InvoiceID === state.xeroId,
    );
    const lines = xero?.LineItems as XeroLine[];
    // The untaxed line: the default account (260, whose own tax is 15 % GST) and NONE, taxed at 0.
    expect(lines[0]).toMatchObject({ AccountCode: "260", TaxType: "NONE", TaxAmount: 0 });
    // The linked item's line: the item's own sales account, not the default.
    expect(lines[1]).toMatchObject({ ItemCode: "SVC-LASER", AccountCode: "200", TaxType: "OUTPUT2" });
    expect({ subtotal: xero?.SubTotal, tax: xero?.TotalTax, total: xero?.Total }).toEqual({
      subtotal: Number(order.subtotal),
      tax: Number(order.taxTotal),
      total: Number(order.total),
    });
  });

  it("approves a bill whose line's Xero item has no purchase account, naming the default one", async () => {
    // SVC-LASER is sold only: Xero's item has no PurchaseDetails, so without an AccountCode an
    // AUTHORISED bill is refused ("An account code must be specified for line items with an amount").
    const laser = await productLinkedTo("SVC-LASER");
    const order = await createPurchaseOrder(
      ctx.db,
      fixtures.purchaseOrderForm(ctx.supplierId, {
        lines: [fixtures.line({ productId: laser, quantity: "2", unitPrice: "3.00", taxRateId: ctx.gstId })],
      }),
      ctx.userId,
    );
    await sentState("purchase_order", order.id);
    const [orderLine] = await findPurchaseOrderLines(ctx.db, order.id);
    const bill = await convertToBill(
      ctx.db,
      {
        purchaseOrderId: order.id,
        version: order.version,
        idempotencyKey: randomUUID(),
        supplierInvoiceNumber: `SUP-${randomUUID().slice(0, 6)}`,
        billDate: "2026-11-25",
        dueDate: "2026-12-20",
        lines: [{ orderLineId: orderLine!.id, quantity: "2" }],
      },
      ctx.userId,
    );
    const state = await sentState("bill", bill.id);
    const [xero] = (await simRecords(sim, ctx.tenantId, "invoices")).filter(
      (i) => i.InvoiceID === state.xeroId,
    );
    expect(xero).toMatchObject({ Type: "ACCPAY", Status: "AUTHORISED", Total: Number(bill.total) });
    // Sent AUTHORISED (the setting), so Factory may say "awaiting payment"; and the bill's own number
    // travels with it beside the purchase order's.
    expect(bill.status).toBe("awaiting_payment");
    expect((xero?.LineItems as XeroLine[]).at(-1)?.Description).toBe(
      `Factory bill #${bill.number} · purchase order #${order.number}`,
    );
    expect((xero?.LineItems as XeroLine[])[0]).toMatchObject({
      ItemCode: "SVC-LASER",
      AccountCode: "300",
      TaxType: "INPUT2",
    });
  });
});
