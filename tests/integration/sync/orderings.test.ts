import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { syncSuite } from "./support/suite";

/**
 * Issue 11 item 1: whatever the order in which a sale's documents reach Xero — the order first, the
 * invoice first, partial invoices, "Send unsent" after a single send or before it, any auto-send
 * switches — Xero ends with exactly one invoice per Factory invoice, the order's draft authorised by
 * its first invoice rather than left beside it. Every assertion reads the simulator's own records.
 */
const { sim, ctx, kit } = await syncSuite("sync_orderings");
const { simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { getSyncState } = await import("@/lib/db/queries/sync-states");
const { createQuote } = await import("@/lib/factory/quotes");
const { createSalesOrder } = await import("@/lib/factory/sales-orders");
const { customers, xeroContactIssues } = await import("@/lib/db/schema");
const { eq } = await import("drizzle-orm");
const fixtures = await import("../documents/fixtures");

/** No send job waiting, retrying or running: whatever was going to reach Xero has. */
const queueIdle = () =>
  waitFor(
    "the send queues to be idle",
    async () => {
      const [row] = await ctx.db.execute<{ busy: number }>(sql`
        select count(*)::int as busy from pgboss.job
        where name in ('xero-send-document', 'xero-send-bulk') and state in ('created', 'retry', 'active')`);
      return row?.busy === 0;
    },
    30_000,
  );

const authorised = (invoices: { total: string }[]) => ({
  count: invoices.length,
  statuses: invoices.map(() => "AUTHORISED"),
  totals: invoices.map((i) => Number(i.total)).sort(),
});

async function expectBooks(order: { number: string }, invoices: { id: string; total: string }[]) {
  const books = await kit.expectOneXeroInvoicePerInvoice(order, invoices);
  expect({ count: books.count, statuses: books.statuses, totals: books.totals }).toEqual(
    authorised(invoices),
  );
  expect(books.named).toBe(true);
}

const xeroIdOf = async (type: "sales_order" | "invoice", id: string) =>
  (await getSyncState(ctx.db, type, id))?.xeroId;

describe("one Xero invoice per Factory invoice, whatever the ordering", () => {
  it("order first: its invoice authorises the order's draft", async () => {
    await kit.setAutoSend({ orders: true, invoices: true });
    const order = await kit.newOrder();
    await kit.stateOf("sales_order", order.id, "sent");
    const invoice = await kit.invoice(order.id);
    await kit.stateOf("invoice", invoice.id, "sent");
    await queueIdle();
    await expectBooks(order, [invoice]);
    expect(await xeroIdOf("invoice", invoice.id)).toBe(await xeroIdOf("sales_order", order.id));
  });

  it("invoice first (orders off): 'Send unsent orders' and 'Send to Xero' on the order add nothing", async () => {
    await kit.setAutoSend({ orders: false, invoices: true });
    const order = await kit.newOrder();
    const invoice = await kit.invoice(order.id);
    await kit.stateOf("invoice", invoice.id, "sent");
    let since = new Date();
    await kit.sendUnsent("sales_order");
    expect((await kit.logged(order.id, since, ["skipped", "success"])).outcome).toBe("skipped");
    since = new Date();
    await kit.sendOne("sales_order", order.id);
    expect((await kit.logged(order.id, since, ["skipped", "success"])).outcome).toBe("skipped");
    await queueIdle();
    await expectBooks(order, [invoice]);
    expect(await getSyncState(ctx.db, "sales_order", order.id)).toMatchObject({
      state: "not_sent",
      xeroId: null,
    });
  });

  it("partial invoices: the first authorises the draft, the second is an invoice of its own", async () => {
    await kit.setAutoSend({ orders: true, invoices: true });
    const order = await kit.newOrder();
    const first = await kit.invoice(order.id, [1]);
    const second = await kit.invoice(order.id, [2]);
    await kit.stateOf("invoice", first.id, "sent");
    await kit.stateOf("invoice", second.id, "sent");
    await queueIdle();
    await expectBooks(order, [first, second]);
    expect(await xeroIdOf("invoice", first.id)).toBe(await xeroIdOf("sales_order", order.id));
  });

  it("'Send unsent invoices' after the order's draft went: the draft is authorised, not duplicated", async () => {
    await kit.setAutoSend({ orders: true, invoices: false });
    const order = await kit.newOrder();
    await kit.stateOf("sales_order", order.id, "sent");
    const invoice = await kit.invoice(order.id);
    await kit.sendUnsent("invoice");
    await kit.stateOf("invoice", invoice.id, "sent");
    await queueIdle();
    await expectBooks(order, [invoice]);
    expect(await xeroIdOf("invoice", invoice.id)).toBe(await xeroIdOf("sales_order", order.id));
  });

  it("bulk after single: the order sent alone, then 'Send unsent' for its partial invoices and for orders", async () => {
    await kit.setAutoSend({ orders: false, invoices: false });
    const order = await kit.newOrder();
    await kit.sendOne("sales_order", order.id);
    await kit.stateOf("sales_order", order.id, "sent");
    const first = await kit.invoice(order.id, [1]);
    const second = await kit.invoice(order.id, [2]);
    await kit.sendUnsent("invoice");
    await kit.stateOf("invoice", first.id, "sent");
    await kit.stateOf("invoice", second.id, "sent");
    await kit.sendUnsent("sales_order");
    await queueIdle();
    await expectBooks(order, [first, second]);
    expect(await xeroIdOf("invoice", first.id)).toBe(await xeroIdOf("sales_order", order.id));
  });

  it("single after bulk: orders sent by 'Send unsent', then one invoice sent alone", async () => {
    await kit.setAutoSend({ orders: false, invoices: false });
    const invoiced = await kit.newOrder();
    const open = await kit.newOrder();
    await kit.sendUnsent("sales_order");
    await kit.stateOf("sales_order", invoiced.id, "sent");
    await kit.stateOf("sales_order", open.id, "sent");
    const invoice = await kit.invoice(invoiced.id);
    await kit.sendOne("invoice", invoice.id);
    await kit.stateOf("invoice", invoice.id, "sent");
    await queueIdle();
    await expectBooks(invoiced, [invoice]);
    const openInXero = await kit.xeroInvoicesOf(open.number);
    expect(openInXero.map((i) => i.Status)).toEqual(["DRAFT"]);
  });

  it("invoices first in bulk, then the orders in bulk: the orders are skipped", async () => {
    await kit.setAutoSend({ orders: false, invoices: false });
    const order = await kit.newOrder();
    const first = await kit.invoice(order.id, [1]);
    const second = await kit.invoice(order.id, [2]);
    await kit.sendUnsent("invoice");
    await kit.stateOf("invoice", first.id, "sent");
    await kit.stateOf("invoice", second.id, "sent");
    const since = new Date();
    await kit.sendUnsent("sales_order");
    expect((await kit.logged(order.id, since, ["skipped", "success"])).outcome).toBe("skipped");
    await queueIdle();
    await expectBooks(order, [first, second]);
  });

  it("a failed invoice picked up by 'Send unsent' authorises the order's draft", async () => {
    await kit.setAutoSend({ orders: true, invoices: true });
    const order = await kit.newOrder();
    await kit.stateOf("sales_order", order.id, "sent");
    const lockDates = `/sim/orgs/${ctx.tenantId}/lock-dates`;
    await simAdmin(sim, "POST", lockDates, { periodLockDate: "2026-11-30" });
    try {
      const invoice = await kit.invoice(order.id);
      const failed = await kit.stateOf("invoice", invoice.id, "failed");
      expect(failed.lastError).toContain("period lock date");
      await simAdmin(sim, "POST", lockDates, { periodLockDate: null });
      await kit.sendUnsent("invoice");
      await kit.stateOf("invoice", invoice.id, "sent");
      await queueIdle();
      await expectBooks(order, [invoice]);
      expect(await xeroIdOf("invoice", invoice.id)).toBe(await xeroIdOf("sales_order", order.id));
    } finally {
      await simAdmin(sim, "POST", lockDates, { periodLockDate: null });
    }
  });

  const combinations = [false, true].flatMap((quotes) =>
    [false, true].flatMap((orders) => [false, true].map((invoices) => ({ quotes, orders, invoices }))),
  );
  it.each(combinations)(
    "auto-send quotes $quotes, orders $orders, invoices $invoices, then 'Send unsent' for each: one Xero document each",
    async (switches) => {
      await kit.setAutoSend(switches);
      const quote = await createQuote(
        ctx.db,
        fixtures.quoteForm(ctx.customerId, {
          lines: [fixtures.line({ quantity: "1", unitPrice: "10", taxRateId: ctx.gstId })],
        }),
        ctx.userId,
      );
      const order = await kit.newOrder();
      const invoice = await kit.invoice(order.id);
      await kit.sendUnsent("quote");
      await kit.sendUnsent("sales_order");
      await kit.sendUnsent("invoice");
      await kit.stateOf("quote", quote.id, "sent");
      await kit.stateOf("invoice", invoice.id, "sent");
      await queueIdle();
      await expectBooks(order, [invoice]);
      const quotes = (await simRecords(sim, ctx.tenantId, "quotes")).filter(
        (q) => q.Reference === quote.number,
      );
      expect(quotes).toHaveLength(1);
    },
  );
});

describe("a new customer's documents (issue 11 item 13)", () => {
  it("its order and invoice, sent at once, make one contact, and the invoice authorises the order's draft", async () => {
    await kit.setAutoSend({ orders: true, invoices: true });
    const name = `New Customer ${Date.now().toString(36)}`;
    const [customer] = await ctx.db
      .insert(customers)
      .values({ code: `N-${Date.now().toString(36)}`, name, email: "new@customer.test", currency: "NZD" })
      .returning({ id: customers.id });
    const form = () =>
      fixtures.salesOrderForm(customer!.id, {
        lines: [fixtures.line({ quantity: "1", unitPrice: "80", taxRateId: ctx.gstId })],
      });
    // Two orders at once (their sends race for the contact), and an invoice straight after the first.
    const [order, other] = await Promise.all([
      createSalesOrder(ctx.db, form(), ctx.userId),
      createSalesOrder(ctx.db, form(), ctx.userId),
    ]);
    const invoice = await kit.invoice(order.id);
    await kit.stateOf("invoice", invoice.id, "sent");
    await kit.stateOf("sales_order", other.id, "sent");
    await queueIdle();

    const contacts = (await simRecords(sim, ctx.tenantId, "contacts")).filter((c) => c.Name === name);
    expect(contacts).toHaveLength(1);
    const [linked] = await ctx.db.select().from(customers).where(eq(customers.id, customer!.id));
    expect(linked?.xeroContactId).toBe(contacts[0]?.ContactID);
    // No "Xero already has a contact …" warning left on a customer that is linked.
    expect(
      await ctx.db.select().from(xeroContactIssues).where(eq(xeroContactIssues.partyId, customer!.id)),
    ).toEqual([]);
    await expectBooks(order, [invoice]);
    expect(await xeroIdOf("invoice", invoice.id)).toBe(await xeroIdOf("sales_order", order.id));
    expect((await kit.xeroInvoicesOf(other.number)).map((i) => i.Status)).toEqual(["DRAFT"]);
  });
});
