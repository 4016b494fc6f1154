import { randomUUID } from "node:crypto";
import { Invoice } from "xero-node";
import { describe, expect, it } from "vitest";
import { syncSuite } from "./support/suite";

/**
 * Issue 12: lifecycle changes made in Factory reach Xero through the planner's "status" plan —
 * a cancelled order's draft is deleted, a voided invoice or bill voided (or deleted while Xero holds
 * it unapproved), a quote's acceptance and a purchase order's cancellation or full billing follow —
 * and Xero's refusal is kept on the document when it refuses. Every test asserts the simulator's
 * own record.
 */
const { sim, ctx, kit } = await syncSuite("sync_lifecycle");
const { simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { withXero } = await import("@/lib/xero/api/session");
const { changeSalesOrderStatus } = await import("@/lib/factory/sales-orders");
const { findSalesOrder, findSalesOrderLines } = await import("@/lib/db/queries/sales-orders");
const { findInvoice } = await import("@/lib/db/queries/invoices");
const { voidInvoice, voidBill } = await import("@/lib/factory/void-documents");
const { createQuote, changeQuoteStatus } = await import("@/lib/factory/quotes");
const { createPurchaseOrder, changePurchaseOrderStatus, convertToBill } =
  await import("@/lib/factory/purchase-orders");
const { findPurchaseOrderLines, findPurchaseOrder } = await import("@/lib/db/queries/purchase-orders");
const { getSyncState, listSyncLog } = await import("@/lib/db/queries/sync-states");
const fixtures = await import("../documents/fixtures");

async function simDocument(collection: "invoices" | "quotes" | "purchaseOrders", id: string | null) {
  const idField = { invoices: "InvoiceID", quotes: "QuoteID", purchaseOrders: "PurchaseOrderID" }[collection];
  return (await simRecords(sim, ctx.tenantId, collection)).find((record) => record[idField] === id);
}

const settled = (type: Parameters<typeof kit.stateOf>[0], id: string, want: string) =>
  kit.stateOf(type, id, want);

/** Waits until Xero's status, as the document's sync state last heard it, is `status`. */
const heard = (type: Parameters<typeof kit.stateOf>[0], id: string, status: string) =>
  waitFor(
    `${type} ${id} heard ${status}`,
    async () => {
      const state = await getSyncState(ctx.db, type, id);
      return state?.state === "sent" && state.xeroStatus === status ? state : undefined;
    },
    45_000,
  );

async function cancelOrder(orderId: string) {
  const order = await findSalesOrder(ctx.db, orderId);
  if (!order) throw new Error("no order");
  return changeSalesOrderStatus(
    ctx.db,
    { id: order.id, version: order.version, status: "cancelled" },
    ctx.userId,
  );
}

const voidIt = async (invoiceId: string) => {
  const invoice = await findInvoice(ctx.db, invoiceId);
  if (!invoice) throw new Error("no invoice");
  return voidInvoice(ctx.db, { id: invoice.id, version: invoice.version }, ctx.userId);
};

describe("cancelling a sales order", { timeout: 120_000 }, () => {
  it("deletes the order's Xero draft", async () => {
    await kit.setAutoSend({ orders: true, invoices: true });
    const order = await kit.newOrder();
    const sent = await settled("sales_order", order.id, "sent");
    expect((await simDocument("invoices", sent.xeroId))?.Status).toBe("DRAFT");

    await cancelOrder(order.id);
    const state = await heard("sales_order", order.id, "DELETED");
    expect(state.xeroId).toBe(sent.xeroId);
    expect((await simDocument("invoices", sent.xeroId))?.Status).toBe("DELETED");
    const log = await listSyncLog(ctx.db, { recordId: order.id });
    expect(log.map((entry) => entry.operation)).toContain("status DRAFT → DELETED");
  });

  it("brought back to draft, the order gets a new Xero draft beside the deleted one", async () => {
    const order = await kit.newOrder();
    const first = await settled("sales_order", order.id, "sent");
    await cancelOrder(order.id);
    await heard("sales_order", order.id, "DELETED");
    const cancelled = await findSalesOrder(ctx.db, order.id);
    await changeSalesOrderStatus(
      ctx.db,
      { id: order.id, version: cancelled?.version ?? 0, status: "draft" },
      ctx.userId,
    );
    const again = await heard("sales_order", order.id, "DRAFT");
    expect(again.xeroId).not.toBe(first.xeroId);
    const statuses = (await kit.xeroInvoicesOf(order.number)).map((invoice) => invoice.Status).sort();
    expect(statuses).toEqual(["DELETED", "DRAFT"]);
  });

  it("keeps Xero's refusal when the draft was approved in Xero meanwhile, and Xero keeps it", async () => {
    const order = await kit.newOrder();
    const sent = await settled("sales_order", order.id, "sent");
    // Someone approves the draft in Xero; Factory hasn't heard.
    await withXero(ctx.db, ({ accounting, tenantId }) =>
      accounting.updateInvoice(tenantId, sent.xeroId ?? "", {
        invoices: [{ status: Invoice.StatusEnum.AUTHORISED }],
      }),
    );
    await cancelOrder(order.id);
    const locked = await kit.stateOf("sales_order", order.id, "locked");
    expect(locked.lastError).toBe(
      "Invoice not of valid status for modification. A AUTHORISED invoice cannot become DELETED.",
    );
    expect((await simDocument("invoices", sent.xeroId))?.Status).toBe("AUTHORISED");
  });

  it("sends nothing for an order cancelled before it reached Xero", async () => {
    await kit.setAutoSend({ orders: false });
    const order = await kit.newOrder();
    await cancelOrder(order.id);
    await kit.sendOne("sales_order", order.id);
    const state = await kit.stateOf("sales_order", order.id, "not_sent");
    expect(state.lastError).toBe("Never sent to Xero, so there is nothing to delete there.");
    expect(await kit.xeroInvoicesOf(order.number)).toEqual([]);
    await kit.setAutoSend({ orders: true });
  });
});

describe("voiding an invoice", { timeout: 120_000 }, () => {
  it("voids it in Xero and gives its quantities back to the order, which invoices again to its total", async () => {
    await kit.setAutoSend({ orders: true, invoices: true });
    const order = await kit.newOrder();
    await settled("sales_order", order.id, "sent");
    const first = await kit.invoice(order.id, [1]);
    const sentFirst = await settled("invoice", first.id, "sent");
    expect(sentFirst.xeroStatus).toBe("AUTHORISED");

    const voided = await voidIt(first.id);
    expect(voided.status).toBe("voided");
    const lines = await findSalesOrderLines(ctx.db, order.id);
    expect(lines.map((line) => Number(line.quantityInvoiced))).toEqual([0, 0]);
    expect((await findSalesOrder(ctx.db, order.id))?.status).toBe("confirmed");
    await heard("invoice", first.id, "VOIDED");
    expect((await simDocument("invoices", sentFirst.xeroId))?.Status).toBe("VOIDED");

    // The whole order again: one new invoice for all of it, with the order's total.
    const again = await kit.invoice(order.id);
    expect(Number(again.total)).toBe(Number(order.total));
    expect((await findSalesOrder(ctx.db, order.id))?.status).toBe("invoiced");
    const sentAgain = await settled("invoice", again.id, "sent");
    const inXero = await simDocument("invoices", sentAgain.xeroId);
    expect(inXero).toMatchObject({ Status: "AUTHORISED", Total: Number(order.total) });
    const statuses = (await kit.xeroInvoicesOf(order.number)).map((i) => i.Status).sort();
    expect(statuses).toEqual(["AUTHORISED", "VOIDED"]);
  });

  it("voided before it reached Xero, it leaves the order's draft to the next invoice", async () => {
    await kit.setAutoSend({ orders: true, invoices: false });
    const order = await kit.newOrder();
    const draft = await settled("sales_order", order.id, "sent");
    const unsent = await kit.invoice(order.id);
    await voidIt(unsent.id);
    await kit.setAutoSend({ invoices: true });
    const next = await kit.invoice(order.id);
    const sent = await settled("invoice", next.id, "sent");
    expect(sent.xeroId).toBe(draft.xeroId);
    const inXero = await kit.xeroInvoicesOf(order.number);
    expect(inXero.map((invoice) => [invoice.Status, invoice.Total])).toEqual([
      ["AUTHORISED", Number(next.total)],
    ]);
  });

  it("keeps a completing invoice's rounding out of the next one once voided", async () => {
    // 15.5 h at 47.275 + GST, invoiced as 2.75 h and 12.75 h: a cent more than the order, so the
    // second carries a rounding line (lib/factory/order-remainder.ts). Voided, it must not count.
    const order = await (
      await import("@/lib/factory/sales-orders")
    ).createSalesOrder(
      ctx.db,
      fixtures.salesOrderForm(ctx.customerId, {
        lines: [
          fixtures.line({
            description: "Welding",
            quantity: "15.5",
            unitPrice: "47.275",
            taxRateId: ctx.gstId,
          }),
        ],
      }),
      ctx.userId,
    );
    const lines = await findSalesOrderLines(ctx.db, order.id);
    const take = async (quantity: string) => {
      const current = await findSalesOrder(ctx.db, order.id);
      const { generateInvoice } = await import("@/lib/factory/sales-orders");
      return generateInvoice(
        ctx.db,
        {
          salesOrderId: order.id,
          version: current?.version ?? 0,
          idempotencyKey: randomUUID(),
          issueDate: "2026-11-25",
          dueDate: "2026-12-20",
          reference: "",
          lines: [{ orderLineId: lines[0]?.id ?? "", quantity }],
        },
        ctx.userId,
      );
    };
    const one = await take("2.75");
    const two = await take("12.75");
    expect(Number(one.total) + Number(two.total)).toBeCloseTo(Number(order.total), 2);
    expect((await findInvoice(ctx.db, two.id))?.lines.some((line) => line.kind === "rounding")).toBe(true);
    await voidIt(two.id);
    const again = await take("12.75");
    expect(Number(one.total) + Number(again.total)).toBeCloseTo(Number(order.total), 2);
    expect(again.total).toBe(two.total);
  });

  it("shows Xero's refusal when Xero has a payment Factory hasn't heard of; Factory keeps it voided", async () => {
    const order = await kit.newOrder();
    await settled("sales_order", order.id, "sent");
    const invoice = await kit.invoice(order.id);
    const sent = await settled("invoice", invoice.id, "sent");
    await simAdmin(sim, "POST", `/sim/invoices/${sent.xeroId}/pay`);

    await voidIt(invoice.id);
    const locked = await kit.stateOf("invoice", invoice.id, "locked");
    expect(locked.lastError).toBe(
      "This document cannot be edited as it has a payment or credit note allocated to it.",
    );
    expect((await simDocument("invoices", sent.xeroId))?.Status).toBe("PAID");
    expect((await findInvoice(ctx.db, invoice.id))?.status).toBe("voided");
  });

  it("is refused up front when Factory knows Xero has a payment against it", async () => {
    const order = await kit.newOrder();
    const invoice = await kit.invoice(order.id);
    await settled("invoice", invoice.id, "sent");
    const { documentSyncStates } = await import("@/lib/db/schema");
    const { and, eq } = await import("drizzle-orm");
    await ctx.db
      .update(documentSyncStates)
      .set({ xeroAmountPaid: "10.00" })
      .where(and(eq(documentSyncStates.recordType, "invoice"), eq(documentSyncStates.recordId, invoice.id)));
    await expect(voidIt(invoice.id)).rejects.toThrow(
      /can't be voided: Xero has a payment against the invoice, and voids only one with none/,
    );
    expect((await findInvoice(ctx.db, invoice.id))?.status).toBe("issued");
  });
});

describe("quotes and purchase orders", { timeout: 120_000 }, () => {
  it("an accepted quote becomes ACCEPTED in Xero, through SENT", async () => {
    const quote = await createQuote(ctx.db, fixtures.quoteForm(ctx.customerId), ctx.userId);
    const sent = await settled("quote", quote.id, "sent");
    expect((await simDocument("quotes", sent.xeroId))?.Status).toBe("DRAFT");
    await changeQuoteStatus(ctx.db, { id: quote.id, version: quote.version, status: "accepted" }, ctx.userId);
    await heard("quote", quote.id, "ACCEPTED");
    expect((await simDocument("quotes", sent.xeroId))?.Status).toBe("ACCEPTED");
    const log = await listSyncLog(ctx.db, { recordId: quote.id });
    expect(log.map((entry) => entry.operation)).toContain("status DRAFT → SENT → ACCEPTED");
  });

  it("a quote sent and then declined in Factory is SENT, then DECLINED in Xero", async () => {
    const quote = await createQuote(ctx.db, fixtures.quoteForm(ctx.customerId), ctx.userId);
    const first = await settled("quote", quote.id, "sent");
    const sent = await changeQuoteStatus(
      ctx.db,
      { id: quote.id, version: quote.version, status: "sent" },
      ctx.userId,
    );
    await heard("quote", quote.id, "SENT");
    await changeQuoteStatus(ctx.db, { id: quote.id, version: sent.version, status: "declined" }, ctx.userId);
    await heard("quote", quote.id, "DECLINED");
    expect((await simDocument("quotes", first.xeroId))?.Status).toBe("DECLINED");
  });

  it("a cancelled purchase order is deleted in Xero; a fully billed one becomes BILLED", async () => {
    const cancelled = await createPurchaseOrder(
      ctx.db,
      fixtures.purchaseOrderForm(ctx.supplierId),
      ctx.userId,
    );
    const sentCancelled = await settled("purchase_order", cancelled.id, "sent");
    await changePurchaseOrderStatus(
      ctx.db,
      { id: cancelled.id, version: cancelled.version, status: "cancelled" },
      ctx.userId,
    );
    await heard("purchase_order", cancelled.id, "DELETED");
    expect((await simDocument("purchaseOrders", sentCancelled.xeroId))?.Status).toBe("DELETED");

    const billed = await createPurchaseOrder(ctx.db, fixtures.purchaseOrderForm(ctx.supplierId), ctx.userId);
    const sentBilled = await settled("purchase_order", billed.id, "sent");
    const lines = await findPurchaseOrderLines(ctx.db, billed.id);
    const current = await findPurchaseOrder(ctx.db, billed.id);
    const bill = await convertToBill(
      ctx.db,
      {
        purchaseOrderId: billed.id,
        version: current?.version ?? 0,
        idempotencyKey: randomUUID(),
        supplierInvoiceNumber: "SUP-77",
        billDate: "2026-11-26",
        dueDate: "2026-12-26",
        lines: lines.map((line) => ({ orderLineId: line.id, quantity: line.quantity })),
      },
      ctx.userId,
    );
    await heard("purchase_order", billed.id, "BILLED");
    expect((await simDocument("purchaseOrders", sentBilled.xeroId))?.Status).toBe("BILLED");

    // Voiding its bill (a DRAFT in Xero, as settings say) deletes it there: Xero voids only approved ones.
    const sentBill = await settled("bill", bill.id, "sent");
    expect((await simDocument("invoices", sentBill.xeroId))?.Status).toBe("DRAFT");
    await simAdmin(sim, "DELETE", "/sim/requests");
    await voidBill(ctx.db, { id: bill.id, version: bill.version }, ctx.userId);
    await heard("bill", bill.id, "DELETED");
    expect((await simDocument("invoices", sentBill.xeroId))?.Status).toBe("DELETED");
    expect((await findPurchaseOrder(ctx.db, billed.id))?.status).toBe("sent");

    // The order is billed no more in Factory, but Xero can't unbill it: its Xero card shows Xero's
    // BILLED, locked with the reason, and nothing was asked of Xero's purchase order.
    const order = await waitFor(
      `purchase order ${billed.id} locked`,
      async () => {
        const state = await getSyncState(ctx.db, "purchase_order", billed.id);
        return state?.state === "locked" ? state : undefined;
      },
      45_000,
    );
    expect(order).toMatchObject({ xeroStatus: "BILLED", xeroId: sentBilled.xeroId });
    expect(order.lastError).toContain("Xero can't unbill a purchase order");
    expect((await simDocument("purchaseOrders", sentBilled.xeroId))?.Status).toBe("BILLED");
    const { requests } = (await simAdmin(sim, "GET", "/sim/requests?limit=1000")) as {
      requests: { method: string; path: string }[];
    };
    expect(requests.filter((r) => r.path.includes("/PurchaseOrders"))).toEqual([]);
  });
});
