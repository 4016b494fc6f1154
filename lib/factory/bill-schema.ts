import { z } from "zod";
import { isoDate, lineDescriptionField, MAX_LINES, MAX_NOTES } from "./document-fields";
import { supplierInvoiceNumberField } from "./purchase-order-schema";
import { optionalText } from "./record-fields";

/**
 * Editing a bill: the supplier's invoice number, the due date, the notes and the item lines'
 * descriptions (lib/factory/bills.ts). Quantities, costs and tax stay as converted, so a purchase
 * order's bills keep adding up to the order (lib/factory/order-remainder.ts). The due date is checked
 * against the bill date on the server.
 */
export const editBillSchema = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
  idempotencyKey: z.uuid(),
  supplierInvoiceNumber: supplierInvoiceNumberField,
  dueDate: isoDate("Due date"),
  notes: optionalText("Notes", MAX_NOTES),
  lines: z.array(z.object({ id: z.uuid(), description: lineDescriptionField })).max(MAX_LINES),
});

export type EditBillInput = z.infer<typeof editBillSchema>;
