"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import {
  convertToBillSchema,
  purchaseOrderFormSchema,
  purchaseOrderStatusSchema,
} from "@/lib/factory/purchase-order-schema";
import {
  changePurchaseOrderStatus,
  convertToBill as convertToBillRecord,
  createPurchaseOrder,
  updatePurchaseOrderFromForm,
} from "@/lib/factory/purchase-orders";

/** Creates the purchase order, or saves the edit when the form carries an id. */
export const savePurchaseOrder = authedAction(purchaseOrderFormSchema, async (input, { user }) => {
  const db = getDb();
  const order = await (input.id
    ? updatePurchaseOrderFromForm(db, input, user.id)
    : createPurchaseOrder(db, input, user.id));
  revalidatePath("/purchase-orders");
  return { id: order.id };
});

export const updatePurchaseOrderStatus = authedAction(purchaseOrderStatusSchema, async (input, { user }) => {
  const order = await changePurchaseOrderStatus(getDb(), input, user.id);
  revalidatePath("/purchase-orders");
  return { id: order.id };
});

/** "Convert to bill": answers with the order's id, whose page lists the new bill. */
export const convertToBill = authedAction(convertToBillSchema, async (input, { user }) => {
  const bill = await convertToBillRecord(getDb(), input, user.id);
  revalidatePath("/purchase-orders");
  return { id: bill.purchaseOrderId, billId: bill.id, number: bill.number };
});
