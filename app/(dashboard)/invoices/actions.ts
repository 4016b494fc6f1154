"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { editInvoiceSchema } from "@/lib/factory/invoice-schema";
import { editInvoice } from "@/lib/factory/invoices";

/** Saves an edited invoice (staff and admins); the worker sends it to Xero as an update. */
export const saveInvoice = authedAction(editInvoiceSchema, async (input, { user }) => {
  const invoice = await editInvoice(getDb(), input, user.id);
  revalidatePath("/invoices");
  revalidatePath(`/sales-orders/${invoice.salesOrderId}`);
  return { id: invoice.id };
});
