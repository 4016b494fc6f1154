"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { convertQuoteSchema, quoteFormSchema, quoteStatusSchema } from "@/lib/factory/quote-schema";
import {
  changeQuoteStatus,
  convertQuoteToSalesOrder,
  createQuote,
  updateQuoteFromForm,
} from "@/lib/factory/quotes";

/** Creates the quote, or saves the edit when the form carries an id. */
export const saveQuote = authedAction(quoteFormSchema, async (input, { user }) => {
  const db = getDb();
  const quote = await (input.id ? updateQuoteFromForm(db, input, user.id) : createQuote(db, input, user.id));
  revalidatePath("/quotes");
  return { id: quote.id };
});

export const updateQuoteStatus = authedAction(quoteStatusSchema, async (input, { user }) => {
  const quote = await changeQuoteStatus(getDb(), input, user.id);
  revalidatePath("/quotes");
  return { id: quote.id };
});

export const convertQuote = authedAction(convertQuoteSchema, async (input, { user }) => {
  const order = await convertQuoteToSalesOrder(getDb(), input, user.id);
  revalidatePath("/quotes");
  revalidatePath("/sales-orders");
  return { id: order.id };
});
