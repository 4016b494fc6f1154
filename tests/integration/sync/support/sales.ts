import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { findSalesOrder, findSalesOrderLines } from "@/lib/db/queries/sales-orders";
import { getSyncState, getSyncStates, listSyncLog } from "@/lib/db/queries/sync-states";
import { xeroSettings, type SyncDocumentType, type SyncOutcome } from "@/lib/db/schema";
import { createSalesOrder, generateInvoice } from "@/lib/factory/sales-orders";
import { enqueueBulkSend, sendDocumentsNow } from "@/lib/sync/enqueue";
import type { RunningXeroSim } from "@/xero-sim/server";
import * as fixtures from "../../documents/fixtures";
import { simRecords, waitFor, type SyncDb } from "./sync-db";

/**
 * Sales orders and their invoices driven the way staff drive them (create, generate, "Send to
 * Xero", "Send unsent"), and what the simulator then holds for each sale.
 */
export function salesKit(ctx: SyncDb, sim: RunningXeroSim) {
  const setAutoSend = (values: { quotes?: boolean; orders?: boolean; invoices?: boolean }) =>
    ctx.db
      .update(xeroSettings)
      .set({
        ...(values.quotes === undefined ? {} : { autoSendQuotes: values.quotes }),
        ...(values.orders === undefined ? {} : { autoSendSalesOrders: values.orders }),
        ...(values.invoices === undefined ? {} : { autoSendInvoices: values.invoices }),
      })
      .where(eq(xeroSettings.id, 1));

  /** An order of two lines: 2 × 100 and 1 × 50, GST 15 % (total 287.50). */
  const newOrder = () =>
    createSalesOrder(
      ctx.db,
      fixtures.salesOrderForm(ctx.customerId, {
        lines: [
          fixtures.line({ description: "Frame", quantity: "2", unitPrice: "100", taxRateId: ctx.gstId }),
          fixtures.line({ description: "Bracket", quantity: "1", unitPrice: "50", taxRateId: ctx.gstId }),
        ],
      }),
      ctx.userId,
    );

  /** Invoices the given lines of the order (by position, all of each), or every line. */
  async function invoice(orderId: string, positions?: number[]) {
    const [order, lines] = await Promise.all([
      findSalesOrder(ctx.db, orderId),
      findSalesOrderLines(ctx.db, orderId),
    ]);
    if (!order) throw new Error("no order");
    const chosen = positions ? lines.filter((line) => positions.includes(line.position)) : lines;
    return generateInvoice(
      ctx.db,
      {
        salesOrderId: orderId,
        version: order.version,
        idempotencyKey: randomUUID(),
        issueDate: "2026-11-25",
        dueDate: "2026-12-20",
        reference: "",
        lines: chosen.map((line) => ({
          orderLineId: line.id,
          quantity: String(Number(line.quantity) - Number(line.quantityInvoiced)),
        })),
      },
      ctx.userId,
    );
  }

  /** "Send to Xero" on one document. */
  const sendOne = (type: SyncDocumentType, id: string) =>
    ctx.db.transaction((tx) => sendDocumentsNow(tx, type, [id]));

  /** "Send unsent" on a list. */
  const sendUnsent = (type: SyncDocumentType) => ctx.db.transaction((tx) => enqueueBulkSend(tx, type));

  /** Waits for a log entry of this document, after `since`, with one of the outcomes. */
  const logged = (id: string, since: Date, outcomes: SyncOutcome[]) =>
    waitFor(`${id} logged ${outcomes.join("/")}`, async () =>
      (await listSyncLog(ctx.db, { recordId: id })).find(
        (entry) => entry.at >= since && outcomes.includes(entry.outcome),
      ),
    );

  // A send may queue behind the contact and the order's draft; under a full suite's load on two
  // cores that took over 15 s once, so the wait is generous (it ends as soon as the state is there).
  const stateOf = (type: SyncDocumentType, id: string, want: string) =>
    waitFor(
      `${type} ${id} ${want}`,
      async () => {
        const state = await getSyncState(ctx.db, type, id);
        return state?.state === want ? state : undefined;
      },
      45_000,
    );

  /** The simulator's invoices for one sale: every Xero invoice carrying the order's line. */
  async function xeroInvoicesOf(orderNumber: string) {
    const all = await simRecords(sim, ctx.tenantId, "invoices");
    return all.filter((invoice) =>
      (invoice.LineItems as { Description?: string }[]).some(
        (line) => line.Description === `Factory order #${orderNumber}`,
      ),
    );
  }

  /**
   * The books the sale must leave in Xero: one AUTHORISED invoice per Factory invoice, each the one
   * its sync state names, with the invoice's total; no draft left beside them (the order's draft was
   * authorised by its first invoice, or never made).
   */
  async function expectOneXeroInvoicePerInvoice(
    order: { number: string },
    invoices: { id: string; total: string }[],
  ) {
    const inXero = await xeroInvoicesOf(order.number);
    const states = await getSyncStates(
      ctx.db,
      "invoice",
      invoices.map((i) => i.id),
    );
    const byId = new Map(states.map((s) => [s.recordId, s]));
    return {
      count: inXero.length,
      statuses: inXero.map((i) => i.Status).sort(),
      totals: inXero.map((i) => i.Total).sort(),
      expectedTotals: invoices.map((i) => Number(i.total)).sort(),
      named: invoices.every((i) => inXero.some((x) => x.InvoiceID === byId.get(i.id)?.xeroId)),
    };
  }

  return {
    setAutoSend,
    newOrder,
    invoice,
    sendOne,
    sendUnsent,
    logged,
    stateOf,
    xeroInvoicesOf,
    expectOneXeroInvoicePerInvoice,
  };
}
