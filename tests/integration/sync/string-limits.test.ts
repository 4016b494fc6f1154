import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { syncSuite } from "./support/suite";

const { sim, ctx } = await syncSuite("sync_string_limits", {
  settings: { autoSendSalesOrders: false, autoSendPurchaseOrders: false },
  worker: { timeoutMs: 5000 },
});
const { simRecords, waitFor } = await import("./support/sync-db");
const { enqueueBulkSend, sendDocumentsNow } = await import("@/lib/sync/enqueue");
const { getSyncState, listSyncLog } = await import("@/lib/db/queries/sync-states");
const { createSalesOrder } = await import("@/lib/factory/sales-orders");
const { createPurchaseOrder } = await import("@/lib/factory/purchase-orders");
const { salesOrders, purchaseOrders } = await import("@/lib/db/schema");
const { syncView } = await import("@/lib/sync/view");
const fixtures = await import("../documents/fixtures");

/**
 * Documents saved before the forms knew Xero's limits (the reference form took 255 characters, and
 * Factory puts its number in front) reach Xero within them, cut on a grapheme boundary, and the
 * document's Xero card and the sync log say what was shortened; on the single path and in bulk.
 */

const NOTE = "Reference shortened to Xero's 255 characters";
const line = () =>
  fixtures.line({ description: "Laser cutting", quantity: "1", unitPrice: "100", taxRateId: ctx.gstId });

/**
 * An order whose own reference is 255 characters, as the form used to allow, with an emoji across
 * the place where Factory's number in front makes Xero's 255 run out.
 */
async function olderOrder() {
  const order = await createSalesOrder(
    ctx.db,
    fixtures.salesOrderForm(ctx.customerId, { reference: "PO 4471", lines: [line()] }),
    ctx.userId,
  );
  const prefix = `${order.number} · `;
  // Xero's 255 less the "…" leaves 254: the emoji would take code units 254 and 255.
  const kept = "a".repeat(254 - prefix.length - 1);
  const reference = `${kept}🔩${"b".repeat(255 - kept.length - 2)}`;
  expect(reference).toHaveLength(255);
  await ctx.db.update(salesOrders).set({ reference }).where(eq(salesOrders.id, order.id));
  return { order, expected: `${prefix}${kept}…` };
}

const sentState = (type: "sales_order" | "purchase_order", id: string) =>
  waitFor(`${type} ${id} sent`, async () => {
    const state = await getSyncState(ctx.db, type, id);
    return state?.state === "sent" ? state : undefined;
  });

async function inXero(invoiceId: string | null) {
  const [invoice] = (await simRecords(sim, ctx.tenantId, "invoices")).filter(
    (i) => i.InvoiceID === invoiceId,
  );
  return invoice;
}

describe("a reference too long for Xero with Factory's number in front", () => {
  it("reaches Xero cut to 255 on a grapheme boundary, and the card and the log say so", async () => {
    const { order, expected } = await olderOrder();
    await ctx.db.transaction((tx) => sendDocumentsNow(tx, "sales_order", [order.id]));

    const state = await sentState("sales_order", order.id);
    const reference = (await inXero(state.xeroId))?.Reference as string;
    expect(reference).toBe(expected);
    expect(reference).toHaveLength(254);
    expect(reference.isWellFormed()).toBe(true);
    expect(state.xeroNotes).toEqual([NOTE]);
    expect(syncView("sales_order", order.id, state, null).notes).toEqual([NOTE]);
    const [logged] = await listSyncLog(ctx.db, { recordId: order.id, outcome: "success" });
    expect(logged?.message).toBe(`Xero number ${state.xeroNumber}. ${NOTE}`);
  });

  it("is cut the same way in bulk", async () => {
    const { order, expected } = await olderOrder();
    await ctx.db.transaction((tx) => enqueueBulkSend(tx, "sales_order"));

    const state = await sentState("sales_order", order.id);
    expect((await inXero(state.xeroId))?.Reference).toBe(expected);
    expect(state.xeroNotes).toEqual([NOTE]);
    const [logged] = await listSyncLog(ctx.db, { recordId: order.id, outcome: "success" });
    expect(logged).toMatchObject({
      operation: "bulk create",
      message: `Xero number ${state.xeroNumber}. ${NOTE}`,
    });
  });

  it("clears the note once the reference fits again", async () => {
    const { order } = await olderOrder();
    await ctx.db.transaction((tx) => sendDocumentsNow(tx, "sales_order", [order.id]));
    await sentState("sales_order", order.id);
    await ctx.db.update(salesOrders).set({ reference: "PO 4471" }).where(eq(salesOrders.id, order.id));
    await ctx.db.transaction((tx) => sendDocumentsNow(tx, "sales_order", [order.id], { newRevision: true }));

    const state = await waitFor("the shorter reference sent", async () => {
      const s = await getSyncState(ctx.db, "sales_order", order.id);
      return s?.state === "sent" && s.sentRevision === s.revision && !s.xeroNotes ? s : undefined;
    });
    expect((await inXero(state.xeroId))?.Reference).toBe(`${order.number} · PO 4471`);
  });

  it("cuts a purchase order's delivery instructions to Xero's 500 and says so", async () => {
    const order = await createPurchaseOrder(
      ctx.db,
      fixtures.purchaseOrderForm(ctx.supplierId, { lines: [line()] }),
      ctx.userId,
    );
    await ctx.db
      .update(purchaseOrders)
      .set({ deliveryInstructions: "Leave at the loading bay. ".repeat(30) })
      .where(eq(purchaseOrders.id, order.id));
    await ctx.db.transaction((tx) => sendDocumentsNow(tx, "purchase_order", [order.id]));

    const state = await sentState("purchase_order", order.id);
    const [xero] = (await simRecords(sim, ctx.tenantId, "purchaseOrders")).filter(
      (po) => po.PurchaseOrderID === state.xeroId,
    );
    const instructions = xero?.DeliveryInstructions as string;
    expect(instructions.length).toBeLessThanOrEqual(500);
    expect(instructions.endsWith("…")).toBe(true);
    expect(state.xeroNotes).toEqual(["Delivery instructions shortened to Xero's 500 characters"]);
  });
});
