import type { DocumentSyncState, DriftDifference, SyncDocumentType, SyncState } from "@/lib/db/schema";
import { compare, inBaseCurrency, plainDecimal, subtract } from "@/lib/factory/money";
import { xeroDocumentUrl, type XeroDocumentLinkTarget } from "@/lib/xero/document-links";
import { paymentView, type PaymentView } from "./payment";
import { isEnding, lifecycleTarget, xeroSendRefusal, type CarryingInvoice } from "./planner";

export const SYNC_STATE_LABELS: Record<SyncState, string> = {
  not_sent: "Not sent",
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  waiting_reconnect: "Waiting: Xero disconnected",
  // No contact linked, or the linked one is archived in Xero: the reason beside it says which.
  waiting_for_contact: "Waiting: Xero contact",
  locked: "Locked in Xero",
  waiting_for_xero: "Waiting for Xero",
};

export type SyncTone = "neutral" | "info" | "success" | "warning" | "danger";

export const SYNC_STATE_TONES: Record<SyncState, SyncTone> = {
  not_sent: "neutral",
  queued: "info",
  sending: "info",
  sent: "success",
  failed: "danger",
  waiting_reconnect: "warning",
  waiting_for_contact: "warning",
  locked: "neutral",
  waiting_for_xero: "warning",
};

export const SYNC_DOCUMENT_LABELS: Record<SyncDocumentType, string> = {
  quote: "Quote",
  sales_order: "Sales order",
  invoice: "Invoice",
  purchase_order: "Purchase order",
  bill: "Bill",
  credit_note: "Credit note",
  supplier_credit: "Supplier credit",
};

/**
 * States in which a document waits for a person before it reaches Xero (Xero refused it, a contact
 * to link, Xero disconnected): the overview counts these, and /xero/sync-log/attention lists them.
 */
export const NEEDS_ATTENTION_STATES = [
  "failed",
  "waiting_reconnect",
  "waiting_for_contact",
] as const satisfies readonly SyncState[];

/** Where each document type's pages live. */
const DOCUMENT_PATHS: Record<SyncDocumentType, string> = {
  quote: "/quotes",
  sales_order: "/sales-orders",
  invoice: "/invoices",
  purchase_order: "/purchase-orders",
  bill: "/bills",
  credit_note: "/credit-notes",
  supplier_credit: "/credit-notes",
};

/** A document's own page. */
export const documentHref = (type: SyncDocumentType, id: string): string => `${DOCUMENT_PATHS[type]}/${id}`;

/** States in which the worker is about to act: pages refresh themselves until it has. */
export const IN_FLIGHT_STATES: ReadonlySet<SyncState> = new Set(["queued", "sending"]);

/** Everything the Xero card of a document shows; plain data, safe to hand to a client component. */
export interface XeroSyncView {
  type: SyncDocumentType;
  id: string;
  state: SyncState;
  stateLabel: string;
  tone: SyncTone;
  xeroNumber: string | null;
  xeroStatus: string | null;
  deepLink: string | null;
  lastSentAt: string | null;
  /** Xero's message, or why the document waits. */
  message: string | null;
  /** What Factory shortened to Xero's limits in what Xero holds, e.g. "Reference shortened to Xero's 255 characters". */
  notes: string[];
  /**
   * Xero's total minus Factory's when they differ, e.g. "0.01". Factory computes every document the
   * way Xero holds it (2-decimal prices where Xero takes them, rounding lines on the part that
   * completes an order), so a difference is never expected and is not called rounding.
   */
  totalDifference: string | null;
  xeroTotal: string | null;
  /**
   * A foreign-currency document's rate in Xero and its total in the organisation's base currency
   * at that rate (Xero's total when Xero answered, else Factory's); null in the base currency.
   */
  exchange: { currency: string; baseCurrency: string; rate: string; baseTotal: string } | null;
  /**
   * Why the document waits to go again by itself, if it does: "retrying" after Xero could not
   * answer (an outage, a 5xx, a timeout); "rate_limit" for Xero's rate limit.
   */
  waiting: "retrying" | "rate_limit" | null;
  /** Attempts since the last success. */
  attempts: number;
  /** When the waiting document goes again (ISO). */
  nextAttemptAt: string | null;
  /** "Send to Xero" before the first send, "Resend" after, "Retry now" while it waits for Xero. */
  sendLabel: "Send to Xero" | "Resend" | "Retry now";
  canSend: boolean;
  /**
   * Why Xero would refuse any send of the document, from what it last answered (a paid invoice, a
   * billed purchase order): the planner's own verdict (`xeroSendRefusal`), so the card offers no send
   * the planner would only answer "locked"; null while a send may go.
   */
  sendRefusal: string | null;
  refreshing: boolean;
  /**
   * A sales order that Xero holds as one of its invoices: why the order itself sends nothing, and the
   * invoice to go to instead (its page, where it is edited and sent).
   */
  carriedBy: { number: string; href: string; message: string } | null;
  /**
   * A document cancelled or voided in Factory: what became of Xero's copy, in a sentence ("Cancelled
   * in Factory, so Factory deleted the draft in Xero."); null for a live document.
   */
  ended: string | null;
  /** Invoices and bills: Xero's payment state and figures as last read back. */
  payment: PaymentView | null;
  /** When Factory last read the document back from Xero (ISO). */
  readBackAt: string | null;
  /**
   * Where Xero's copy differs from what Factory sent (someone changed it in Xero); null when it
   * agrees. Xero's own values here; the page shows them through driftForDisplay (lib/sync/drift.ts).
   */
  drift: DriftDifference[] | null;
  /**
   * What the page last knew of the document in Xero; while Xero may still change it, the card asks
   * for this again every few seconds and refreshes the page when it differs.
   */
  readBackStamp: string | null;
}

