import { z } from "zod";
import { isoDate, lineDescriptionField, MAX_LINES, MAX_NOTES, referenceField } from "./document-fields";
import { optionalText } from "./record-fields";

/**
 * Editing an invoice: what Factory lets change once an invoice is made (lib/factory/invoices.ts).
 * Quantities, prices and tax stay as generated, so an order's invoices keep adding up to the order
 * (lib/factory/order-remainder.ts); the due date, the reference, the notes and the item lines'
 * descriptions may change. The due date is checked against the invoice date on the server.
 */
export const editInvoiceSchema = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
  idempotencyKey: z.uuid(),
  dueDate: isoDate("Due date"),
  reference: referenceField,
  notes: optionalText("Notes", MAX_NOTES),
  lines: z.array(z.object({ id: z.uuid(), description: lineDescriptionField })).max(MAX_LINES),
});

export type EditInvoiceInput = z.infer<typeof editInvoiceSchema>;
