import type { Db, Executor } from "@/lib/db/client";
import { findBillLines, lockBill, updateBill } from "@/lib/db/queries/bills";
import { findInvoiceLines, lockInvoice, updateInvoice } from "@/lib/db/queries/invoices";
import { addQuantityBilled } from "@/lib/db/queries/purchase-orders";
import { addQuantityInvoiced } from "@/lib/db/queries/sales-orders";
import { getSyncState } from "@/lib/db/queries/sync-states";
import type {
  Bill,
  DocumentLineKind,
  DocumentSyncState,
  Invoice,
  PurchaseOrder,
  SalesOrder,
} from "@/lib/db/schema";
import { missingRecordMessage, RecordError, staleRecordMessage } from "@/lib/errors";
import { recordFactoryEvent } from "@/lib/sync/events";
import { xeroVoidRefusal } from "@/lib/sync/planner";
import { BILL_STATUS_LABELS, canEditBill, canEditInvoice, INVOICE_STATUS_LABELS } from "./document-status";
import { compare } from "./money";
import { lockCurrentOrder, resettleOrder } from "./orders";
import { PURCHASE_ORDER } from "./purchase-orders";
import { SALES_ORDER } from "./sales-orders";

/**
 * Voiding an invoice or a bill (an administrator's step): the document stays, marked "voided", and
 * what it took from its order is given back — its item lines' quantities come off the order lines'
 * invoiced (billed) quantities, so they can be invoiced (billed) again, and the order's status
 * follows (invoiced → partly invoiced → confirmed). Its rounding lines simply stop counting: the
 * invoice (bill) that completes the order later works out its own against the documents not voided
 * (`findOrderInvoiceLines`). One transaction with the audit row and the sync job; the worker then
 * voids Xero's copy (the planner's "status" plan, lib/sync/planner.ts), or deletes it when Xero holds
 * it unapproved, or shows why Xero won't.
 */

interface VoidableRow {
  id: string;
  number: string;
  version: number;
  status: string;
}

interface VoidableLine {
  kind: DocumentLineKind;
  quantity: string;
  quantityCredited: string;
}

interface VoidKind<Row extends VoidableRow, Line extends VoidableLine, Order = unknown> {
  noun: "invoice" | "bill";
  recordType: "invoice" | "bill";
  statusLabels: Readonly<Record<string, string>>;
  /** Only a document not yet paid or voided in Factory can be voided (as it can be edited). */
  voidable: (status: Row["status"]) => boolean;
  orderIdOf: (row: Row) => string;
  lock: (tx: Executor, id: string) => Promise<Row | undefined>;
  findLines: (tx: Executor, id: string) => Promise<Line[]>;
  orderLineOf: (line: Line) => string | null;
  giveBack: (tx: Executor, orderLineId: string, quantity: string) => Promise<unknown>;
  markVoided: (tx: Executor, id: string, userId: string | null) => Promise<Row>;
  /** Locks the document's order (as invoicing and billing do), then settles its status after. */
  lockOrder: (tx: Executor, orderId: string) => Promise<Order>;
  resettleOrder: (tx: Executor, order: Order, userId: string | null) => Promise<unknown>;
}

const INVOICE_VOID: VoidKind<Invoice, Awaited<ReturnType<typeof findInvoiceLines>>[number], SalesOrder> = {
  noun: "invoice",
  recordType: "invoice",
  statusLabels: INVOICE_STATUS_LABELS,
  voidable: canEditInvoice,
  orderIdOf: (invoice) => invoice.salesOrderId,
  lock: lockInvoice,
  findLines: findInvoiceLines,
  orderLineOf: (line) => line.salesOrderLineId,
  giveBack: (tx, lineId, quantity) => addQuantityInvoiced(tx, lineId, `-${quantity}`),
  markVoided: (tx, id, userId) => updateInvoice(tx, id, { status: "voided", updatedBy: userId }),
  lockOrder: (tx, id) => lockCurrentOrder(SALES_ORDER, tx, id),
  resettleOrder: (tx, order, userId) => resettleOrder(SALES_ORDER, tx, order, userId),
};

