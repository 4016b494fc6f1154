import Decimal from "decimal.js";
import { copyTimeOf, creditNoteCopy } from "./read-back";
import type { XeroApi } from "./session";

/** What Xero holds of a credit note's allocations, as the allocation step needs it. */
export interface CreditNoteAllocations {
  status: string | null;
  /** RemainingCredit as a 2-dp string. */
  remainingCredit: string;
  /** The amount already allocated to each invoice (bill), by its Xero id. */
  allocatedTo: Map<string, string>;
  /** The credit note's UpdatedDateUTC as read; null when Xero gave none. */
  updatedAt: Date | null;
}

const money = (value: number | undefined) => new Decimal(value ?? 0).toFixed(2);

/** GET /CreditNotes/{id}: its status, remaining credit and allocations. */
export async function readCreditNoteAllocations(
  api: XeroApi,
  creditNoteId: string,
): Promise<CreditNoteAllocations> {
  const { body } = await api.accounting.getCreditNote(api.tenantId, creditNoteId);
  const note = body.creditNotes?.[0];
  const allocatedTo = new Map<string, string>();
  for (const allocation of note?.allocations ?? []) {
    const invoiceId = allocation.invoice?.invoiceID?.toLowerCase();
    if (!invoiceId || allocation.isDeleted) continue;
    allocatedTo.set(
      invoiceId,
      new Decimal(allocatedTo.get(invoiceId) ?? 0).plus(allocation.amount ?? 0).toFixed(2),
    );
  }
  return {
    status: note?.status === undefined ? null : String(note.status),
    remainingCredit: money(note?.remainingCredit),
    allocatedTo,
    updatedAt: note ? copyTimeOf(creditNoteCopy(note)) : null,
  };
}

/** GET /Invoices/{id}: the invoice's (bill's) status and AmountDue. */
export async function readAmountDue(
  api: XeroApi,
  invoiceId: string,
): Promise<{ status: string | null; amountDue: string }> {
  const { body } = await api.accounting.getInvoice(api.tenantId, invoiceId);
  const invoice = body.invoices?.[0];
  return {
    status: invoice?.status === undefined ? null : String(invoice.status),
    amountDue: money(invoice?.amountDue),
  };
}

/**
 * PUT /CreditNotes/{id}/Allocations (spec :6420): allocates `amount` of the credit note to the invoice
 * (bill), under an Idempotency-Key so a retried request is answered from Xero's idempotency store.
 */
export async function allocateCreditNote(
  api: XeroApi,
  creditNoteId: string,
  allocation: { invoiceId: string; amount: string; date: string },
  idempotencyKey: string,
): Promise<void> {
  await api.accounting.createCreditNoteAllocation(
    api.tenantId,
    creditNoteId,
    {
      allocations: [
        {
          invoice: { invoiceID: allocation.invoiceId },
          amount: new Decimal(allocation.amount).toNumber(),
          date: allocation.date,
        },
      ],
    },
    false,
    idempotencyKey,
  );
}

/** What Xero holds of a credit note being voided: its allocations and refunds (GET /CreditNotes/{id}). */
export interface HeldCredit {
  status: string | null;
  allocations: { id: string; invoiceId: string; invoiceNumber: string | null; amount: string }[];
  /** Refunds paid out of the credit note (its Payments). */
  payments: number;
}

/** GET /CreditNotes/{id}: its status, each live allocation (with its id) and how many refunds it has. */
export async function readHeldCredit(api: XeroApi, creditNoteId: string): Promise<HeldCredit> {
  const { body } = await api.accounting.getCreditNote(api.tenantId, creditNoteId);
  const note = body.creditNotes?.[0];
  return {
    status: note?.status === undefined ? null : String(note.status),
    allocations: (note?.allocations ?? [])
      .filter((allocation) => !allocation.isDeleted && allocation.allocationID)
      .map((allocation) => ({
        id: allocation.allocationID ?? "",
        invoiceId: allocation.invoice?.invoiceID ?? "",
        invoiceNumber: allocation.invoice?.invoiceNumber ?? null,
        amount: money(allocation.amount),
      })),
    payments: (note?.payments ?? []).filter((payment) => String(payment.status) !== "DELETED").length,
  };
}

/**
 * DELETE /CreditNotes/{id}/Allocations/{AllocationID} (spec :6548): undoes one allocation, giving the
 * invoice its amount due back and the credit note its credit. No Idempotency-Key (the spec takes none):
 * the caller reads the credit note's allocations first, so a retry never removes one twice.
 */
export async function removeCreditNoteAllocation(
  api: XeroApi,
  creditNoteId: string,
  allocationId: string,
): Promise<void> {
  await api.accounting.deleteCreditNoteAllocations(api.tenantId, creditNoteId, allocationId);
}
