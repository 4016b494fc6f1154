import type { Db } from "@/lib/db/client";
import { getXeroSettings } from "@/lib/db/queries/xero-settings";
import { takeNumber } from "@/lib/db/queries/numbering";
import {
  addQuantityBilled,
  deletePurchaseOrderLines,
  findBillByIdempotencyKey,
  findOrderBillLines,
  findPurchaseOrderByIdempotencyKey,
  findPurchaseOrderLines,
  insertBill,
  insertPurchaseOrder,
  insertPurchaseOrderLines,
  lockPurchaseOrder,
  updatePurchaseOrder,
  updatePurchaseOrderLine,
  type PurchaseOrderLineValues,
} from "@/lib/db/queries/purchase-orders";
import type {
  Bill,
  BillStatus,
  PurchaseOrder,
  PurchaseOrderLine,
  PurchaseOrderStatus,
  XeroDocumentStatus,
} from "@/lib/db/schema";
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
  canEditPurchaseOrder,
  canConvertToBill,
  PURCHASE_ORDER_STATUS_LABELS,
  purchaseOrderStatusAfterBilling,
  purchaseOrderStatusChoices,
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

export const PURCHASE_ORDER: OrderKind<
  PurchaseOrderStatus,
  PurchaseOrder,
  PurchaseOrderLine,
  PurchaseOrderLineValues,
  ReturnType<typeof headerValues>
> = {
  noun: "purchase order",
  recordType: "purchase_order",
  party: "supplier",
  documents: { one: "bill", many: "bills", done: "billed" },
  statusLabels: PURCHASE_ORDER_STATUS_LABELS,
  canEdit: canEditPurchaseOrder,
  statusChoices: purchaseOrderStatusChoices,
  statusAfter: purchaseOrderStatusAfterBilling,
  partyIdOf: (order) => order.supplierId,
  doneQuantityOf: (line) => line.quantityBilled,
  lineValues,
  lock: lockPurchaseOrder,
  update: updatePurchaseOrder,
  findLines: findPurchaseOrderLines,
  insertLines: insertPurchaseOrderLines,
  updateLine: updatePurchaseOrderLine,
  deleteLines: deletePurchaseOrderLines,
};

/** Creates a purchase order (PO-00001) with its lines and "created" event in one transaction; once per key. */
export async function createPurchaseOrder(
  db: Db,
  input: PurchaseOrderFormValues,
  userId: string | null,
): Promise<PurchaseOrder> {
  return createDraft(
    db,
    input,
    {
      party: "supplier",
      partyId: input.supplierId,
      recordType: "purchase_order",
      findByIdempotencyKey: findPurchaseOrderByIdempotencyKey,
      insert: (tx, values) => insertPurchaseOrder(tx, { ...headerValues(input), ...values }),
      insertLines: (tx, id, lines) => insertPurchaseOrderLines(tx, id, lines.map(lineValues)),
    },
    userId,
  );
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
  return editOrder(PURCHASE_ORDER, db, { ...input, partyId: input.supplierId }, headerValues(input), userId);
}

/**
 * A new bill's Factory status never claims more than Xero will hold (issue 11 item 15): bills go to
 * Xero in the status chosen in settings, and only an AUTHORISED bill is "awaiting payment" there;
 * a DRAFT or SUBMITTED ("awaiting approval") one is still a draft to pay.
 */
export const factoryBillStatus = (sent: XeroDocumentStatus): BillStatus =>
  sent === "AUTHORISED" ? "awaiting_payment" : "draft";

/** Confirms, cancels or returns an order to draft, as the status rules allow. */
export async function changePurchaseOrderStatus(
  db: Db,
  input: PurchaseOrderStatusChange,
  userId: string | null,
): Promise<PurchaseOrder> {
  return changeOrderStatus(PURCHASE_ORDER, db, input, userId);
}

/**
 * "Convert to bill" for all or part of a purchase order, with the supplier's invoice number and
 * dates. Like generating an invoice: under the order's row lock it checks the version and what
 * remains, writes the bill (BL-00001) with lines priced per line the Xero way (and, on the bill that
 * completes the order, the rounding lines that make its bills add up to it), raises the lines'
 * billed quantities, moves the order to partly billed / billed and records "converted_to_bill" on the
 * new bill, in one transaction; the order's version is bumped so other open forms are refused.
 */
export async function convertToBill(db: Db, input: ConvertToBillInput, userId: string | null): Promise<Bill> {
  return createOnce(
    db,
    (db) => findBillByIdempotencyKey(db, input.idempotencyKey),
    async (tx) => {
      const order = await lockCurrentOrder(PURCHASE_ORDER, tx, input.purchaseOrderId);
      // A twin submission may have committed while we waited for the lock: answer with its result.
      const twin = await findBillByIdempotencyKey(tx, input.idempotencyKey);
      if (twin) return twin;
      const { saved, planned, plan } = await planOrderTake(
        PURCHASE_ORDER,
        tx,
        order,
        input,
        canConvertToBill,
      );
      // A line's unit cost on the bill: what the supplier charged, where staff changed it, else the
      // order's. A changed cost is not rounding, so the completing bill's rounding leaves that line out.
      const chargedCost = new Map(
        input.lines.flatMap((line) =>
          line.unitCost === undefined ? [] : [[line.orderLineId, line.unitCost]],
        ),
      );
      const items = planned.map(({ line, quantity }) => {
        const unitCost = chargedCost.get(line.id) ?? line.unitCost;
        return {
          kind: "item" as const,
          purchaseOrderLineId: line.id,
          productId: line.productId,
          description: line.description,
          quantity,
          unitCost,
          discountPercent: line.discountPercent,
          taxRateId: line.taxRateId,
          taxPercent: line.taxPercent,
          ...priceForQuantity(
            { ...line, unitPrice: unitCost },
            quantity,
            order.taxMode,
            XERO_LINE_PRICING.bill,
          ),
        };
      });
      const orderProgress = saved.map((line) => ({ ...line, doneQuantity: line.quantityBilled }));
      const rounding = completesOrder(orderProgress, plan)
        ? completionRounding(
            saved.map((line) => ({ ...line, unitPrice: line.unitCost })),
            [...(await findOrderBillLines(tx, order.id)), ...items].map((line) => ({
              ...line,
              unitPrice: line.unitCost,
              orderLineId: line.purchaseOrderLineId,
            })),
            order.taxMode,
          ).map((amounts) => {
            const { unitPrice, ...values } = roundingLineValues(
              amounts,
              roundingDescription("bills", order.number),
            );
            return { ...values, unitCost: unitPrice, purchaseOrderLineId: null };
          })
        : [];
      const billLines = [...items, ...rounding].map((line, index) => ({ ...line, position: index + 1 }));
      const number = await takeNumber(tx, "bill");
      const { billStatus } = await getXeroSettings(tx);
      const bill = await insertBill(
        tx,
        {
          number,
          purchaseOrderId: order.id,
          status: factoryBillStatus(billStatus),
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
      const status = await settleOrderTake(PURCHASE_ORDER, tx, order, saved, plan, addQuantityBilled, userId);
      await recordFactoryEvent(tx, {
        kind: "converted_to_bill",
        recordType: "bill",
        recordId: bill.id,
        userId,
      });
      // Fully billed: the order's Xero copy becomes BILLED (the planner's "status" plan).
      if (status === "billed" && order.status !== "billed") {
        await recordFactoryEvent(tx, {
          kind: "updated",
          recordType: "purchase_order",
          recordId: order.id,
          userId,
        });
      }
      return bill;
    },
  );
}
