import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { syncSuite } from "./support/suite";

const { sim, ctx } = await syncSuite("sync_bulk", {
  settings: { autoSendSalesOrders: false },
  worker: { timeoutMs: 10_000 },
});
const { simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { enqueueBulkSend } = await import("@/lib/sync/enqueue");
const { getSyncStates, listSyncLog } = await import("@/lib/db/queries/sync-states");
const { createSalesOrder } = await import("@/lib/factory/sales-orders");
const { customers } = await import("@/lib/db/schema");
const fixtures = await import("../documents/fixtures");

describe("Send all unsent", () => {
  it("sends in batches of 50 with summarizeErrors=false and settles each document on its own", async () => {
    const [stranger] = await ctx.db
      .insert(customers)
      .values({
        code: `X-${randomUUID().slice(0, 6)}`,
        name: "Not in Xero",
        currency: "NZD",
        xeroContactId: randomUUID(),
      })
      .returning({ id: customers.id });
    const form = (customerId: string) =>
      fixtures.salesOrderForm(customerId, {
        lines: [fixtures.line({ quantity: "1", unitPrice: "100", taxRateId: ctx.gstId })],
      });
    const orders = [];
    for (let i = 0; i < 100; i++)
      orders.push(await createSalesOrder(ctx.db, form(ctx.customerId), ctx.userId));
    const bad = await createSalesOrder(ctx.db, form(stranger!.id), ctx.userId);
    const ids = [...orders.map((o) => o.id), bad.id];
    await simAdmin(sim, "DELETE", "/sim/requests");

    await ctx.db.transaction((tx) => enqueueBulkSend(tx, "sales_order"));
    const states = await waitFor(
      "every order settled",
      async () => {
        const rows = await getSyncStates(ctx.db, "sales_order", ids);
        return rows.length === ids.length && rows.every((s) => s.state === "sent" || s.state === "failed")
          ? rows
          : undefined;
      },
      30_000,
    );

    const { requests } = (await simAdmin(sim, "GET", "/sim/requests")) as {
      requests: { method: string; path: string; query: string }[];
    };
    const creates = requests.filter((r) => r.method === "PUT" && r.path === "/api.xro/2.0/Invoices");
    expect(creates).toHaveLength(Math.ceil(ids.length / 50));
    for (const call of creates) expect(call.query).toContain("summarizeErrors=false");

    const failed = states.filter((s) => s.state === "failed");
    expect(failed.map((s) => s.recordId)).toEqual([bad.id]);
    expect(failed[0]?.lastError).toBeTruthy();
    const numbers = new Set(orders.map((o) => o.number));
    const inXero = (await simRecords(sim, ctx.tenantId, "invoices")).filter((i) =>
      numbers.has(String(i.Reference)),
    );
    expect(inXero).toHaveLength(100);
    expect(new Set(inXero.map((i) => i.InvoiceID)).size).toBe(100);
    // Each sent one keeps the UpdatedDateUTC of the copy Xero answered with, so read-back takes
    // only a copy newer than that (a poll's copy from before the answer changes nothing).
    const timeOf = new Map(inXero.map((i) => [i.InvoiceID, i.UpdatedDateUTC]));
    for (const state of states.filter((s) => s.state === "sent")) {
      expect(timeOf.get(state.xeroId)).toBe(`/Date(${state.xeroUpdatedAt?.getTime()}+0000)/`);
    }
  }, 60_000);

  it("counts one attempt for a document it hands to the single path, not one for each path", async () => {
    // A customer with no Xero contact yet: its order's plan creates the contact first, which only the
    // single path does, so the bulk job claims it and hands it over.
    const [newcomer] = await ctx.db
      .insert(customers)
      .values({
        code: `N-${randomUUID().slice(0, 6)}`,
        name: `Newcomer ${randomUUID().slice(0, 6)}`,
        currency: "NZD",
      })
      .returning({ id: customers.id });
    const order = await createSalesOrder(
      ctx.db,
      fixtures.salesOrderForm(newcomer!.id, {
        lines: [fixtures.line({ quantity: "1", unitPrice: "100", taxRateId: ctx.gstId })],
      }),
      ctx.userId,
    );
    await ctx.db.transaction((tx) => enqueueBulkSend(tx, "sales_order"));
    const success = await waitFor(
      "the handed-over order sent",
      async () =>
        (await listSyncLog(ctx.db, { recordId: order.id })).find((entry) => entry.outcome === "success"),
      30_000,
    );
    // Its first and only attempt: the bulk job's claim handed back is no attempt of its own.
    expect(await listSyncLog(ctx.db, { recordId: order.id })).toHaveLength(1);
    expect(success.attempt).toBe(1);
  });
});
