"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { createCreditNoteSchema } from "@/lib/factory/credit-note-schema";
import { createCreditNote } from "@/lib/factory/credit-notes";

/** "Create credit note" (an invoice) or "Supplier credit" (a bill), staff and admins; the worker sends it to Xero. */
export const createCreditNoteAction = authedAction(createCreditNoteSchema, async (input, { user }) => {
  const note = await createCreditNote(getDb(), input, user.id);
  revalidatePath(input.kind === "customer" ? `/invoices/${input.creditedId}` : `/bills/${input.creditedId}`);
  return { id: note.id };
});