/** Xero statuses after which nothing more happens to a document in Xero. */
const SETTLED_IN_XERO: ReadonlySet<string> = new Set(["VOIDED", "DELETED"]);

/**
 * The stamp of what Factory knows of a document in Xero (its last read-back and its last send), or
 * null when there is nothing to watch for: not in Xero, or voided or deleted there.
 */
export function readBackStampOf(
  state:
    Pick<DocumentSyncState, "xeroId" | "xeroStatus" | "xeroUpdatedAt" | "lastSentAt" | "state"> | undefined,
): string | null {
  if (!state?.xeroId || (state.xeroStatus && SETTLED_IN_XERO.has(state.xeroStatus))) return null;
  return [state.xeroUpdatedAt?.toISOString() ?? "", state.lastSentAt?.toISOString() ?? "", state.state].join(
    "|",
  );
}

function deepLinkTarget(type: SyncDocumentType): XeroDocumentLinkTarget {
  if (type === "quote") return "quote";
  if (type === "purchase_order") return "purchase_order";
  if (type === "bill") return "bill";
  if (type === "credit_note" || type === "supplier_credit") return "credit_note";
  return "sales_invoice";
}

/** The card's view of a document's sync state (or of a document never evented: not sent). */
export function syncView(
  type: SyncDocumentType,
  id: string,
  state: DocumentSyncState | undefined,
  shortCode: string | null,
  /** The document's currency and the organisation's base currency, for the rate line. */
  currencies?: { currency: string; baseCurrency: string | null },
  /** The organisation's day (YYYY-MM-DD), for an invoice's or bill's "Overdue". */
  today?: string,
  /** The simulator's origin while connected to it (lib/xero/web.ts): "Open in Xero" opens its page. */
  simulator: string | null = null,
): XeroSyncView {
  const current: SyncState = state?.state ?? "not_sent";
  const next = state?.nextAttemptAt ?? null;
  const waiting =
    current === "waiting_for_xero" ? "retrying" : current === "queued" && next ? "rate_limit" : null;
  const refusal = state?.xeroId ? xeroSendRefusal(type, state.xeroStatus, undefined) : null;
  const difference =
    state?.xeroTotal && state.factoryTotal && compare(state.xeroTotal, state.factoryTotal) !== 0
      ? subtract(state.xeroTotal, state.factoryTotal)
      : null;
  return {
    type,
    id,
    state: current,
    stateLabel: SYNC_STATE_LABELS[current],
    tone: SYNC_STATE_TONES[current],
    xeroNumber: state?.xeroNumber ?? null,
    xeroStatus: state?.xeroStatus ?? null,
    deepLink: xeroDocumentUrl(deepLinkTarget(type), shortCode, state?.xeroId ?? null, simulator),
    lastSentAt: state?.lastSentAt?.toISOString() ?? null,
    message: current === "sent" ? null : (state?.lastError ?? null),
    notes: state?.xeroId ? (state.xeroNotes ?? []) : [],
    totalDifference: difference,
    xeroTotal: state?.xeroTotal ?? null,
    exchange: exchangeOf(state, currencies),
    waiting,
    attempts: state?.attempts ?? 0,
    nextAttemptAt: waiting ? (next?.toISOString() ?? null) : null,
    sendLabel: waiting ? "Retry now" : state?.xeroId ? "Resend" : "Send to Xero",
    canSend: !refusal && (waiting !== null || !IN_FLIGHT_STATES.has(current)),
    sendRefusal: refusal,
    // A document queued for later (Xero's rate limit) refreshes when its time comes, not every second.
    refreshing: IN_FLIGHT_STATES.has(current) && waiting === null,
    carriedBy: null,
    ended: null,
    payment: (type === "invoice" || type === "bill") && today ? paymentView(state, today) : null,
    readBackAt: state?.readBackAt?.toISOString() ?? null,
    drift: state?.xeroId ? (state.xeroDrift ?? null) : null,
    readBackStamp: readBackStampOf(state),
  };
}

