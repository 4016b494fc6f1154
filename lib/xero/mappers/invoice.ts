import { XERO_LINE_PRICING } from "@/lib/factory/money";
import { lineAmountTypes, mapLines, referenceFor } from "./lines";
import type { FactoryDocument, MappingContext, XeroInvoicePayload } from "./types";

/** Where an invoice lives in Factory: Xero's "Go to Factory" link on the invoice. */
export const invoiceUrl = (appUrl: string, invoiceId: string): string =>
  new URL(`/invoices/${invoiceId}`, appUrl).toString();

export interface FactoryInvoice extends FactoryDocument {
  dueDate: string;
  salesOrder: { id: string; number: string };
}

/**
 * Generated invoice → an AUTHORISED ACCREC invoice with the invoice's lines. The same payload either
 * updates the order's draft (POST /Invoices/{id}: the lines sent replace the draft's, and the draft
 * keeps its Xero number) or creates a new invoice when the draft is used or gone.
 */
export function mapInvoice(invoice: FactoryInvoice, ctx: MappingContext): XeroInvoicePayload {
  return {
    Type: "ACCREC",
    Contact: { ContactID: invoice.xeroContactId },
    Date: invoice.date,
    DueDate: invoice.dueDate,
    Status: "AUTHORISED",
    LineAmountTypes: lineAmountTypes(invoice.taxMode),
    CurrencyCode: invoice.currency,
    Reference: referenceFor(
      `${invoice.number} · ${invoice.salesOrder.number}`,
      invoice.reference,
      "Invoice.Reference",
      ctx.notes,
    ),
    Url: invoiceUrl(ctx.appUrl, invoice.id),
    LineItems: mapLines(
      invoice,
      ctx,
      { pricing: XERO_LINE_PRICING.invoice, direction: "sales" },
      `Factory order #${invoice.salesOrder.number}`,
    ),
  };
}
