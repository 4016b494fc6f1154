/**
 * Where a document may go in Xero, and Xero's words when it may not: the one place in the
 * simulator that knows the status rules of invoices (and bills), quotes and purchase orders.
 * The API's updates, the admin page's buttons (pay, void) and the contract tests all ask here.
 *
 * Xero's rules (docs: developer.xero.com/documentation/api/accounting/invoices "Deleting and
 * voiding invoices", …/quotes, …/purchaseorders; enums in xero_accounting.yaml:22380, :24362,
 * :24138; docs/xero/api-behaviour.md#statuses-and-what-each-allows):
 * - invoices and bills: created DRAFT, SUBMITTED or AUTHORISED; DRAFT ⇄ SUBMITTED → AUTHORISED;
 *   DRAFT or SUBMITTED → DELETED; AUTHORISED with no payments → VOIDED; PAID only by payments;
 *   a paid or part-paid one can be neither deleted nor voided nor edited; once approved, never
 *   back to DRAFT (or SUBMITTED).
 * - quotes: created DRAFT or SENT; DRAFT → SENT → ACCEPTED | DECLINED → INVOICED (from ACCEPTED);
 *   DELETED from DRAFT only. Stricter than Xero's screens, which can undo a step.
 * - purchase orders: created DRAFT, SUBMITTED or AUTHORISED; DRAFT ⇄ SUBMITTED → AUTHORISED →
 *   BILLED; DELETED from DRAFT, SUBMITTED or AUTHORISED; BILLED and DELETED are final.
 * - credit notes (…/creditnotes): as invoices; PAID once fully allocated; one with an allocation
 *   can no longer change: neither voided nor edited ("you can void approved credit notes", from
 *   AUTHORISED only, and a PAID one is refused: community.xero.com/developer/discussion/51384327).
 *   An allocation is removed with DELETE /CreditNotes/{id}/Allocations/{AllocationID} (spec
 *   xero_accounting.yaml:6548, deleteCreditNoteAllocations), which gives the credit back: a PAID
 *   credit note is AUTHORISED again and may then be voided.
 */

export type LifecycleKind = "invoice" | "quote" | "purchaseOrder" | "creditNote";

/** What the rules read of a stored document. */
export interface LifecycleRecord {
  Status: string;
  /** Invoices only: money paid or credited against it. */
  AmountPaid?: number;
  AmountCredited?: number;
  /** Credit notes only: what is allocated of it. */
  Allocations?: readonly unknown[];
}

interface Rules {
  label: string;
  create: readonly string[];
  moves: Readonly<Record<string, readonly string[]>>;
  /** Statuses that take no change at all. */
  final: readonly string[];
}

const RULES: Record<LifecycleKind, Rules> = {
  invoice: {
    label: "Invoice",
    create: ["DRAFT", "SUBMITTED", "AUTHORISED"],
    moves: {
      DRAFT: ["SUBMITTED", "AUTHORISED", "DELETED"],
      SUBMITTED: ["DRAFT", "AUTHORISED", "DELETED"],
      AUTHORISED: ["VOIDED"],
    },
    final: ["PAID", "VOIDED", "DELETED"],
  },
  quote: {
    label: "Quote",
    create: ["DRAFT", "SENT"],
    moves: {
      DRAFT: ["SENT", "DELETED"],
      SENT: ["ACCEPTED", "DECLINED"],
      ACCEPTED: ["INVOICED"],
    },
    final: ["INVOICED", "DELETED"],
  },
  creditNote: {
    label: "Credit note",
    create: ["DRAFT", "SUBMITTED", "AUTHORISED"],
    moves: {
      DRAFT: ["SUBMITTED", "AUTHORISED", "DELETED"],
      SUBMITTED: ["DRAFT", "AUTHORISED", "DELETED"],
      AUTHORISED: ["VOIDED"],
    },
    final: ["PAID", "VOIDED", "DELETED"],
  },
  purchaseOrder: {
    label: "Purchase order",
    create: ["DRAFT", "SUBMITTED", "AUTHORISED"],
    moves: {
      DRAFT: ["SUBMITTED", "AUTHORISED", "DELETED"],
      SUBMITTED: ["DRAFT", "AUTHORISED", "DELETED"],
      AUTHORISED: ["BILLED", "DELETED"],
    },
    final: ["BILLED", "DELETED"],
  },
};

/** Xero's words for a document with money against it (docs: a paid or part-paid invoice can't change). */
export const HAS_PAYMENTS =
  "This document cannot be edited as it has a payment or credit note allocated to it.";

const hasMoneyAgainst = (kind: LifecycleKind, record: LifecycleRecord): boolean =>
  (kind === "invoice" && ((record.AmountPaid ?? 0) > 0 || (record.AmountCredited ?? 0) > 0)) ||
  (kind === "creditNote" && (record.Allocations?.length ?? 0) > 0);

/** Why Xero refuses creating a document with this status, or undefined. */
export function createRefusal(kind: LifecycleKind, status: string): string | undefined {
  const rules = RULES[kind];
  return rules.create.includes(status) ? undefined : `${rules.label} not of valid status for creation`;
}

/** Why Xero refuses any change to this document (its fields or its status), or undefined. */
export function editRefusal(kind: LifecycleKind, record: LifecycleRecord): string | undefined {
  if (hasMoneyAgainst(kind, record) || (kind === "invoice" && record.Status === "PAID")) return HAS_PAYMENTS;
  if (!RULES[kind].final.includes(record.Status)) return undefined;
  if (kind === "invoice" || kind === "creditNote") {
    return `${RULES[kind].label} not of valid status for modification. This document has been ${record.Status.toLowerCase()}.`;
  }
  return `This ${RULES[kind].label.toLowerCase()} cannot be edited as it has a status of ${record.Status}.`;
}

/** Why Xero refuses moving this document to `to`, or undefined (staying where it is is no move). */
export function statusChangeRefusal(
  kind: LifecycleKind,
  record: LifecycleRecord,
  to: string,
): string | undefined {
  const frozen = editRefusal(kind, record);
  if (frozen) return frozen;
  const from = record.Status;
  if (to === from || RULES[kind].moves[from]?.includes(to)) return undefined;
  if (kind === "invoice" || kind === "creditNote") {
    return `${RULES[kind].label} not of valid status for modification. A ${from} ${RULES[kind].label.toLowerCase()} cannot become ${to}.`;
  }
  return `The ${RULES[kind].label.toLowerCase()} status cannot change from ${from} to ${to}.`;
}

/** The statuses a document may move to now (for the admin page's buttons). */
export function nextStatuses(kind: LifecycleKind, record: LifecycleRecord): string[] {
  if (editRefusal(kind, record)) return [];
  return [...(RULES[kind].moves[record.Status] ?? [])];
}
