import { XERO_LINE_PRICING } from "@/lib/factory/money";
import type { Address } from "@/lib/db/schema/parties";
import { fitToXero } from "@/lib/xero/limits";
import { lineAmountTypes, mapLines, referenceFor } from "./lines";
import type { FactoryDocument, MappingContext, XeroPurchaseOrderPayload } from "./types";

export type XeroDocumentStatusSetting = "DRAFT" | "SUBMITTED" | "AUTHORISED";

export interface FactoryPurchaseOrder extends FactoryDocument {
  deliveryDate: string | null;
  deliveryAddress: Address | null;
  deliveryInstructions: string | null;
}

/** Where a purchase order (and the bills converted from it) lives in Factory. */
export const purchaseOrderUrl = (appUrl: string, purchaseOrderId: string): string =>
  new URL(`/purchase-orders/${purchaseOrderId}`, appUrl).toString();

/** Xero takes the delivery address as one free-text field (spec PurchaseOrder.DeliveryAddress). */
export function formatAddress(address: Address): string {
  return [address.line1, address.line2, address.city, address.region, address.postcode, address.country]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(", ");
}

/**
 * Purchase order → Xero PurchaseOrder in the status chosen in settings. Xero purchase orders have no
 * `Url` field and no line discounts.
 */
export function mapPurchaseOrder(
  order: FactoryPurchaseOrder,
  ctx: MappingContext,
  status: XeroDocumentStatusSetting,
): XeroPurchaseOrderPayload {
  const address = order.deliveryAddress ? formatAddress(order.deliveryAddress) : "";
  return {
    Contact: { ContactID: order.xeroContactId },
    Date: order.date,
    ...(order.deliveryDate ? { DeliveryDate: order.deliveryDate } : {}),
    ...(address ? { DeliveryAddress: address } : {}),
    ...(order.deliveryInstructions
      ? {
          DeliveryInstructions: fitToXero(
            order.deliveryInstructions,
            "PurchaseOrder.DeliveryInstructions",
            ctx.notes,
          ),
        }
      : {}),
    Status: status,
    LineAmountTypes: lineAmountTypes(order.taxMode),
    CurrencyCode: order.currency,
    Reference: referenceFor(order.number, order.reference, "PurchaseOrder.Reference", ctx.notes),
    LineItems: mapLines(
      order,
      ctx,
      { pricing: XERO_LINE_PRICING.purchase_order, direction: "purchase" },
      `Factory purchase order #${order.number}`,
    ),
  };
}
