import { z } from "zod";
import { SALES_ORDER_STATUSES } from "./document-status";
import {
  documentFormBase,
  documentLinesField,
  isoDate,
  optionalIsoDate,
  referenceField,
  requiredId,
  takeQuantityField,
} from "./document-fields";

/** The sales order form (new and edit). */
export const salesOrderFormSchema = z
  .object({
    ...documentFormBase,
    customerId: requiredId("Choose a customer."),
    orderDate: isoDate("Order date"),
    deliveryDate: optionalIsoDate("Delivery date"),
    lines: documentLinesField("Unit price"),
  })
  .refine((order) => !order.deliveryDate || order.deliveryDate >= order.orderDate, {
    path: ["deliveryDate"],
    message: "The delivery date can't be before the order date.",
  });

export type SalesOrderFormValues = z.infer<typeof salesOrderFormSchema>;

export const salesOrderStatusSchema = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
  status: z.enum(SALES_ORDER_STATUSES),
});

export type SalesOrderStatusChange = z.infer<typeof salesOrderStatusSchema>;

/**
 * "Generate invoice": which order lines and how much of each (zero skips a line). The quantities are
 * checked against what remains when the invoice is made, under a lock on the order.
 */
export const generateInvoiceSchema = z
  .object({
    salesOrderId: z.uuid(),
    version: z.number().int().min(1),
    idempotencyKey: z.uuid(),
    issueDate: isoDate("Invoice date"),
    dueDate: isoDate("Due date"),
    reference: referenceField,
    lines: z
      .array(z.object({ orderLineId: z.uuid(), quantity: takeQuantityField }))
      .min(1, "Choose at least one line."),
  })
  .refine((invoice) => invoice.dueDate >= invoice.issueDate, {
    path: ["dueDate"],
    message: "The due date can't be before the invoice date.",
  });

export type GenerateInvoiceInput = z.infer<typeof generateInvoiceSchema>;
