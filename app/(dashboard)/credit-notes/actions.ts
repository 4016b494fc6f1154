"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { createCreditNoteSchema } from "@/lib/factory/credit-note-schema";
import { createCreditNote, voidCreditNote } from "@/lib/factory/credit-notes";
import { voidDocumentSchema } from "@/lib/factory/void-schema";

/** "Create credit note" (an invoice) or "Supplier credit" (a bill), staff and admins; the worker sends it to Xero. */
export const createCreditNoteAction = authedAction(createCreditNoteSchema, async (input, { user }) => {
  const note = await createCreditNote(getDb(), input, user.id);
  revalidatePath(input.kind === "customer" ? `/invoices/${input.creditedId}` : `/bills/${input.creditedId}`);
  return { id: note.id };
});

/**
 * Voids a credit note or supplier credit (administrators only, checked here on the server): its
 * quantities can be credited again, and the worker takes its allocation off and voids it in Xero.
 */
export const voidCreditNoteAction = authedAction(
  voidDocumentSchema,
  async (input, { user }) => {
    const note = await voidCreditNote(getDb(), input, user.id);
    revalidatePath("/credit-notes");
    revalidatePath(`/credit-notes/${note.id}`);
    revalidatePath(note.invoiceId ? `/invoices/${note.invoiceId}` : `/bills/${note.billId}`);
    return { id: note.id };
  },
  { role: "admin" },
);
