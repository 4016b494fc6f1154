import { z } from "zod";
import { QUOTE_STATUSES } from "./document-status";
import { XERO_LINE_PRICING } from "./money";
import {
  documentFormBase,
  documentLinesField,
  isoDate,
  optionalIsoDate,
  requiredId,
} from "./document-fields";

/** The quote form (new and edit), parsed by react-hook-form in the browser and by the save action. */
export const quoteFormSchema = z
  .object({
    ...documentFormBase,
    customerId: requiredId("Choose a customer."),
    issueDate: isoDate("Quote date"),
    expiryDate: optionalIsoDate("Expiry date"),
    lines: documentLinesField("Unit price", XERO_LINE_PRICING.quote.unitDp),
  })
  .refine((quote) => !quote.expiryDate || quote.expiryDate >= quote.issueDate, {
    path: ["expiryDate"],
    message: "The expiry date can't be before the quote date.",
  });

export type QuoteFormValues = z.infer<typeof quoteFormSchema>;

export const quoteStatusSchema = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
  status: z.enum(QUOTE_STATUSES),
});

export type QuoteStatusChange = z.infer<typeof quoteStatusSchema>;

/** "Convert to sales order": the quote as the page showed it, and a key so a double click converts once. */
export const convertQuoteSchema = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
  idempotencyKey: z.uuid(),
});

export type ConvertQuoteInput = z.infer<typeof convertQuoteSchema>;
