import type { Db } from "@/lib/db/client";
import { takeNumber } from "@/lib/db/queries/numbering";
import {
  addQuantityInvoiced,
  deleteSalesOrderLines,
  findInvoiceByIdempotencyKey,
  findOrderInvoiceLines,
  findSalesOrderByIdempotencyKey,
  findSalesOrderLines,
  insertInvoice,
  insertSalesOrder,
  insertSalesOrderLines,
  lockSalesOrder,
  updateSalesOrder,
  updateSalesOrderLine,
  type SalesOrderLineValues,
} from "@/lib/db/queries/sales-orders";
import type { Invoice, SalesOrder, SalesOrderLine, SalesOrderStatus } from "@/lib/db/schema";
import { recordFactoryEvent } from "@/lib/sync/events";
import { XERO_LINE_PRICING } from "./money";
import { priceForQuantity, sumLines, type PricedLine } from "./document-lines";
import {
  completesOrder,
  completionRounding,
  roundingDescription,
  roundingLineValues,
} from "./order-remainder";
import { createDraft, createOnce, orNull } from "./document-save";
import {
  canEditSalesOrder,
  canGenerateInvoice,
  SALES_ORDER_STATUS_LABELS,
  salesOrderStatusAfterInvoicing,
  salesOrderStatusChoices,
} from "./document-status";
import {
  changeOrderStatus,
  editOrder,
  lockCurrentOrder,
  planOrderTake,
  settleOrderTake,
  type OrderKind,
} from "./orders";
import type {
  GenerateInvoiceInput,
  SalesOrderFormValues,
  SalesOrderStatusChange,
} from "./sales-order-schema";

function headerValues(input: SalesOrderFormValues) {
  return {
    customerId: input.customerId,
    orderDate: input.orderDate,
    deliveryDate: orNull(input.deliveryDate),
    currency: input.currency,
    taxMode: input.taxMode,
    reference: orNull(input.reference),
    notes: orNull(input.notes),
  };
}

const lineValues = ({ id: _id, ...line }: PricedLine) => line;

export const SALES_ORDER: OrderKind<
  SalesOrderStatus,
  SalesOrder,
  SalesOrderLine,
  SalesOrderLineValues,
  ReturnType<typeof headerValues>
> = {
  noun: "sales order",
  recordType: "sales_order",
  party: "customer",
  documents: { one: "invoice", many: "invoices", done: "invoiced" },
  statusLabels: SALES_ORDER_STATUS_LABELS,
  canEdit: canEditSalesOrder,
  statusChoices: salesOrderStatusChoices,
  statusAfter: salesOrderStatusAfterInvoicing,
  partyIdOf: (order) => order.customerId,
  doneQuantityOf: (line) => line.quantityInvoiced,
  lineValues,
  lock: lockSalesOrder,
  update: updateSalesOrder,
  findLines: findSalesOrderLines,
  insertLines: insertSalesOrderLines,
  updateLine: updateSalesOrderLine,
  deleteLines: deleteSalesOrderLines,
};

/** Creates a sales order (SO-00001) with its lines and "created" event in one transaction; once per key. */
export async function createSalesOrder(
  db: Db,
  input: SalesOrderFormValues,
  userId: string | null,
): Promise<SalesOrder> {
  return createDraft(
    db,
    input,
    {
      party: "customer",
      partyId: input.customerId,
      recordType: "sales_order",
      findByIdempotencyKey: findSalesOrderByIdempotencyKey,
      insert: (tx, values) => insertSalesOrder(tx, { ...headerValues(input), ...values }),
      insertLines: (tx, id, lines) => insertSalesOrderLines(tx, id, lines.map(lineValues)),
    },
    userId,
  );
}

/**
 * Saves an edited order if nobody saved it (or invoiced from it) since the form was opened. Invoiced
 * lines stay: their quantity can't drop below what is invoiced.
 */
export async function updateSalesOrderFromForm(
  db: Db,
  input: SalesOrderFormValues,
  userId: string | null,
): Promise<SalesOrder> {
  return editOrder(SALES_ORDER, db, { ...input, partyId: input.customerId }, headerValues(input), userId);
}

/** Confirms, cancels or returns an order to draft, as the status rules allow. */
export async function changeSalesOrderStatus(
  db: Db,
  input: SalesOrderStatusChange,
  userId: string | null,
): Promise<SalesOrder> {
  return changeOrderStatus(SALES_ORDER, db, input, userId);
}

/**
 * "Generate invoice" for all or part of an order. Under the order's row lock it checks the form saw
 * the order's current version, that each quantity fits what remains, then writes the invoice
 * (SI-00001) with lines priced per line the Xero way (and, on the invoice that completes the order,
 * the rounding lines that make its invoices add up to it), raises the lines' invoiced quantities, moves
 * the order to partly invoiced / invoiced, and records "invoice_generated" on the new invoice — all
 * in one transaction. The order's version is bumped so any other open invoice or edit form for it
 * is refused as stale rather than invoicing the same quantity twice.
 */
export async function generateInvoice(
  db: Db,
  input: GenerateInvoiceInput,
  userId: string | null,
): Promise<Invoice> {
  return createOnce(
    db,
    (db) => findInvoiceByIdempotencyKey(db, input.idempotencyKey),
    async (tx) => {
      const order = await lockCurrentOrder(SALES_ORDER, tx, input.salesOrderId);
      // A twin submission may have committed while we waited for the lock: answer with its result.
      const twin = await findInvoiceByIdempotencyKey(tx, input.idempotencyKey);
      if (twin) return twin;
      const { saved, planned, plan } = await planOrderTake(SALES_ORDER, tx, order, input, canGenerateInvoice);
      const items = planned.map(({ line, quantity }) => ({
        kind: "item" as const,
        salesOrderLineId: line.id,
        productId: line.productId,
        description: line.description,
        quantity,
        unitPrice: line.unitPrice,
        discountPercent: line.discountPercent,
        taxRateId: line.taxRateId,
        taxPercent: line.taxPercent,
        ...priceForQuantity(line, quantity, order.taxMode, XERO_LINE_PRICING.invoice),
      }));
      const orderProgress = saved.map((line) => ({ ...line, doneQuantity: line.quantityInvoiced }));
      const rounding = completesOrder(orderProgress, plan)
        ? completionRounding(
            saved,
            [...(await findOrderInvoiceLines(tx, order.id)), ...items].map((line) => ({
              ...line,
              orderLineId: line.salesOrderLineId,
            })),
            order.taxMode,
          ).map((amounts) => ({
            ...roundingLineValues(amounts, roundingDescription("invoices", order.number)),
            salesOrderLineId: null,
          }))
        : [];
      const invoiceLines = [...items, ...rounding].map((line, index) => ({ ...line, position: index + 1 }));
      const number = await takeNumber(tx, "invoice");
      const invoice = await insertInvoice(
        tx,
        {
          number,
          salesOrderId: order.id,
          status: "issued",
          issueDate: input.issueDate,
          dueDate: input.dueDate,
          currency: order.currency,
          taxMode: order.taxMode,
          reference: orNull(input.reference),
          ...sumLines(invoiceLines, order.taxMode),
          idempotencyKey: input.idempotencyKey,
          createdBy: userId,
          updatedBy: userId,
        },
        invoiceLines,
      );
      await settleOrderTake(SALES_ORDER, tx, order, saved, plan, addQuantityInvoiced, userId);
      await recordFactoryEvent(tx, {
        kind: "invoice_generated",
        recordType: "invoice",
        recordId: invoice.id,
        userId,
      });
      return invoice;
    },
  );
}
