import type { DocumentSyncState, PendingCreate, SyncDocumentType } from "@/lib/db/schema";
import { currencyNotEnabled } from "@/lib/factory/currencies";
import { NEEDS_RECONNECT_MESSAGE, NOT_CONNECTED_MESSAGE, XeroError } from "@/lib/xero/api/errors";

/**
 * The one place that decides what sending a document means (docs/sync.md#one-planner): every
 * path that sends — auto-send, Send/Resend, bulk "Send unsent", retry, resume — asks
 * {@link planSend} and does what it says. Pure: the facts come from `loadSendFacts`
 * (lib/sync/send-facts.ts), the calls are made by `sendDocument` and the bulk path.
 */

/** What the planner reads of a sync state row. */
export type PlanState = Pick<
  DocumentSyncState,
  "state" | "revision" | "sentRevision" | "xeroId" | "xeroStatus" | "pendingCreate"
>;

/** Everything Factory and Xero hold that decides how one document is sent. */
export interface SendFacts {
  type: SyncDocumentType;
  id: string;
  state: PlanState;
  /** The customer or supplier, and whether it is linked to a Xero contact. */
  party: { kind: "customer" | "supplier"; name: string; linked: boolean };
  /** Settings: whether a contact may be created (or matched) for an unlinked party. */
  mayCreateContact: boolean;
  connection: "connected" | "not_connected" | "needs_reconnect";
  /**
   * The document's currency and the organisation's enabled currencies as last read (GET /Currencies);
   * `enabled` is null when Factory has not read them, and then nothing is held for its currency.
   */
  currency: { code: string; enabled: readonly string[] | null; organisationName: string | null };
  /**
   * Sales orders and their invoices: the order's state and the order's invoices (oldest first) with
   * their states. Absent for the other types.
   */
  sale?: {
    order: { id: string; number: string; state: PlanState | undefined };
    invoices: { id: string; number: string; state: PlanState | undefined }[];
  };
}

/** Why a document waits without failing; each has its own sync state and its own way to resume. */
export type WaitReason = "contact" | "connection" | "order" | "invoice" | "currency";

export type SendPlan =
  /** A new Xero document. `createContact`: the party's contact is created or matched first. */
  | { kind: "create"; createContact: boolean }
  /** The document's own Xero copy follows its edits; `heldStatus` is what Xero holds now. */
  | { kind: "update"; xeroId: string; heldStatus: string | null; createContact: boolean }
  /**
   * An order's first invoice becomes the order's Xero draft (authorised in place). If the draft has
   * gone from Xero meanwhile (deleted, voided), the invoice is created on its own instead.
   */
  | { kind: "take_over_draft"; xeroId: string; heldStatus: string | null; createContact: boolean }
  /**
   * A create whose answer was lost: resent exactly as stored, under its key, so Xero answers from its
   * idempotency store. Plan again afterwards (with the replayed answer) for a newer revision.
   */
  | { kind: "replay"; pending: PendingCreate }
  /** Nothing to send; `upToDate` when Xero already holds this revision, else Xero holds it elsewhere. */
  | { kind: "skip"; upToDate: boolean; message: string }
  | { kind: "wait"; reason: WaitReason; message: string }
  /** Xero will no longer change the document; nothing retries. */
  | { kind: "locked"; message: string };

/**
 * Xero's statuses in the order a document moves through them; an update never sends a status that
 * is behind what Xero holds (docs/xero/api-behaviour.md#statuses-and-what-each-allows: invoices never go back to DRAFT once approved; quotes
 * DRAFT → SENT → ACCEPTED | DECLINED; purchase orders DRAFT → SUBMITTED → AUTHORISED → BILLED).
 */
const STATUS_RANK: Record<SyncDocumentType, Record<string, number>> = {
  quote: { DRAFT: 0, SENT: 1, ACCEPTED: 2, DECLINED: 2 },
  sales_order: { DRAFT: 0, SUBMITTED: 1, AUTHORISED: 2 },
  invoice: { DRAFT: 0, SUBMITTED: 1, AUTHORISED: 2 },
  bill: { DRAFT: 0, SUBMITTED: 1, AUTHORISED: 2 },
  purchase_order: { DRAFT: 0, SUBMITTED: 1, AUTHORISED: 2, BILLED: 3 },
  credit_note: { DRAFT: 0, SUBMITTED: 1, AUTHORISED: 2 },
  supplier_credit: { DRAFT: 0, SUBMITTED: 1, AUTHORISED: 2 },
};

