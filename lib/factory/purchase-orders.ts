import type { Db, Executor } from "@/lib/db/client";
import { takeNumber } from "@/lib/db/queries/numbering";
import {
  addQuantityBilled,
  deletePurchaseOrderLines,
  findBillByIdempotencyKey,
  findPurchaseOrderByIdempotencyKey,
  findPurchaseOrderLines,
  insertBill,
  insertPurchaseOrder,
  insertPurchaseOrderLines,
  lockPurchaseOrder,
  updatePurchaseOrder,
  updatePurchaseOrderLine,
} from "@/lib/db/queries/purchase-orders";
import type { Bill, PurchaseOrder, PurchaseOrderLine } from "@/lib/db/schema";
import { recordFactoryEvent } from "@/lib/sync/events";
import { diffOrderLines, priceForQuantity, sumLines, type PricedLine } from "./document-lines";
import { createOnce, orNull, preparedLines, requireParty } from "./document-save";
import {
  canEditPurchaseOrder,
  canConvertToBill,
  PURCHASE_ORDER_STATUS_LABELS,
  purchaseOrderStatusAfterBilling,
  purchaseOrderStatusChoices,
} from "./document-status";
import { missingRecordMessage, RecordError, staleRecordMessage } from "./record-error";
import { planPartial, progressState } from "./remaining";
import type {
  ConvertToBillInput,
  PurchaseOrderFormValues,
  PurchaseOrderStatusChange,
} from "./purchase-order-schema";

function headerValues(input: PurchaseOrderFormValues) {
  return {
    supplierId: input.supplierId,
    orderDate: input.orderDate,
    deliveryDate: orNull(input.deliveryDate),
    deliveryAddress:
      input.deliveryAddress && Object.values(input.deliveryAddress).some(Boolean)
        ? input.deliveryAddress
        : null,
    deliveryInstructions: orNull(input.deliveryInstructions),
    currency: input.currency,
    taxMode: input.taxMode,
    reference: orNull(input.reference),
    notes: orNull(input.notes),
  };
}

/** Purchase order lines call the price a unit cost. */
const lineValues = ({ id: _id, unitPrice, ...line }: PricedLine) => ({ ...line, unitCost: unitPrice });

const progressOf = (lines: readonly PurchaseOrderLine[]) =>
  progressState(lines.map((line) => ({ quantity: line.quantity, doneQuantity: line.quantityBilled })));

/** Creates a purchase order (PO-00001) with its lines and "created" event in one transaction; once per key. */
export async function createPurchaseOrder(
  db: Db,
  input: PurchaseOrderFormValues,
  userId: string | null,
): Promise<PurchaseOrder> {
  return createOnce(
    db,
    (db) => findPurchaseOrderByIdempotencyKey(db, input.idempotencyKey),
    async (tx) => {
      await requireParty(tx, "supplier", input.supplierId, { allowArchived: false });
      const { lines, amounts } = await preparedLines(tx, input.lines, input.taxMode);
      const number = await takeNumber(tx, "purchase_order");
      const order = await insertPurchaseOrder(tx, {
        ...headerValues(input),
        ...amounts,
        number,
        status: "draft",
        idempotencyKey: input.idempotencyKey,
        createdBy: userId,
        updatedBy: userId,
      });
      await insertPurchaseOrderLines(tx, order.id, lines.map(lineValues));
      await recordFactoryEvent(tx, {
        kind: "created",
        recordType: "purchase_order",
        recordId: order.id,
        userId,
      });
      return order;
    },
  );
}

async function lockCurrentOrder(tx: Executor, id: string) {
  const order = await lockPurchaseOrder(tx, id);
  if (!order) throw new RecordError(missingRecordMessage("purchase order"));
  return order;
}

/**
 * Saves an edited order if nobody saved it (or billed from it) since the form was opened. Billed
 * lines stay: their quantity can't drop below what is billed.
 */
export async function updatePurchaseOrderFromForm(
  db: Db,
  input: PurchaseOrderFormValues,
  userId: string | null,
): Promise<PurchaseOrder> {
  return db.transaction(async (tx) => {
    const order = await lockCurrentOrder(tx, input.id);
    if (order.version !== input.version) {
      if (order.idempotencyKey === input.idempotencyKey) return order;
      throw new RecordError(staleRecordMessage("purchase order"));
    }
    if (!canEditPurchaseOrder(order.status)) {
      throw new RecordError(
        `An order that is ${PURCHASE_ORDER_STATUS_LABELS[order.status].toLowerCase()} can't be changed.`,
      );
    }
    await requireParty(tx, "supplier", input.supplierId, {
      allowArchived: input.supplierId === order.supplierId,
    });
    const saved = await findPurchaseOrderLines(tx, order.id);
    if (input.supplierId !== order.supplierId && progressOf(saved) !== "none") {
      throw new RecordError("Check the highlighted fields.", {
        supplierId: ["This order has bills, so its supplier can't change."],
      });
    }
    const kept = new Set(saved.flatMap((line) => (line.productId ? [line.productId] : [])));
    const { lines, amounts } = await preparedLines(tx, input.lines, input.taxMode, kept);
    const changes = diffOrderLines(
      saved.map((line) => ({
        id: line.id,
        description: line.description,
        doneQuantity: line.quantityBilled,
      })),
      lines,
      "billed",
    );
    await deletePurchaseOrderLines(tx, order.id, changes.deletes);
    for (const line of changes.updates) await updatePurchaseOrderLine(tx, line.id, lineValues(line));
    await insertPurchaseOrderLines(tx, order.id, changes.inserts.map(lineValues));
    const status = purchaseOrderStatusAfterBilling(
      order.status,
      progressOf(await findPurchaseOrderLines(tx, order.id)),
    );
    const updated = await updatePurchaseOrder(tx, order.id, {
      ...headerValues(input),
      ...amounts,
      status,
      idempotencyKey: input.idempotencyKey,
      updatedBy: userId,
    });
    await recordFactoryEvent(tx, {
      kind: "updated",
      recordType: "purchase_order",
      recordId: order.id,
      userId,
    });
    return updated;
  });
}

