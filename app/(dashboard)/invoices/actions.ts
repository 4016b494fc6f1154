"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { voidInvoice } from "@/lib/factory/void-documents";
import { voidDocumentSchema } from "@/lib/factory/void-schema";
import { editInvoiceSchema } from "@/lib/factory/invoice-schema";
import { editInvoice } from "@/lib/factory/invoices";

/** Saves an edited invoice (staff and admins); the worker sends it to Xero as an update. */
export const saveInvoice = authedAction(editInvoiceSchema, async (input, { user }) => {
  const invoice = await editInvoice(getDb(), input, user.id);
  revalidatePath("/invoices");
  revalidatePath(`/sales-orders/${invoice.salesOrderId}`);
  return { id: invoice.id };
});

/**
 * Voids an invoice (administrators only, checked here on the server): its quantities go back to its
 * order, and the worker voids it in Xero.
 */
export const voidInvoiceAction = authedAction(
  voidDocumentSchema,
  async (input, { user }) => {
    const invoice = await voidInvoice(getDb(), input, user.id);
    revalidatePath("/invoices");
    revalidatePath(`/invoices/${invoice.id}`);
    revalidatePath(`/sales-orders/${invoice.salesOrderId}`);
    return { id: invoice.id };
  },
  { role: "admin" },
);