/** Statuses after which Xero refuses any edit through the API (docs/xero/api-behaviour.md#statuses-and-what-each-allows), per type. */
const LOCKED_STATUSES: Record<SyncDocumentType, ReadonlySet<string>> = {
  quote: new Set(["INVOICED", "DELETED"]),
  sales_order: new Set(["PAID", "VOIDED", "DELETED"]),
  invoice: new Set(["PAID", "VOIDED", "DELETED"]),
  bill: new Set(["PAID", "VOIDED", "DELETED"]),
  purchase_order: new Set(["BILLED", "DELETED"]),
  // A credit note with an allocation can no longer change in Xero (docs: creditnotes), so once Factory
  // has created and allocated it, Xero's copy is final; PAID = fully allocated.
  credit_note: new Set(["PAID", "VOIDED", "DELETED"]),
  supplier_credit: new Set(["PAID", "VOIDED", "DELETED"]),
};

const NOUN: Record<SyncDocumentType, string> = {
  quote: "quote",
  sales_order: "invoice",
  invoice: "invoice",
  bill: "bill",
  purchase_order: "purchase order",
  credit_note: "credit note",
  supplier_credit: "credit note",
};

/** Why Xero will not change a document it holds with this status, or null when it will. */
export function lockedReason(type: SyncDocumentType, xeroStatus: string | null | undefined): string | null {
  if (!xeroStatus || !LOCKED_STATUSES[type].has(xeroStatus)) return null;
  return `The ${NOUN[type]} is ${xeroStatus.toLowerCase()} in Xero, which no longer accepts changes to it.`;
}

/**
 * Why Factory refuses an edit of a document because Xero would refuse it, or null while Xero still
 * accepts changes: the document's last send ended "locked" (Xero's own words are kept), or Xero last
 * answered with a status that allows no more edits. Editing it in Factory would only part Factory's
 * copy from Xero's for good. What Factory has not heard from Xero yet (a payment made since) comes
 * back as "locked" from the update the edit sends.
 */
export function xeroEditRefusal(
  type: SyncDocumentType,
  state: Pick<DocumentSyncState, "state" | "xeroId" | "xeroStatus" | "lastError"> | undefined,
): string | null {
  if (!state) return null;
  const reason = state.xeroId ? lockedReason(type, state.xeroStatus) : null;
  if (state.state === "locked")
    return state.lastError ?? reason ?? `Xero no longer accepts changes to the ${NOUN[type]}.`;
  return reason;
}

/**
 * The status an update sends: the one Factory wants when it moves the document forward (an
 * invoice authorising its order's draft), else none at all, so Xero keeps the status it holds — a
 * quote marked SENT in Xero stays SENT when its lines change, even if Factory has not heard of it.
 */
export function statusToSend(
  type: SyncDocumentType,
  wanted: string,
  held: string | null | undefined,
): string | undefined {
  const ranks = STATUS_RANK[type];
  const heldRank = held === null || held === undefined ? undefined : ranks[held];
  const wantedRank = ranks[wanted];
  if (heldRank !== undefined && wantedRank !== undefined && heldRank >= wantedRank) return undefined;
  return wanted;
}

/**
 * Xero's definite answers to a request (it refused the data, the document is locked or gone): the
 * request is over. A lost answer (timeout, crash, 5xx) is not one: that request is replayed as it was.
 */
export function isDefiniteRefusal(error: unknown): boolean {
  return (
    error instanceof XeroError &&
    (error.kind === "validation" || error.kind === "locked" || error.kind === "not_found")
  );
}

/**
 * An order whose own Xero draft is still to come: queued, being sent, its create in doubt, or held
 * for its contact or the connection (documents of a sale go in order: the draft before the invoice).
 */
const ORDER_ON_ITS_WAY: ReadonlySet<PlanState["state"]> = new Set([
  "queued",
  "sending",
  "waiting_for_contact",
  "waiting_reconnect",
]);
const orderOnItsWay = (order: PlanState | undefined): boolean =>
  !!order && !order.xeroId && (ORDER_ON_ITS_WAY.has(order.state) || !!order.pendingCreate);