/** Confirms, cancels or returns an order to draft, as the status rules allow. */
export async function changePurchaseOrderStatus(
  db: Db,
  input: PurchaseOrderStatusChange,
  userId: string | null,
): Promise<PurchaseOrder> {
  return db.transaction(async (tx) => {
    const order = await lockCurrentOrder(tx, input.id);
    if (order.status === input.status) return order;
    if (order.version !== input.version) throw new RecordError(staleRecordMessage("purchase order"));
    if (!purchaseOrderStatusChoices(order.status).includes(input.status)) {
      throw new RecordError(
        `An order that is ${PURCHASE_ORDER_STATUS_LABELS[order.status].toLowerCase()} can't be marked ${PURCHASE_ORDER_STATUS_LABELS[input.status].toLowerCase()}.`,
      );
    }
    const updated = await updatePurchaseOrder(tx, order.id, { status: input.status, updatedBy: userId });
    await recordFactoryEvent(tx, {
      kind: "updated",
      recordType: "purchase_order",
      recordId: order.id,
      userId,
    });
    return updated;
  });
}

/**
 * "Convert to bill" for all or part of a purchase order, with the supplier's invoice number and
 * dates. Like generating an invoice: under the order's row lock it checks the version and what
 * remains, writes the bill (BL-00001) with lines priced per line the Xero way, raises the lines'
 * billed quantities, moves the order to partly billed / billed and records "converted_to_bill" on the
 * new bill, in one transaction; the order's version is bumped so other open forms are refused.
 */
export async function convertToBill(db: Db, input: ConvertToBillInput, userId: string | null): Promise<Bill> {
  return createOnce(
    db,
    (db) => findBillByIdempotencyKey(db, input.idempotencyKey),
    async (tx) => {
      const order = await lockCurrentOrder(tx, input.purchaseOrderId);
      // A twin submission may have committed while we waited for the lock: answer with its result.
      const twin = await findBillByIdempotencyKey(tx, input.idempotencyKey);
      if (twin) return twin;
      if (order.version !== input.version) throw new RecordError(staleRecordMessage("purchase order"));
      if (!canConvertToBill(order.status)) {
        throw new RecordError(
          `An order that is ${PURCHASE_ORDER_STATUS_LABELS[order.status].toLowerCase()} can't be billed.`,
        );
      }
      const saved = await findPurchaseOrderLines(tx, order.id);
      const plan = planPartial(
        saved.map((line) => ({ id: line.id, quantity: line.quantity, doneQuantity: line.quantityBilled })),
        input.lines.map((line) => ({ orderLineId: line.orderLineId, quantity: line.quantity })),
        { document: "bill", done: "billed" },
      );
      if (!plan.ok) throw new RecordError(plan.message, plan.fieldErrors);

      const savedById = new Map(saved.map((line) => [line.id, line]));
      const billLines = plan.lines.flatMap((planned, index) => {
        const line = savedById.get(planned.orderLineId);
        if (!line) return [];
        return {
          purchaseOrderLineId: line.id,
          position: index + 1,
          productId: line.productId,
          description: line.description,
          quantity: planned.quantity,
          unitCost: line.unitCost,
          discountPercent: line.discountPercent,
          taxRateId: line.taxRateId,
          taxPercent: line.taxPercent,
          ...priceForQuantity({ ...line, unitPrice: line.unitCost }, planned.quantity, order.taxMode),
        };
      });
      const number = await takeNumber(tx, "bill");
      const bill = await insertBill(
        tx,
        {
          number,
          purchaseOrderId: order.id,
          status: "awaiting_payment",
          supplierInvoiceNumber: input.supplierInvoiceNumber,
          billDate: input.billDate,
          dueDate: input.dueDate,
          currency: order.currency,
          taxMode: order.taxMode,
          ...sumLines(billLines, order.taxMode),
          idempotencyKey: input.idempotencyKey,
          createdBy: userId,
          updatedBy: userId,
        },
        billLines,
      );
      const after = [];
      for (const planned of plan.lines)
        after.push(await addQuantityBilled(tx, planned.orderLineId, planned.quantity));
      const afterById = new Map(after.map((line) => [line.id, line]));
      const status = purchaseOrderStatusAfterBilling(
        order.status,
        progressOf(saved.map((line) => afterById.get(line.id) ?? line)),
      );
      await updatePurchaseOrder(tx, order.id, { status, updatedBy: userId });
      await recordFactoryEvent(tx, {
        kind: "converted_to_bill",
        recordType: "bill",
        recordId: bill.id,
        userId,
      });
      return bill;
    },
  );
}
