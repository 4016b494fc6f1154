import { XERO_LINE_PRICING } from "@/lib/factory/money";
import { lineAmountTypes, mapLines, referenceFor } from "./lines";
import type { FactoryDocument, MappingContext, XeroInvoicePayload } from "./types";

/** Where a sales order lives in Factory. */
export const salesOrderUrl = (appUrl: string, salesOrderId: string): string =>
  new URL(`/sales-orders/${salesOrderId}`, appUrl).toString();

/** Sales order → a DRAFT ACCREC invoice, the order's placeholder in Xero until it is invoiced. */
export function mapSalesOrder(order: FactoryDocument, ctx: MappingContext): XeroInvoicePayload {
  return {
    Type: "ACCREC",
    Contact: { ContactID: order.xeroContactId },
    Date: order.date,
    Status: "DRAFT",
    LineAmountTypes: lineAmountTypes(order.taxMode),
    CurrencyCode: order.currency,
    Reference: referenceFor(order.number, order.reference, "Invoice.Reference", ctx.notes),
    Url: salesOrderUrl(ctx.appUrl, order.id),
    LineItems: mapLines(
      order,
      ctx,
      { pricing: XERO_LINE_PRICING.sales_order, direction: "sales" },
      `Factory order #${order.number}`,
    ),
  };
}
