import { z } from "zod";
import { PURCHASE_ORDER_STATUSES } from "./document-status";
import { XERO_LINE_PRICING } from "./money";
import {
  documentFormBase,
  documentLinesField,
  isoDate,
  optionalIsoDate,
  requiredId,
  takeQuantityField,
  unitPriceField,
} from "./document-fields";
import { xeroMax } from "@/lib/xero/limits";
import { optionalText } from "./record-fields";

/** The purchase order form (new and edit). */
export const purchaseOrderFormSchema = z
  .object({
    ...documentFormBase,
    supplierId: requiredId("Choose a supplier."),
    orderDate: isoDate("Order date"),
    deliveryDate: optionalIsoDate("Delivery date"),
    deliveryAddress: z.object({
      line1: optionalText("Address line 1", 200),
      line2: optionalText("Address line 2", 200),
      city: optionalText("City", 100),
      region: optionalText("Region", 100),
      postcode: optionalText("Postcode", 20),
      country: optionalText("Country", 100),
    }),
    deliveryInstructions: optionalText(
      "Delivery instructions",
      xeroMax("PurchaseOrder.DeliveryInstructions"),
    ),
    lines: documentLinesField("Unit cost", XERO_LINE_PRICING.purchase_order.unitDp),
  })
  .refine((order) => !order.deliveryDate || order.deliveryDate >= order.orderDate, {
    path: ["deliveryDate"],
    message: "The delivery date can't be before the order date.",
  });

export type PurchaseOrderFormValues = z.infer<typeof purchaseOrderFormSchema>;

export const purchaseOrderStatusSchema = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
  status: z.enum(PURCHASE_ORDER_STATUSES),
});

export type PurchaseOrderStatusChange = z.infer<typeof purchaseOrderStatusSchema>;

/** The supplier's own invoice number, which Xero keeps as the bill's InvoiceNumber. */
export const supplierInvoiceNumberField = z
  .string()
  .trim()
  .min(1, "Enter the supplier's invoice number.")
  .max(
    xeroMax("Invoice.InvoiceNumber"),
    `The supplier's invoice number can be at most ${xeroMax("Invoice.InvoiceNumber")} characters.`,
  );

/** "Convert to bill": the supplier's invoice number and dates, and how much of each line it covers. */
export const convertToBillSchema = z
  .object({
    purchaseOrderId: z.uuid(),
    version: z.number().int().min(1),
    idempotencyKey: z.uuid(),
    supplierInvoiceNumber: supplierInvoiceNumberField,
    billDate: isoDate("Bill date"),
    dueDate: isoDate("Due date"),
    lines: z
      .array(
        z.object({
          orderLineId: z.uuid(),
          quantity: takeQuantityField,
          // What the supplier charges per unit on this bill (a surcharge, a new price): the order's
          // unit cost unless changed, to the 2 decimals Xero keeps on bills.
          unitCost: unitPriceField("Unit cost", XERO_LINE_PRICING.bill.unitDp).optional(),
        }),
      )
      .min(1, "Choose at least one line."),
  })
  .refine((bill) => bill.dueDate >= bill.billDate, {
    path: ["dueDate"],
    message: "The due date can't be before the bill date.",
  });

export type ConvertToBillInput = z.infer<typeof convertToBillSchema>;
