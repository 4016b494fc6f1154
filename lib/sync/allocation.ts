import Decimal from "decimal.js";
import type { SyncDocument } from "@/lib/db/queries/sync-documents";
import { allocateCreditNote, readAmountDue, readCreditNoteAllocations } from "@/lib/xero/api/credit-notes";
import type { XeroApi } from "@/lib/xero/api/session";
import { allocationKey } from "./payload";
import type { CreditAllocation } from "./planner";

/** How a credit note's allocation ended: the amount now allocated to its invoice (bill), and why. */
export interface AllocationOutcome {
  amount: string;
  message: string;
  /** The credit note's status in Xero afterwards (PAID once all of it is allocated), when known. */
  status: string | null;
}

/**
 * Allocates a credit note Xero holds to the invoice (bill) it credits, for the smaller of its remaining
 * credit and the invoice's AmountDue, and never twice. Xero keeps an Idempotency-Key for minutes only
 * (docs/sync.md#no-duplicates), and a retry can come later than that, so the credit note's own
 * allocations are read first: one to this invoice already means the allocation was made (its answer
 * was lost) and is only recorded. An invoice with nothing due (paid, or not approved in Xero) gets
 * none; Xero refuses more than is due (xero-api.md §8).
 */
export async function allocateCredit(
  api: XeroApi,
  doc: SyncDocument,
  creditXeroId: string,
  to: CreditAllocation,
): Promise<AllocationOutcome> {
  const noun = `${to.type} ${to.number}`;
  const held = await readCreditNoteAllocations(api, creditXeroId);
  const already = held.allocatedTo.get(to.xeroId.toLowerCase());
  if (already) {
    return { amount: already, message: `Allocated ${already} to ${noun} in Xero.`, status: held.status };
  }
  if (held.status !== "AUTHORISED" || new Decimal(held.remainingCredit).lte(0)) {
    return {
      amount: "0.00",
      message: `Not allocated: Xero holds the credit note as ${held.status ?? "unknown"}.`,
      status: held.status,
    };
  }
  const invoice = await readAmountDue(api, to.xeroId);
  if (invoice.status !== "AUTHORISED" || new Decimal(invoice.amountDue).lte(0)) {
    return {
      amount: "0.00",
      message: `Not allocated: ${noun} has nothing due in Xero (${invoice.status?.toLowerCase() ?? "unknown"}).`,
      status: held.status,
    };
  }
  const amount = Decimal.min(held.remainingCredit, invoice.amountDue).toFixed(2);
  await allocateCreditNote(
    api,
    creditXeroId,
    { invoiceId: to.xeroId, amount, date: doc.date },
    allocationKey(doc.type, doc.id, amount),
  );
  // Xero marks a credit note with nothing left to allocate PAID (docs: credit notes).
  const status = new Decimal(amount).eq(held.remainingCredit) ? "PAID" : held.status;
  return { amount, message: `Allocated ${amount} to ${noun} in Xero.`, status };
}
