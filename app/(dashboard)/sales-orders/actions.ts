"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import {
  generateInvoiceSchema,
  salesOrderFormSchema,
  salesOrderStatusSchema,
} from "@/lib/factory/sales-order-schema";
import {
  changeSalesOrderStatus,
  createSalesOrder,
  generateInvoice as generateInvoiceRecord,
  updateSalesOrderFromForm,
} from "@/lib/factory/sales-orders";

/** Creates the sales order, or saves the edit when the form carries an id. */
export const saveSalesOrder = authedAction(salesOrderFormSchema, async (input, { user }) => {
  const db = getDb();
  const order = await (input.id
    ? updateSalesOrderFromForm(db, input, user.id)
    : createSalesOrder(db, input, user.id));
  revalidatePath("/sales-orders");
  return { id: order.id };
});

export const updateSalesOrderStatus = authedAction(salesOrderStatusSchema, async (input, { user }) => {
  const order = await changeSalesOrderStatus(getDb(), input, user.id);
  revalidatePath("/sales-orders");
  return { id: order.id };
});

/** "Generate invoice": answers with the order's id, whose page lists the new invoice. */
export const generateInvoice = authedAction(generateInvoiceSchema, async (input, { user }) => {
  const invoice = await generateInvoiceRecord(getDb(), input, user.id);
  revalidatePath("/sales-orders");
  return { id: invoice.salesOrderId, invoiceId: invoice.id, number: invoice.number };
});
