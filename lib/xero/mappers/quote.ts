import { XERO_LINE_PRICING } from "@/lib/factory/money";
import { mapLines, quoteLineAmountTypes, referenceFor } from "./lines";
import type { FactoryDocument, MappingContext, XeroQuotePayload } from "./types";

export interface FactoryQuote extends FactoryDocument {
  expiryDate: string | null;
}

/** Quote → Xero Quote, always DRAFT (docs/sync.md#what-flows-to-xero). Xero quotes have no `Url` field. */
export function mapQuote(quote: FactoryQuote, ctx: MappingContext): XeroQuotePayload {
  return {
    Contact: { ContactID: quote.xeroContactId },
    Date: quote.date,
    ...(quote.expiryDate ? { ExpiryDate: quote.expiryDate } : {}),
    Status: "DRAFT",
    LineAmountTypes: quoteLineAmountTypes(quote.taxMode),
    CurrencyCode: quote.currency,
    Reference: referenceFor(quote.number, quote.reference, "Quote.Reference", ctx.notes),
    LineItems: mapLines(
      quote,
      ctx,
      { pricing: XERO_LINE_PRICING.quote, direction: "sales" },
      `Factory quote #${quote.number}`,
    ),
  };
}
