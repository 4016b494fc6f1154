import type { Db, Executor } from "@/lib/db/client";
import { takeNumber } from "@/lib/db/queries/numbering";
import {
  addQuantityInvoiced,
  deleteSalesOrderLines,
  findInvoiceByIdempotencyKey,
  findSalesOrderByIdempotencyKey,
  findSalesOrderLines,
  insertInvoice,
  insertSalesOrder,
  insertSalesOrderLines,
  lockSalesOrder,
  updateSalesOrder,
  updateSalesOrderLine,
} from "@/lib/db/queries/sales-orders";
import type { Invoice, SalesOrder, SalesOrderLine } from "@/lib/db/schema";
import { recordFactoryEvent } from "@/lib/sync/events";
import { diffOrderLines, priceForQuantity, sumLines, type PricedLine } from "./document-lines";
import { createOnce, orNull, preparedLines, requireParty } from "./document-save";
import {
  canEditSalesOrder,
  canGenerateInvoice,
  SALES_ORDER_STATUS_LABELS,
  salesOrderStatusAfterInvoicing,
  salesOrderStatusChoices,
} from "./document-status";
import { missingRecordMessage, RecordError, staleRecordMessage } from "./record-error";
import { planPartial, progressState } from "./remaining";
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

const progressOf = (lines: readonly SalesOrderLine[]) =>
  progressState(lines.map((line) => ({ quantity: line.quantity, doneQuantity: line.quantityInvoiced })));

/** Creates a sales order (SO-00001) with its lines and "created" event in one transaction; once per key. */
export async function createSalesOrder(
  db: Db,
  input: SalesOrderFormValues,
  userId: string | null,
): Promise<SalesOrder> {
  return createOnce(
    db,
    (db) => findSalesOrderByIdempotencyKey(db, input.idempotencyKey),
    async (tx) => {
      await requireParty(tx, "customer", input.customerId, { allowArchived: false });
      const { lines, amounts } = await preparedLines(tx, input.lines, input.taxMode);
      const number = await takeNumber(tx, "sales_order");
      const order = await insertSalesOrder(tx, {
        ...headerValues(input),
        ...amounts,
        number,
        status: "draft",
        idempotencyKey: input.idempotencyKey,
        createdBy: userId,
        updatedBy: userId,
      });
      await insertSalesOrderLines(tx, order.id, lines.map(lineValues));
      await recordFactoryEvent(tx, {
        kind: "created",
        recordType: "sales_order",
        recordId: order.id,
        userId,
      });
      return order;
    },
  );
}

async function lockCurrentOrder(tx: Executor, id: string) {
  const order = await lockSalesOrder(tx, id);
  if (!order) throw new RecordError(missingRecordMessage("sales order"));
  return order;
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
  return db.transaction(async (tx) => {
    const order = await lockCurrentOrder(tx, input.id);
    if (order.version !== input.version) {
      if (order.idempotencyKey === input.idempotencyKey) return order;
      throw new RecordError(staleRecordMessage("sales order"));
    }
    if (!canEditSalesOrder(order.status)) {
      throw new RecordError(
        `An order that is ${SALES_ORDER_STATUS_LABELS[order.status].toLowerCase()} can't be changed.`,
      );
    }
    await requireParty(tx, "customer", input.customerId, {
      allowArchived: input.customerId === order.customerId,
    });
    const saved = await findSalesOrderLines(tx, order.id);
    if (input.customerId !== order.customerId && progressOf(saved) !== "none") {
      throw new RecordError("Check the highlighted fields.", {
        customerId: ["This order has invoices, so its customer can't change."],
      });
    }
    const kept = new Set(saved.flatMap((line) => (line.productId ? [line.productId] : [])));
    const { lines, amounts } = await preparedLines(tx, input.lines, input.taxMode, kept);
    const changes = diffOrderLines(
      saved.map((line) => ({
        id: line.id,
        description: line.description,
        doneQuantity: line.quantityInvoiced,
      })),
      lines,
      "invoiced",
    );
    await deleteSalesOrderLines(tx, order.id, changes.deletes);
    for (const line of changes.updates) await updateSalesOrderLine(tx, line.id, lineValues(line));
    await insertSalesOrderLines(tx, order.id, changes.inserts.map(lineValues));
    const status = salesOrderStatusAfterInvoicing(
      order.status,
      progressOf(await findSalesOrderLines(tx, order.id)),
    );
    const updated = await updateSalesOrder(tx, order.id, {
      ...headerValues(input),
      ...amounts,
      status,
      idempotencyKey: input.idempotencyKey,
      updatedBy: userId,
    });
    await recordFactoryEvent(tx, { kind: "updated", recordType: "sales_order", recordId: order.id, userId });
    return updated;
  });
}

