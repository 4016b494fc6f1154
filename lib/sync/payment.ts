import type { DocumentSyncState } from "@/lib/db/schema";
import { compare } from "@/lib/factory/money";
import type { SyncTone } from "./view";

/**
 * What Xero says of an invoice's or bill's payment, in the words staff use: Paid, Partly paid,
 * Overdue (unpaid past its due date, in part or whole), Awaiting payment. Read from Xero's own
 * figures as read back (lib/sync/read-back.ts); Factory computes none of them.
 */
export type PaymentLabel = "Paid" | "Partly paid" | "Overdue" | "Awaiting payment";

export interface PaymentView {
  label: PaymentLabel;
  tone: SyncTone;
  amountPaid: string | null;
  amountDue: string | null;
  /** YYYY-MM-DD: the day Xero had it fully paid. */
  paidOn: string | null;
  /** YYYY-MM-DD: the due date Xero holds. */
  dueDate: string | null;
}

/** The list filter on Xero's payment figures. */
export const PAYMENT_FILTERS = ["unpaid", "overdue", "paid"] as const;
export type PaymentFilter = (typeof PAYMENT_FILTERS)[number];

export const PAYMENT_FILTER_LABELS: Record<PaymentFilter, string> = {
  unpaid: "Unpaid",
  overdue: "Overdue",
  paid: "Paid",
};

type PaymentFields = Pick<
  DocumentSyncState,
  "xeroStatus" | "xeroAmountPaid" | "xeroAmountDue" | "xeroPaidOn" | "xeroDueDate"
>;

/**
 * The payment of a document Xero holds, or null while it is not yet approved in Xero (a draft is not
 * due) or is voided or deleted. `today` is the organisation's day (YYYY-MM-DD).
 */
export function paymentView(state: PaymentFields | undefined, today: string): PaymentView | null {
  if (!state) return null;
  const base = {
    amountPaid: state.xeroAmountPaid,
    amountDue: state.xeroAmountDue,
    paidOn: state.xeroPaidOn,
    dueDate: state.xeroDueDate,
  };
  if (state.xeroStatus === "PAID") return { ...base, label: "Paid", tone: "success" };
  if (state.xeroStatus !== "AUTHORISED") return null;
  const due = state.xeroAmountDue;
  if (due !== null && compare(due, 0) <= 0) return { ...base, label: "Paid", tone: "success" };
  if (state.xeroDueDate && state.xeroDueDate < today) return { ...base, label: "Overdue", tone: "danger" };
  if (state.xeroAmountPaid !== null && compare(state.xeroAmountPaid, 0) > 0)
    return { ...base, label: "Partly paid", tone: "info" };
  return { ...base, label: "Awaiting payment", tone: "neutral" };
}