const BILL_VOID: VoidKind<Bill, Awaited<ReturnType<typeof findBillLines>>[number], PurchaseOrder> = {
  noun: "bill",
  recordType: "bill",
  statusLabels: BILL_STATUS_LABELS,
  voidable: canEditBill,
  orderIdOf: (bill) => bill.purchaseOrderId,
  lock: lockBill,
  findLines: findBillLines,
  orderLineOf: (line) => line.purchaseOrderLineId,
  giveBack: (tx, lineId, quantity) => addQuantityBilled(tx, lineId, `-${quantity}`),
  markVoided: (tx, id, userId) => updateBill(tx, id, { status: "voided", updatedBy: userId }),
  lockOrder: (tx, id) => lockCurrentOrder(PURCHASE_ORDER, tx, id),
  resettleOrder: async (tx, order, userId) => {
    const status = await resettleOrder(PURCHASE_ORDER, tx, order, userId);
    // Billed no more in Factory, while Xero keeps the order BILLED (it can't unbill one): the
    // order's own event asks the planner, which says so on the order's Xero card without a call.
    if (order.status === "billed" && status !== "billed") {
      await recordFactoryEvent(tx, {
        kind: "updated",
        recordType: "purchase_order",
        recordId: order.id,
        userId,
        before: { status: order.status },
        after: { status },
      });
    }
    return status;
  },
};

const capitalised = (noun: string) => noun.charAt(0).toUpperCase() + noun.slice(1);

/**
 * Why this document can't be voided now, in a sentence naming it, or null: paid or voided in
 * Factory, credited, or (as far as Factory has heard) Xero would refuse (`xeroVoidRefusal`).
 */
export function voidRefusal<Row extends VoidableRow, Line extends VoidableLine, Order>(
  kind: VoidKind<Row, Line, Order>,
  row: Pick<Row, "number" | "status">,
  syncState:
    Pick<DocumentSyncState, "xeroId" | "xeroStatus" | "xeroAmountPaid" | "xeroAmountCredited"> | undefined,
): string | null {
  const name = `${capitalised(kind.noun)} ${row.number}`;
  if (!kind.voidable(row.status)) {
    return `${name} is ${(kind.statusLabels[row.status] ?? row.status).toLowerCase()}, so it can't be voided.`;
  }
  const xero = xeroVoidRefusal(kind.noun, syncState);
  return xero ? `${name} can't be voided: ${xero}` : null;
}

async function voidOrderDocument<Row extends VoidableRow, Line extends VoidableLine, Order>(
  kind: VoidKind<Row, Line, Order>,
  db: Db,
  input: { id: string; version: number },
  userId: string | null,
): Promise<Row> {
  return db.transaction(async (tx) => {
    // The order first, as invoicing locks it, so a void and an invoice of one order take turns.
    const peek = await kind.lock(tx, input.id);
    if (!peek) throw new RecordError(missingRecordMessage(kind.noun));
    const order = await kind.lockOrder(tx, kind.orderIdOf(peek));
    const row = await kind.lock(tx, input.id);
    if (!row) throw new RecordError(missingRecordMessage(kind.noun));
    if (row.status === "voided") return row;
    if (row.version !== input.version) throw new RecordError(staleRecordMessage(kind.noun));
    const refusal = voidRefusal(kind, row, await getSyncState(tx, kind.recordType, row.id));
    if (refusal) throw new RecordError(refusal);
    const lines = await kind.findLines(tx, row.id);
    if (lines.some((line) => compare(line.quantityCredited, 0) > 0)) {
      throw new RecordError(
        `${capitalised(kind.noun)} ${row.number} has credit notes against it, so it can't be voided.`,
      );
    }
    for (const line of lines) {
      const orderLineId = kind.orderLineOf(line);
      if (line.kind === "item" && orderLineId) await kind.giveBack(tx, orderLineId, line.quantity);
    }
    const voided = await kind.markVoided(tx, row.id, userId);
    await kind.resettleOrder(tx, order, userId);
    await recordFactoryEvent(tx, {
      kind: "voided",
      recordType: kind.recordType,
      recordId: row.id,
      userId,
    });
    return voided;
  });
}

export const invoiceVoidRefusal = (
  invoice: Pick<Invoice, "number" | "status">,
  syncState: DocumentSyncState | undefined,
): string | null => voidRefusal(INVOICE_VOID, invoice, syncState);

export const billVoidRefusal = (
  bill: Pick<Bill, "number" | "status">,
  syncState: DocumentSyncState | undefined,
): string | null => voidRefusal(BILL_VOID, bill, syncState);

export const voidInvoice = (db: Db, input: { id: string; version: number }, userId: string | null) =>
  voidOrderDocument(INVOICE_VOID, db, input, userId);

export const voidBill = (db: Db, input: { id: string; version: number }, userId: string | null) =>
  voidOrderDocument(BILL_VOID, db, input, userId);