/** Confirms, cancels or returns an order to draft, as the status rules allow. */
export async function changeSalesOrderStatus(
  db: Db,
  input: SalesOrderStatusChange,
  userId: string | null,
): Promise<SalesOrder> {
  return db.transaction(async (tx) => {
    const order = await lockCurrentOrder(tx, input.id);
    if (order.status === input.status) return order;
    if (order.version !== input.version) throw new RecordError(staleRecordMessage("sales order"));
    if (!salesOrderStatusChoices(order.status).includes(input.status)) {
      throw new RecordError(
        `An order that is ${SALES_ORDER_STATUS_LABELS[order.status].toLowerCase()} can't be marked ${SALES_ORDER_STATUS_LABELS[input.status].toLowerCase()}.`,
      );
    }
    const updated = await updateSalesOrder(tx, order.id, { status: input.status, updatedBy: userId });
    await recordFactoryEvent(tx, { kind: "updated", recordType: "sales_order", recordId: order.id, userId });
    return updated;
  });
}

/**
 * "Generate invoice" for all or part of an order. Under the order's row lock it checks the form saw
 * the order's current version, that each quantity fits what remains, then writes the invoice
 * (SI-00001) with lines priced per line the Xero way, raises the lines' invoiced quantities, moves
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
      const order = await lockCurrentOrder(tx, input.salesOrderId);
      // A twin submission may have committed while we waited for the lock: answer with its result.
      const twin = await findInvoiceByIdempotencyKey(tx, input.idempotencyKey);
      if (twin) return twin;
      if (order.version !== input.version) throw new RecordError(staleRecordMessage("sales order"));
      if (!canGenerateInvoice(order.status)) {
        throw new RecordError(
          `An order that is ${SALES_ORDER_STATUS_LABELS[order.status].toLowerCase()} can't be invoiced.`,
        );
      }
      const saved = await findSalesOrderLines(tx, order.id);
      const plan = planPartial(
        saved.map((line) => ({ id: line.id, quantity: line.quantity, doneQuantity: line.quantityInvoiced })),
        input.lines.map((line) => ({ orderLineId: line.orderLineId, quantity: line.quantity })),
        { document: "invoice", done: "invoiced" },
      );
      if (!plan.ok) throw new RecordError(plan.message, plan.fieldErrors);

      const savedById = new Map(saved.map((line) => [line.id, line]));
      const invoiceLines = plan.lines.flatMap((planned, index) => {
        const line = savedById.get(planned.orderLineId);
        if (!line) return [];
        return {
          salesOrderLineId: line.id,
          position: index + 1,
          productId: line.productId,
          description: line.description,
          quantity: planned.quantity,
          unitPrice: line.unitPrice,
          discountPercent: line.discountPercent,
          taxRateId: line.taxRateId,
          taxPercent: line.taxPercent,
          ...priceForQuantity(line, planned.quantity, order.taxMode),
        };
      });
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
      const after = [];
      for (const planned of plan.lines)
        after.push(await addQuantityInvoiced(tx, planned.orderLineId, planned.quantity));
      const afterById = new Map(after.map((line) => [line.id, line]));
      const status = salesOrderStatusAfterInvoicing(
        order.status,
        progressOf(saved.map((line) => afterById.get(line.id) ?? line)),
      );
      await updateSalesOrder(tx, order.id, { status, updatedBy: userId });
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
