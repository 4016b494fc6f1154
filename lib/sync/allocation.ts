import Decimal from "decimal.js";
import type { SyncDocument } from "@/lib/db/queries/sync-documents";
import {
  allocateCreditNote,
  readAmountDue,
  readCreditNoteAllocations,
  readHeldCredit,
  removeCreditNoteAllocation,
} from "@/lib/xero/api/credit-notes";
import { XeroError } from "@/lib/xero/api/errors";
import type { XeroApi } from "@/lib/xero/api/session";
import { allocationKey } from "./payload";
import { creditRelease, type CreditAllocation } from "./planner";

/** How a credit note's allocation ended: the amount now allocated to its invoice (bill), and why. */
export interface AllocationOutcome {
  amount: string;
  message: string;
  /** The credit note's status in Xero afterwards (PAID once all of it is allocated), when known. */
  status: string | null;
  /**
   * The UpdatedDateUTC of the credit note as read before allocating (no fresh copy is read after):
   * any copy read back from before the allocation is no newer, so `status` is stored with it.
   */
  updatedAt: Date | null;
  /**
   * The invoice (bill) is not approved in Xero yet (DRAFT or SUBMITTED), and Xero allocates credit only
   * to an approved one: the allocation waits, unsettled, and is made once read-back sees the invoice
   * (bill) AUTHORISED (lib/sync/read-back.ts).
   */
  pending?: true;
}

/** Xero statuses of an invoice (bill) that is still to be approved: credit is allocated after. */
export const AWAITING_APPROVAL: readonly string[] = ["DRAFT", "SUBMITTED"];

/**
 * Allocates a credit note Xero holds to the invoice (bill) it credits, for the smaller of its remaining
 * credit and the invoice's AmountDue, and never twice. Xero keeps an Idempotency-Key for minutes only
 * (docs/sync.md#no-duplicates), and a retry can come later than that, so the credit note's own
 * allocations are read first: one to this invoice already means the allocation was made (its answer
 * was lost) and is only recorded. An invoice not approved in Xero yet gets none for now (`pending`:
 * Xero can't allocate to a draft); one with nothing due (paid, voided) gets none; Xero refuses more
 * than is due (xero-api.md §8).
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
    return {
      amount: already,
      message: `Allocated ${already} to ${noun} in Xero.`,
      status: held.status,
      updatedAt: held.updatedAt,
    };
  }
  if (held.status !== "AUTHORISED" || new Decimal(held.remainingCredit).lte(0)) {
    return {
      amount: "0.00",
      message: `Not allocated: Xero holds the credit note as ${held.status ?? "unknown"}.`,
      status: held.status,
      updatedAt: held.updatedAt,
    };
  }
  const invoice = await readAmountDue(api, to.xeroId);
  if (invoice.status && AWAITING_APPROVAL.includes(invoice.status)) {
    return {
      amount: "0.00",
      pending: true,
      message: `Will be allocated to ${noun} when it is approved in Xero (Xero holds it as ${invoice.status.toLowerCase()}, and allocates credit only to an approved ${to.type}).`,
      status: held.status,
      updatedAt: held.updatedAt,
    };
  }
  if (invoice.status !== "AUTHORISED" || new Decimal(invoice.amountDue).lte(0)) {
    return {
      amount: "0.00",
      message: `Not allocated: ${noun} has nothing due in Xero (${invoice.status?.toLowerCase() ?? "unknown"}).`,
      status: held.status,
      updatedAt: held.updatedAt,
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
  return { amount, message: `Allocated ${amount} to ${noun} in Xero.`, status, updatedAt: held.updatedAt };
}

/**
 * Before a credit note is voided: reads what Xero holds of it and takes Factory's allocation to the
 * invoice (bill) it credits off again, as the planner's `creditRelease` judges; Xero voids only a
 * credit note with nothing allocated. Read first, so a retry after a lost answer removes nothing
 * twice. Anything Factory may not remove (a refund, an allocation to another document) refuses the
 * void before any change, with what to do: the credit note stays whole in Xero, its send failed.
 * Returns the amount given back to the invoice (bill), "0.00" when nothing was allocated.
 */
export async function releaseCredit(
  api: XeroApi,
  creditXeroId: string,
  to: CreditAllocation,
): Promise<string> {
  const held = await readHeldCredit(api, creditXeroId);
  const judged = creditRelease(held, to);
  if ("refusal" in judged) {
    throw new XeroError({ kind: "validation", status: 400, message: judged.refusal });
  }
  for (const allocationId of judged.remove) await removeCreditNoteAllocation(api, creditXeroId, allocationId);
  return judged.amount;
}