/** Decides what to do with one document, given what Factory and Xero hold. */
export function planSend(facts: SendFacts): SendPlan {
  const { state } = facts;
  if (state.xeroId && state.sentRevision === state.revision && !state.pendingCreate) {
    return { kind: "skip", upToDate: true, message: "Xero already holds this version." };
  }
  if (facts.connection !== "connected") {
    return {
      kind: "wait",
      reason: "connection",
      message: facts.connection === "not_connected" ? NOT_CONNECTED_MESSAGE : NEEDS_RECONNECT_MESSAGE,
    };
  }
  if (!state.xeroId && state.pendingCreate) return { kind: "replay", pending: state.pendingCreate };

  const skip = alreadyInXero(facts);
  if (skip) return { kind: "skip", upToDate: false, message: skip };
  const invoiceSending = facts.type === "sales_order" && !state.xeroId ? invoiceBeingSent(facts) : undefined;
  if (invoiceSending) {
    return {
      kind: "wait",
      reason: "invoice",
      message: `Waiting for invoice ${invoiceSending} of this order to reach Xero.`,
    };
  }
  const locked = lockedReason(facts.type, state.xeroStatus);
  if (state.xeroId && locked) return { kind: "locked", message: locked };

  // Xero refuses a document in a currency the organisation has not enabled (xero-api.md §8): hold it
  // here, before any call, with what to do about it.
  const currencyRefusal = currencyNotEnabled(facts.currency, facts.currency.code);
  if (currencyRefusal) {
    return {
      kind: "wait",
      reason: "currency",
      message: `Held, nothing sent to Xero: ${currencyRefusal} After enabling it, open Factory's Xero page so Factory reads the currencies again, then retry.`,
    };
  }

  const createContact = !facts.party.linked;
  if (createContact && !facts.mayCreateContact) {
    return {
      kind: "wait",
      reason: "contact",
      message: `Link ${facts.party.name} to a Xero contact: the ${facts.party.kind} isn't linked yet.`,
    };
  }
  if (state.xeroId)
    return { kind: "update", xeroId: state.xeroId, heldStatus: state.xeroStatus, createContact };

  if (facts.type === "invoice" && facts.sale) {
    const { order, invoices } = facts.sale;
    if (orderOnItsWay(order.state)) {
      return { kind: "wait", reason: "order", message: `Waiting for order ${order.number} to reach Xero.` };
    }
    const draft = order.state?.xeroId;
    if (draft && !lockedReason("sales_order", order.state?.xeroStatus) && invoices[0]?.id === facts.id) {
      return {
        kind: "take_over_draft",
        xeroId: draft,
        heldStatus: order.state?.xeroStatus ?? null,
        createContact,
      };
    }
  }
  return { kind: "create", createContact };
}

/** The invoice through which Xero holds a sales order's sale, and how it came to. */
export interface CarryingInvoice {
  id: string;
  number: string;
  /** The order's own Xero draft became this invoice; else the order was never sent itself. */
  tookOverDraft: boolean;
  /** Why the order itself is not sent, naming the invoice; the card links the invoice's number. */
  message: string;
}

/**
 * A sales order whose sale Xero already holds as an invoice: its own draft became its first invoice,
 * or (never sent itself) an invoice of it is in Xero already. Changes to such an order go to Xero
 * through the invoice, so the order sends nothing and its page leads to the invoice.
 */
export function carryingInvoice(
  order: Pick<PlanState, "xeroId">,
  invoices: NonNullable<SendFacts["sale"]>["invoices"],
): CarryingInvoice | null {
  const draft = order.xeroId;
  if (draft) {
    const first = invoices[0];
    if (first?.state?.xeroId !== draft) return null;
    return {
      id: first.id,
      number: first.number,
      tookOverDraft: true,
      message: `The order's Xero draft became invoice ${first.number}; edit the invoice instead.`,
    };
  }
  const taken = invoices.find((invoice) => invoice.state?.xeroId || invoice.state?.pendingCreate);
  return taken
    ? {
        id: taken.id,
        number: taken.number,
        tookOverDraft: false,
        message: `Not sent: invoice ${taken.number} already carries this order in Xero.`,
      }
    : null;
}

function alreadyInXero(facts: SendFacts): string | null {
  if (facts.type !== "sales_order" || !facts.sale) return null;
  return carryingInvoice(facts.state, facts.sale.invoices)?.message ?? null;
}

/**
 * An invoice of the order being sent right now (claimed, its create not yet stored): the order waits
 * for its answer rather than race it to Xero. Only `sending`: an invoice merely queued waits for the
 * order (above), so the two can never wait for each other for long.
 */
function invoiceBeingSent(facts: SendFacts): string | undefined {
  return facts.sale?.invoices.find((invoice) => invoice.state?.state === "sending")?.number;
}
