import type { Db } from "@/lib/db/client";
import { findBillLines, lockBill, updateBill, updateBillLineDescription } from "@/lib/db/queries/bills";
import type { Bill, BillStatus, DocumentSyncState } from "@/lib/db/schema";
import type { EditBillInput } from "./bill-schema";
import { orNull } from "./document-save";
import { BILL_STATUS_LABELS, canEditBill } from "./document-status";
import { editOrderDocument, orderDocumentEditRefusal, type OrderDocumentKind } from "./order-documents";

const BILL: OrderDocumentKind<
  BillStatus,
  Bill,
  { supplierInvoiceNumber: string; dueDate: string; notes: string | null }
> = {
  noun: "bill",
  recordType: "bill",
  statusLabels: BILL_STATUS_LABELS,
  canEdit: canEditBill,
  date: { label: "bill date", of: (bill) => bill.billDate },
  header: (bill) => ({
    supplierInvoiceNumber: bill.supplierInvoiceNumber,
    dueDate: bill.dueDate,
    notes: bill.notes,
  }),
  lock: lockBill,
  findLines: findBillLines,
  update: updateBill,
  updateLineDescription: updateBillLineDescription,
};

/** Why this bill can't be edited now (paid, voided, or Xero no longer accepts changes), or null. */
export function billEditRefusal(
  bill: Pick<Bill, "number" | "status">,
  syncState: DocumentSyncState | undefined,
): string | null {
  return orderDocumentEditRefusal(BILL, bill, syncState);
}

/**
 * Saves a bill's new supplier invoice number, due date, notes and line descriptions
 * (lib/factory/order-documents.ts); the bill then goes to Xero as an update of the bill Xero holds.
 */
export async function editBill(db: Db, input: EditBillInput, userId: string | null): Promise<Bill> {
  return editOrderDocument(
    BILL,
    db,
    input,
    {
      supplierInvoiceNumber: input.supplierInvoiceNumber,
      dueDate: input.dueDate,
      notes: orNull(input.notes),
    },
    userId,
  );
}
