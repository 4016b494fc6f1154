import type { Db } from "@/lib/db/client";
import {
  findInvoiceLines,
  lockInvoice,
  updateInvoice,
  updateInvoiceLineDescription,
} from "@/lib/db/queries/invoices";
import type { DocumentSyncState, Invoice, InvoiceStatus } from "@/lib/db/schema";
import { orNull } from "./document-save";
import { canEditInvoice, INVOICE_STATUS_LABELS } from "./document-status";
import type { EditInvoiceInput } from "./invoice-schema";
import { editOrderDocument, orderDocumentEditRefusal, type OrderDocumentKind } from "./order-documents";

const INVOICE: OrderDocumentKind<
  InvoiceStatus,
  Invoice,
  { dueDate: string; reference: string | null; notes: string | null }
> = {
  noun: "invoice",
  recordType: "invoice",
  statusLabels: INVOICE_STATUS_LABELS,
  canEdit: canEditInvoice,
  date: { label: "invoice date", of: (invoice) => invoice.issueDate },
  header: (invoice) => ({ dueDate: invoice.dueDate, reference: invoice.reference, notes: invoice.notes }),
  lock: lockInvoice,
  findLines: findInvoiceLines,
  update: updateInvoice,
  updateLineDescription: updateInvoiceLineDescription,
};

/** Why this invoice can't be edited now (paid, voided, or Xero no longer accepts changes), or null. */
export function invoiceEditRefusal(
  invoice: Pick<Invoice, "number" | "status">,
  syncState: DocumentSyncState | undefined,
): string | null {
  return orderDocumentEditRefusal(INVOICE, invoice, syncState);
}

/**
 * Saves an invoice's new due date, reference, notes and line descriptions (lib/factory/order-documents.ts);
 * the invoice then goes to Xero as an update of the invoice Xero holds.
 */
export async function editInvoice(db: Db, input: EditInvoiceInput, userId: string | null): Promise<Invoice> {
  return editOrderDocument(
    INVOICE,
    db,
    input,
    { dueDate: input.dueDate, reference: orNull(input.reference), notes: orNull(input.notes) },
    userId,
  );
}
