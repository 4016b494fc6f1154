import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { APP_URL } from "./support/sim-env";
import { syncSuite } from "./support/suite";

const { sim, ctx } = await syncSuite("sync_documents", { worker: { timeoutMs: 5000 } });
const { simRecords, waitFor } = await import("./support/sync-db");
const { getSyncState, listSyncLog } = await import("@/lib/db/queries/sync-states");
const { createQuote } = await import("@/lib/factory/quotes");
const { createSalesOrder, generateInvoice } = await import("@/lib/factory/sales-orders");
const { createPurchaseOrder, convertToBill } = await import("@/lib/factory/purchase-orders");
const { findSalesOrderLines } = await import("@/lib/db/queries/sales-orders");
const fixtures = await import("../documents/fixtures");

const sentState = (type: Parameters<typeof getSyncState>[1], id: string) =>
  waitFor(`${type} ${id} sent`, async () => {
    const state = await getSyncState(ctx.db, type, id);
    return state?.state === "sent" ? state : undefined;
  });

/** The first success logged for a record (written just after its state turns "sent"). */
const loggedSuccess = (id: string) =>
  waitFor(`a logged success for ${id}`, async () =>
    (await listSyncLog(ctx.db, { recordId: id, outcome: "success" })).at(0),
  );

const line = (overrides = {}) =>
  fixtures.line({
    description: "Laser cutting",
    quantity: "3",
    unitPrice: "12.345",
    taxRateId: ctx.gstId,
    ...overrides,
  });

describe("documents reach Xero as soon as they are created", () => {
  it("sends a quote as a DRAFT Xero quote with its number back in Factory", async () => {
    const quote = await createQuote(
      ctx.db,
      fixtures.quoteForm(ctx.customerId, { lines: [line()] }),
      ctx.userId,
    );
    const state = await sentState("quote", quote.id);
    const quotes = (await simRecords(sim, ctx.tenantId, "quotes")).filter((q) => q.QuoteID === state.xeroId);
    expect(quotes).toHaveLength(1);
    const [xero] = quotes;
    expect(xero).toMatchObject({
      Status: "DRAFT",
      LineAmountTypes: "EXCLUSIVE",
      Reference: quote.number,
      QuoteNumber: state.xeroNumber,
    });
    expect((xero?.LineItems as { Description: string }[]).map((l) => l.Description)).toEqual([
      "Laser cutting",
      `Factory quote #${quote.number}`,
    ]);
    // Quotes take no unitdp, so Xero keeps 12.35 for 12.345 (a price the quote form now refuses): Factory
    // prices the quote the same way before sending, so both hold 3 × 12.35 + 15 % = 42.61.
    expect(xero?.Total).toBe(42.61);
    expect({ xero: state.xeroTotal, factory: state.factoryTotal }).toEqual({
      xero: "42.61",
      factory: "42.61",
    });
  });

  it("sends a sales order as a DRAFT ACCREC invoice, then its first invoice authorises that draft", async () => {
    const order = await createSalesOrder(
      ctx.db,
      fixtures.salesOrderForm(ctx.customerId, {
        lines: [line(), line({ description: "Bending", quantity: "1" })],
      }),
      ctx.userId,
    );
    const orderState = await sentState("sales_order", order.id);
    const [draft] = (await simRecords(sim, ctx.tenantId, "invoices")).filter(
      (i) => i.InvoiceID === orderState.xeroId,
    );
    expect(draft).toMatchObject({
      Type: "ACCREC",
      Status: "DRAFT",
      Url: `${APP_URL}/sales-orders/${order.id}`,
    });

    const lines = await findSalesOrderLines(ctx.db, order.id);
    const first = await generateInvoice(
      ctx.db,
      {
        salesOrderId: order.id,
        version: order.version,
        idempotencyKey: randomUUID(),
        issueDate: "2026-11-25",
        dueDate: "2026-12-20",
        reference: "",
        lines: [{ orderLineId: lines[0]!.id, quantity: "3" }],
      },
      ctx.userId,
    );
    const firstState = await sentState("invoice", first.id);
    expect(firstState.xeroId).toBe(orderState.xeroId);
    // The order's draft is now the authorised invoice: the order's card must not still say DRAFT.
    expect(await getSyncState(ctx.db, "sales_order", order.id)).toMatchObject({
      xeroId: orderState.xeroId,
      xeroStatus: "AUTHORISED",
    });
    // The sync log links an invoice's entries to its order.
    expect(await loggedSuccess(first.id)).toMatchObject({
      recordType: "invoice",
      salesOrderId: order.id,
      purchaseOrderId: null,
    });

    const second = await generateInvoice(
      ctx.db,
      {
        salesOrderId: order.id,
        version: order.version + 1,
        idempotencyKey: randomUUID(),
        issueDate: "2026-11-26",
        dueDate: "2026-12-20",
        reference: "",
        lines: [{ orderLineId: lines[1]!.id, quantity: "1" }],
      },
      ctx.userId,
    );
    const secondState = await sentState("invoice", second.id);
    expect(secondState.xeroId).not.toBe(orderState.xeroId);

    const invoices = (await simRecords(sim, ctx.tenantId, "invoices")).filter((i) =>
      [orderState.xeroId, secondState.xeroId].includes(i.InvoiceID as string),
    );
    expect(invoices).toHaveLength(2);
    for (const invoice of invoices) expect(invoice).toMatchObject({ Status: "AUTHORISED", Type: "ACCREC" });
    const authorisedDraft = invoices.find((i) => i.InvoiceID === orderState.xeroId);
    expect(authorisedDraft?.InvoiceNumber).toBe(orderState.xeroNumber);
    expect(authorisedDraft?.Total).toBe(Number(first.total));
  });

  it("sends a purchase order and its bill, the bill carrying the supplier's invoice number", async () => {
    const order = await createPurchaseOrder(
      ctx.db,
      fixtures.purchaseOrderForm(ctx.supplierId, { lines: [line({ unitPrice: "7.25" })] }),
      ctx.userId,
    );
    const orderState = await sentState("purchase_order", order.id);
    const [xeroOrder] = (await simRecords(sim, ctx.tenantId, "purchaseOrders")).filter(
      (p) => p.PurchaseOrderID === orderState.xeroId,
    );
    expect(xeroOrder).toMatchObject({ Status: "DRAFT", Reference: order.number, Total: Number(order.total) });

    const [orderLine] = await (
      await import("@/lib/db/queries/purchase-orders")
    ).findPurchaseOrderLines(ctx.db, order.id);
    const bill = await convertToBill(
      ctx.db,
      {
        purchaseOrderId: order.id,
        version: order.version,
        idempotencyKey: randomUUID(),
        supplierInvoiceNumber: "SUP-991",
        billDate: "2026-11-25",
        dueDate: "2026-12-20",
        lines: [{ orderLineId: orderLine!.id, quantity: "3" }],
      },
      ctx.userId,
    );
    const billState = await sentState("bill", bill.id);
    const bills = (await simRecords(sim, ctx.tenantId, "invoices")).filter(
      (i) => i.InvoiceID === billState.xeroId,
    );
    expect(bills).toHaveLength(1);
    expect(bills[0]).toMatchObject({ Type: "ACCPAY", InvoiceNumber: "SUP-991", Status: "DRAFT" });
    expect(bills[0]).not.toHaveProperty("Reference");
    expect(await loggedSuccess(bill.id)).toMatchObject({
      recordType: "bill",
      purchaseOrderId: order.id,
      salesOrderId: null,
    });
  });
});