/**
 * The card of a sales order whose sale Xero holds as one of its invoices (`carryingInvoice`,
 * lib/sync/planner.ts): it leads to that invoice, and offers no send of its own, which would only
 * be skipped.
 */
export function carriedView(view: XeroSyncView, carrying: CarryingInvoice | null): XeroSyncView {
  if (!carrying) return view;
  return {
    ...view,
    stateLabel: "In Xero as an invoice",
    tone: "neutral",
    message: null,
    canSend: false,
    carriedBy: { number: carrying.number, href: `/invoices/${carrying.id}`, message: carrying.message },
  };
}

const ENDED_IN_XERO: Readonly<Record<string, string>> = { DELETED: "deleted", VOIDED: "voided" };

/**
 * The card of a document cancelled or voided in Factory (one whose status asks Xero's copy to end,
 * `lifecycleTarget`, lib/sync/planner.ts): says what became of Xero's copy — ended, never there, on
 * its way, or kept by Xero (the reason is the card's message) — and offers no send once it is over.
 */
export function endedView(
  view: XeroSyncView,
  factoryStatus: string | undefined,
  objectName: string,
): XeroSyncView {
  const target = factoryStatus ? lifecycleTarget(view.type, factoryStatus) : null;
  if (!factoryStatus || !target || !isEnding(target)) return view;
  const did = `${factoryStatus.charAt(0).toUpperCase()}${factoryStatus.slice(1)} in Factory`;
  const endedAs = view.xeroStatus ? ENDED_IN_XERO[view.xeroStatus] : undefined;
  if (endedAs && !IN_FLIGHT_STATES.has(view.state) && view.state !== "locked") {
    return {
      ...view,
      stateLabel: `${endedAs.charAt(0).toUpperCase()}${endedAs.slice(1)} in Xero`,
      tone: "neutral",
      canSend: false,
      ended: `${did}, so the ${objectName} is ${endedAs} in Xero too.`,
    };
  }
  if (!view.xeroNumber && !IN_FLIGHT_STATES.has(view.state)) {
    return {
      ...view,
      stateLabel: "Not in Xero",
      tone: "neutral",
      canSend: false,
      message: null,
      ended: `${did} before it reached Xero, so there is nothing to ${target === "VOIDED" ? "void" : "delete"} there.`,
    };
  }
  if (view.state === "locked" || view.state === "failed") {
    const refusal = view.xeroStatus ? xeroSendRefusal(view.type, view.xeroStatus, factoryStatus) : null;
    return {
      ...view,
      ended: `${did}, but Xero keeps its ${objectName}:`,
      ...(refusal ? { canSend: false, sendRefusal: refusal } : {}),
    };
  }
  return {
    ...view,
    ended: `${did}: Factory ${target === "VOIDED" ? "voids" : "deletes"} the ${objectName} in Xero.`,
  };
}

function exchangeOf(
  state: DocumentSyncState | undefined,
  currencies: { currency: string; baseCurrency: string | null } | undefined,
): XeroSyncView["exchange"] {
  const rate = state?.xeroCurrencyRate;
  const total = state?.xeroTotal ?? state?.factoryTotal;
  if (!rate || !total || !currencies?.baseCurrency || currencies.currency === currencies.baseCurrency)
    return null;
  if (compare(rate, 0) <= 0) return null;
  return {
    currency: currencies.currency,
    baseCurrency: currencies.baseCurrency,
    rate: plainDecimal(rate),
    baseTotal: inBaseCurrency(total, rate),
  };
}

/** A wait in words, for "next in …": "40 s", "3 min", "2 h 5 min"; "a moment" once it is over. */
export function formatWait(ms: number): string {
  if (ms < 1000) return "a moment";
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
