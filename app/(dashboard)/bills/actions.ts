"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { voidBill } from "@/lib/factory/void-documents";
import { voidDocumentSchema } from "@/lib/factory/void-schema";
import { editBillSchema } from "@/lib/factory/bill-schema";
import { editBill } from "@/lib/factory/bills";

/** Saves an edited bill (staff and admins); the worker sends it to Xero as an update. */
export const saveBill = authedAction(editBillSchema, async (input, { user }) => {
  const bill = await editBill(getDb(), input, user.id);
  revalidatePath("/bills");
  revalidatePath(`/purchase-orders/${bill.purchaseOrderId}`);
  return { id: bill.id };
});

/**
 * Voids a bill (administrators only, checked here on the server): its quantities go back to its
 * order, and the worker voids it in Xero.
 */
export const voidBillAction = authedAction(
  voidDocumentSchema,
  async (input, { user }) => {
    const bill = await voidBill(getDb(), input, user.id);
    revalidatePath("/bills");
    revalidatePath(`/bills/${bill.id}`);
    revalidatePath(`/purchase-orders/${bill.purchaseOrderId}`);
    return { id: bill.id };
  },
  { role: "admin" },
);
