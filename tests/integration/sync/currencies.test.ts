import { describe, expect, it } from "vitest";
import { syncSuite } from "./support/suite";

const { sim, ctx } = await syncSuite("sync_currencies", {
  settings: { autoSendPurchaseOrders: false },
  worker: { timeoutMs: 5000 },
});
const { simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { getSyncState, listSyncLog } = await import("@/lib/db/queries/sync-states");
const { updateXeroConnection } = await import("@/lib/db/queries/xero-connection");
const { createQuote } = await import("@/lib/factory/quotes");
const { createPurchaseOrder } = await import("@/lib/factory/purchase-orders");
const { sendDocumentsNow } = await import("@/lib/sync/enqueue");
const fixtures = await import("../documents/fixtures");

/**
 * Documents in a foreign currency reach Xero in it, with Xero's rate kept for the card; a document
 * in a currency the organisation has not enabled is held before any call (the NZ demo organisation
 * has NZD, AUD and USD).
 */

const line = () =>
  fixtures.line({ description: "Laser cutting", quantity: "2", unitPrice: "50", taxRateId: ctx.gstId });

describe("currencies", () => {
  it("sends a USD quote in USD and keeps Xero's rate for the card", async () => {
    const quote = await createQuote(
      ctx.db,
      fixtures.quoteForm(ctx.customerId, { currency: "USD", lines: [line()] }),
      ctx.userId,
    );
    const state = await waitFor("the USD quote sent", async () => {
      const s = await getSyncState(ctx.db, "quote", quote.id);
      return s?.state === "sent" ? s : undefined;
    });
    const [inXero] = (await simRecords(sim, ctx.tenantId, "quotes")).filter(
      (q) => q.QuoteID === state.xeroId,
    );
    expect(inXero).toMatchObject({ CurrencyCode: "USD", CurrencyRate: 0.5936, Total: 115 });
    expect(state.xeroCurrencyRate).toBe("0.593600");
    expect(state.xeroTotal).toBe("115.00");
  });

  it("holds a EUR purchase order before any call, with the reason, and Xero holds nothing", async () => {
    // Saved while the organisation's currencies were not known (no form refused it), then planned
    // with them known: the planner holds it.
    await updateXeroConnection(ctx.db, { enabledCurrencies: null });
    const order = await createPurchaseOrder(
      ctx.db,
      fixtures.purchaseOrderForm(ctx.supplierId, { currency: "EUR", lines: [line()] }),
      ctx.userId,
    );
    await updateXeroConnection(ctx.db, { enabledCurrencies: ["NZD", "AUD", "USD"] });
    await simAdmin(sim, "DELETE", "/sim/requests");
    await ctx.db.transaction((tx) => sendDocumentsNow(tx, "purchase_order", [order.id]));

    const state = await waitFor("the EUR order held", async () => {
      const s = await getSyncState(ctx.db, "purchase_order", order.id);
      return s?.state === "failed" ? s : undefined;
    });
    expect(state.lastError).toContain("Held, nothing sent to Xero: EUR isn't enabled in Demo Fabrication NZ");
    expect(state.xeroId).toBeNull();
    const [logged] = await listSyncLog(ctx.db, { recordId: order.id, outcome: "failed" });
    expect(logged?.message).toBe(state.lastError);
    const { requests } = (await simAdmin(sim, "GET", "/sim/requests")) as {
      requests: { path: string }[];
    };
    expect(requests.filter((r) => r.path.includes("/PurchaseOrders"))).toEqual([]);
    const held = (await simRecords(sim, ctx.tenantId, "purchaseOrders")).filter(
      (po) => po.CurrencyCode === "EUR",
    );
    expect(held).toEqual([]);
  });
});
