"use server";

import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { searchPartyOptions, searchProductOptions } from "@/lib/db/queries/document-lookups";

const lookupSchema = z.object({ term: z.string().trim().max(200) });

/** Customers for a document's customer picker. */
export const searchCustomers = authedAction(lookupSchema, ({ term }) =>
  searchPartyOptions(getDb(), "customer", term),
);

/** Suppliers for a purchase order's supplier picker. */
export const searchSuppliers = authedAction(lookupSchema, ({ term }) =>
  searchPartyOptions(getDb(), "supplier", term),
);

/** Products for the line editor's product picker. */
export const searchProducts = authedAction(lookupSchema, ({ term }) => searchProductOptions(getDb(), term));
