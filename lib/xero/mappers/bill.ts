import { XERO_LINE_PRICING } from "@/lib/factory/money";
import { fitToXero } from "@/lib/xero/limits";
import { lineAmountTypes, mapLines } from "./lines";
import type { XeroDocumentStatusSetting } from "./purchase-order";
import type { FactoryDocument, MappingContext, XeroInvoicePayload } from "./types";

/** Where a bill lives in Factory: Xero's "Go to Factory" link on the bill. */
export const billUrl = (appUrl: string, billId: string): string =>
  new URL(`/bills/${billId}`, appUrl).toString();

export interface FactoryBill extends FactoryDocument {
  dueDate: string;
  supplierInvoiceNumber: string;
  purchaseOrder: { id: string; number: string };
}

/**
 * Bill → ACCPAY invoice in the status chosen in settings. The supplier's invoice number goes in
 * `InvoiceNumber` (Xero shows it as the bill's "Reference"; ACCPAY has no `Reference` field), and
 * the bill's own Factory number (BL-…) beside its purchase order's in a description-only line, so
 * the bill can be found from either side.
 */
export function mapBill(
  bill: FactoryBill,
  ctx: MappingContext,
  status: XeroDocumentStatusSetting,
): XeroInvoicePayload {
  return {
    Type: "ACCPAY",
    Contact: { ContactID: bill.xeroContactId },
    Date: bill.date,
    DueDate: bill.dueDate,
    Status: status,
    LineAmountTypes: lineAmountTypes(bill.taxMode),
    CurrencyCode: bill.currency,
    InvoiceNumber: fitToXero(bill.supplierInvoiceNumber, "Invoice.InvoiceNumber", ctx.notes),
    Url: billUrl(ctx.appUrl, bill.id),
    LineItems: mapLines(
      bill,
      ctx,
      { pricing: XERO_LINE_PRICING.bill, direction: "purchase" },
      `Factory bill #${bill.number} · purchase order #${bill.purchaseOrder.number}`,
    ),
  };
}
