import type { DocumentSyncState, PendingCreate, SyncDocumentType } from "@/lib/db/schema";
import { currencyNotEnabled } from "@/lib/factory/currencies";
import type { HeldCredit } from "@/lib/xero/api/credit-notes";
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
  "state" | "revision" | "sentRevision" | "xeroId" | "xeroStatus" | "pendingCreate" | "sentPayloadHash"
>;

/** Everything Factory and Xero hold that decides how one document is sent. */
export interface SendFacts {
  type: SyncDocumentType;
  id: string;
  /**
   * The document's own status in Factory (a cancelled order, a voided invoice, an accepted quote):
   * what Xero's copy should become beyond its ordinary send ({@link lifecycleTarget}).
   */
  factoryStatus: string;
  state: PlanState;
  /**
   * The customer or supplier, whether it is linked to a Xero contact, and that contact's status in
   * Xero as last read (ACTIVE, ARCHIVED, GDPRREQUEST; null when Factory never read it).
   */
  party: { kind: "customer" | "supplier"; name: string; linked: boolean; contactStatus?: string | null };
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
    /** `voided`: voided in Factory (one voided before it reached Xero takes no part in the sale there). */
    invoices: { id: string; number: string; voided?: boolean; state: PlanState | undefined }[];
  };
  /**
   * Credit notes: the invoice (bill) they credit, with its state, and whether the credit's allocation
   * to it in Xero is settled (allocated, or found nothing due). Absent for the other types.
   */
  credit?: {
    credited: { type: "invoice" | "bill"; id: string; number: string; state: PlanState | undefined };
    allocationSettled: boolean;
  };
  /**
   * The hash of the payload the document would send now (`payloadHash`, lib/sync/payload.ts), when
   * Xero holds a copy Factory sent whole (`sentPayloadHash`); absent when there is nothing to compare
   * with, or the payload can't be built (the send then says why).
   */
  payloadHash?: string | null;
}

/** Why a document waits without failing; each has its own sync state and its own way to resume. */
export type WaitReason = "contact" | "connection" | "order" | "invoice" | "currency" | "credited";

export type SendPlan =
  /**
   * A new Xero document. `createContact`: the party's contact is created or matched first. `then`:
   * the status Factory wants it in, reached after the create one step at a time ({@link statusSteps}).
   * `allocateTo`: a credit note, allocated to the invoice (bill) Xero holds once it is created.
   */
  | { kind: "create"; createContact: boolean; then?: string; allocateTo?: CreditAllocation }
  /**
   * A lifecycle change of the document Xero holds (cancelled, voided, accepted, billed in Factory):
   * one update per status in `steps`, in Xero's order. An ending (DELETED, VOIDED) sends the status
   * alone; any other step sends the document as it now is with that status.
   */
  | {
      kind: "status";
      xeroId: string;
      heldStatus: string | null;
      steps: string[];
      /**
       * A credit note being voided: first take its allocation to the invoice (bill) it credits off
       * again (Xero voids only a credit note with nothing allocated), judged by {@link creditRelease}.
       */
      release?: CreditAllocation;
    }
  /**
   * A credit note Xero holds whose allocation to its invoice (bill) is not settled yet: the create's
   * answer came, the allocation did not (refused for now, or its answer lost). Allocate, never twice.
   */
  | { kind: "allocate"; xeroId: string; allocateTo: CreditAllocation }
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
  /**
   * Nothing to send; `upToDate` when Xero already holds this revision, else Xero holds it elsewhere.
   * `unchanged`: a newer revision whose payload is the one Xero last accepted (only Factory's own
   * fields changed, or nothing did): Xero holds this revision too, without a call.
   */
  | { kind: "skip"; upToDate: boolean; unchanged?: boolean; message: string }
  | { kind: "wait"; reason: WaitReason; message: string }
  /** Xero will no longer change the document; nothing retries. */
  | { kind: "locked"; message: string };

/** The invoice (bill) Xero holds that a credit note is allocated to. */
export interface CreditAllocation {
  type: "invoice" | "bill";
  number: string;
  xeroId: string;
}

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

/**
 * What a Factory status asks of the document's Xero copy beyond its ordinary send, or null
 * (docs/sync.md#lifecycle-changes): a cancelled sales order's draft is DELETED; a cancelled purchase
 * order is DELETED and a fully billed one BILLED; a voided invoice or bill is VOIDED; a quote sent,
 * accepted or declined in Factory is SENT, ACCEPTED or DECLINED. Xero has no status for an expired
 * quote: it shows one past its ExpiryDate (sent with the quote) as expired by itself.
 */
export function lifecycleTarget(type: SyncDocumentType, factoryStatus: string): string | null {
  return LIFECYCLE_TARGETS[type][factoryStatus] ?? null;
}

const LIFECYCLE_TARGETS: Record<SyncDocumentType, Readonly<Record<string, string>>> = {
  quote: { sent: "SENT", accepted: "ACCEPTED", declined: "DECLINED" },
  sales_order: { cancelled: "DELETED" },
  invoice: { voided: "VOIDED" },
  bill: { voided: "VOIDED" },
  purchase_order: { cancelled: "DELETED", billed: "BILLED" },
  credit_note: { voided: "VOIDED" },
  supplier_credit: { voided: "VOIDED" },
};

/** Targets that end the document in Xero: sent as the status alone, and never followed by an edit. */
const ENDINGS: ReadonlySet<string> = new Set(["DELETED", "VOIDED"]);

/** A voided invoice not yet approved in Xero is deleted there: Xero voids only approved ones. */
const VOID_OR_DELETE = { AUTHORISED: ["VOIDED"], DRAFT: ["DELETED"], SUBMITTED: ["DELETED"], DELETED: [] };

/**
 * From the status Xero holds to the target, the statuses to send one update at a time, as Xero moves
 * documents (docs/xero/api-behaviour.md#statuses-and-what-each-allows): an invoice is voided only
 * once approved and deleted only before; a quote is accepted or declined only once sent; a purchase
 * order is billed only once approved. An empty path: Xero's copy is there already (or, for an
 * ending, ended the other way). Absent: Xero can't get there from where it is.
 */
const STATUS_PATHS: Record<
  SyncDocumentType,
  Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>
> = {
  quote: {
    SENT: { DRAFT: ["SENT"] },
    ACCEPTED: { DRAFT: ["SENT", "ACCEPTED"], SENT: ["ACCEPTED"] },
    DECLINED: { DRAFT: ["SENT", "DECLINED"], SENT: ["DECLINED"] },
  },
  sales_order: { DELETED: { DRAFT: ["DELETED"], SUBMITTED: ["DELETED"], VOIDED: [] } },
  invoice: { VOIDED: VOID_OR_DELETE },
  bill: { VOIDED: VOID_OR_DELETE },
  purchase_order: {
    DELETED: { DRAFT: ["DELETED"], SUBMITTED: ["DELETED"], AUTHORISED: ["DELETED"] },
    BILLED: { DRAFT: ["AUTHORISED", "BILLED"], SUBMITTED: ["AUTHORISED", "BILLED"], AUTHORISED: ["BILLED"] },
  },
  // A credit note PAID (all of it allocated) is voided once Factory has taken its allocation off
  // again, which makes it AUTHORISED (planEnding, creditRelease).
  credit_note: { VOIDED: { ...VOID_OR_DELETE, PAID: ["VOIDED"] } },
  supplier_credit: { VOIDED: { ...VOID_OR_DELETE, PAID: ["VOIDED"] } },
};

/** The updates that take Xero's copy from `held` to `target`; [] when it is there, null when it can't go. */
export function statusSteps(type: SyncDocumentType, held: string | null, target: string): string[] | null {
  if (held === target) return [];
  const path = held ? STATUS_PATHS[type][target]?.[held] : undefined;
  return path ? [...path] : null;
}

/** Whether a step ends the document in Xero (sent as the status alone). */
export const isEnding = (status: string): boolean => ENDINGS.has(status);

const ENDING_VERB: Record<string, string> = { DELETED: "delete", VOIDED: "void" };

/** Why Xero can't end a document it holds in `held` the way Factory asks, in words for people. */
function endingRefusal(type: SyncDocumentType, held: string | null, target: string): string {
  const noun = NOUN[type];
  const verb = ENDING_VERB[target] ?? "change";
  if (held === "PAID") {
    return `Xero can't ${verb} the ${noun}: it is paid in Xero. Remove its payments in Xero first, then retry.`;
  }
  if (held === "AUTHORISED" && target === "DELETED") {
    return `Xero deletes only drafts, and this ${noun} is approved in Xero, so it stays there. Void it in Xero if the sale is off.`;
  }
  return `Xero can't ${verb} the ${noun}: it is ${(held ?? "unknown").toLowerCase()} in Xero.`;
}

/**
 * Why Xero would refuse voiding this invoice or bill, as far as Factory has heard, or null: Xero
 * voids only one with no payments or credits against it (docs/xero/api-behaviour.md#statuses-and-what-each-allows).
 * Factory refuses the void up front then; a payment it has not heard of comes back as Xero's refusal.
 */
export function xeroVoidRefusal(
  type: "invoice" | "bill",
  state:
    Pick<DocumentSyncState, "xeroId" | "xeroStatus" | "xeroAmountPaid" | "xeroAmountCredited"> | undefined,
): string | null {
  if (!state?.xeroId) return null;
  const paid = Number(state.xeroAmountPaid ?? 0) > 0;
  const credited = Number(state.xeroAmountCredited ?? 0) > 0;
  if (paid || credited) {
    const what = paid && credited ? "payments and credits" : paid ? "a payment" : "a credit";
    return `Xero has ${what} against the ${NOUN[type]}, and voids only one with none. Remove ${paid && credited ? "them" : "it"} in Xero first.`;
  }
  if (statusSteps(type, state.xeroStatus, "VOIDED") === null)
    return endingRefusal(type, state.xeroStatus, "VOIDED");
  return null;
}

/**
 * Why Xero would refuse any send of a document it holds with status `held`, from what it last
 * answered, or null while a send may go: an ending Xero can't make from there (a paid invoice
 * voided in Factory, a billed purchase order cancelled), or a status that takes no more edits. The
 * planner answers `locked` with it, without a call; the Xero card offers no Send/Resend then, as
 * the planner would not act on one (lib/sync/view.ts).
 */
export function xeroSendRefusal(
  type: SyncDocumentType,
  held: string | null | undefined,
  factoryStatus: string | undefined,
): string | null {
  const target = factoryStatus ? lifecycleTarget(type, factoryStatus) : null;
  if (target && isEnding(target))
    return statusSteps(type, held ?? null, target) === null
      ? endingRefusal(type, held ?? null, target)
      : null;
  if (type === "purchase_order" && held === "BILLED" && factoryStatus && factoryStatus !== "billed") {
    // Billed no more in Factory (its bill voided), while Xero never takes a purchase order back
    // from BILLED (docs/xero/api-behaviour.md#statuses-and-what-each-allows): Xero's copy stays.
    return "Xero keeps the purchase order billed: Xero can't unbill a purchase order, so it stays billed there though its bill was voided in Factory. Changes to the order stay in Factory; its next bills go to Xero on their own.";
  }
  return lockedReason(type, held);
}

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

/**
 * Which of a credit note's allocations Factory takes off before voiding it, or why it doesn't void it.
 * Xero voids only a credit note with nothing allocated and no refund (docs: creditnotes; xero-api.md
 * §8), and DELETE /CreditNotes/{id}/Allocations/{AllocationID} (spec :6548) undoes one. Factory removes
 * only what is its own to remove: the allocation to the invoice (bill) the credit note credits, which
 * Factory made (allocateCredit treats one found there as its own, too); voiding the credit note in
 * Factory means that credit no longer applies. An allocation to any other invoice, or a refund, was
 * made in Xero by someone, against documents Factory did not touch: Factory refuses, changing nothing,
 * and says what to do (docs/sync.md#lifecycle-changes).
 */
export function creditRelease(
  held: HeldCredit,
  to: CreditAllocation,
): { remove: string[]; amount: string } | { refusal: string } {
  const mine = held.allocations.filter((a) => a.invoiceId.toLowerCase() === to.xeroId.toLowerCase());
  const others = held.allocations.filter((a) => !mine.includes(a));
  if (held.payments > 0) {
    return {
      refusal:
        "Xero has a refund paid out of the credit note, and voids only one with none. Remove the refund in Xero, then retry.",
    };
  }
  if (others.length > 0) {
    const names = [...new Set(others.map((a) => a.invoiceNumber ?? "another document"))].join(", ");
    return {
      refusal: `The credit note is allocated in Xero to ${names} too, which Factory didn't do, and Xero voids only one with nothing allocated. Remove that allocation in Xero, then retry.`,
    };
  }
  const amount = mine.reduce((sum, a) => sum + Math.round(Number(a.amount) * 100), 0);
  return { remove: mine.map((a) => a.id), amount: (amount / 100).toFixed(2) };
}

const UNCHANGED_MESSAGE = "Xero already holds this version: nothing it keeps has changed.";

/**
 * An update would send exactly the payload Xero last accepted whole: only what Xero doesn't keep
 * changed (Factory's own notes), or nothing did. "Resend" clears the stored hash (`requestSend`), so
 * staff sending Factory's version over a copy changed in Xero always sends.
 */
const payloadUnchanged = (facts: SendFacts): boolean =>
  !!facts.payloadHash && facts.payloadHash === facts.state.sentPayloadHash;

/** Decides what to do with one document, given what Factory and Xero hold. */
export function planSend(facts: SendFacts): SendPlan {
  const { state } = facts;
  const upToDate = !!state.xeroId && state.sentRevision === state.revision && !state.pendingCreate;
  const allocationDue = !!facts.credit && !facts.credit.allocationSettled;
  if (upToDate && !allocationDue) {
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
  if (upToDate && state.xeroId) {
    const to = creditAllocation(facts);
    return to
      ? { kind: "allocate", xeroId: state.xeroId, allocateTo: to }
      : { kind: "skip", upToDate: true, message: "Xero already holds this version." };
  }

  const skip = alreadyInXero(facts);
  if (skip) return { kind: "skip", upToDate: false, message: skip };
  const target = lifecycleTarget(facts.type, facts.factoryStatus);
  if (target && isEnding(target)) return planEnding(facts, target);
  const invoiceSending = facts.type === "sales_order" && !state.xeroId ? invoiceBeingSent(facts) : undefined;
  if (invoiceSending) {
    return {
      kind: "wait",
      reason: "invoice",
      message: `Waiting for invoice ${invoiceSending} of this order to reach Xero.`,
    };
  }
  const locked = state.xeroId ? xeroSendRefusal(facts.type, state.xeroStatus, facts.factoryStatus) : null;
  if (locked) return { kind: "locked", message: locked };

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

  // Xero refuses a new or edited document for an archived contact (xero-api.md §3.2; the simulator
  // does too): hold it, nothing sent, until the contact is restored in Xero or the party re-linked.
  const unusable = unusableContact(facts.party);
  if (unusable) return { kind: "wait", reason: "contact", message: unusable };

  const createContact = !facts.party.linked;
  if (createContact && !facts.mayCreateContact) {
    return {
      kind: "wait",
      reason: "contact",
      message: `Link ${facts.party.name} to a Xero contact: the ${facts.party.kind} isn't linked yet.`,
    };
  }
  if (state.xeroId) {
    const steps = target ? statusSteps(facts.type, state.xeroStatus, target) : null;
    if (steps?.length && !createContact)
      return { kind: "status", xeroId: state.xeroId, heldStatus: state.xeroStatus, steps };
    if (payloadUnchanged(facts)) {
      const to = allocationDue ? creditAllocation(facts) : null;
      return to
        ? { kind: "allocate", xeroId: state.xeroId, allocateTo: to }
        : { kind: "skip", upToDate: true, unchanged: true, message: UNCHANGED_MESSAGE };
    }
    return { kind: "update", xeroId: state.xeroId, heldStatus: state.xeroStatus, createContact };
  }

  if (facts.credit) {
    // A credit note goes to Xero once what it credits is there, so it can be allocated to it at once.
    const { credited } = facts.credit;
    const to = creditAllocation(facts);
    if (!to) {
      const noun = credited.type === "invoice" ? "invoice" : "bill";
      return {
        kind: "wait",
        reason: "credited",
        message: orderOnItsWay(credited.state)
          ? `Waiting for ${noun} ${credited.number} to reach Xero.`
          : `Send ${noun} ${credited.number} to Xero first: the credit is allocated to it there.`,
      };
    }
    return { kind: "create", createContact, allocateTo: to };
  }

  if (facts.type === "invoice" && facts.sale) {
    const { order, invoices } = facts.sale;
    if (orderOnItsWay(order.state)) {
      return { kind: "wait", reason: "order", message: `Waiting for order ${order.number} to reach Xero.` };
    }
    const draft = order.state?.xeroId;
    // The order's first invoice that Xero has or may yet have: one voided before it reached Xero
    // leaves the draft to the next.
    const first = invoices.find(
      (invoice) => !invoice.voided || invoice.state?.xeroId || invoice.state?.pendingCreate,
    );
    if (draft && !lockedReason("sales_order", order.state?.xeroStatus) && first?.id === facts.id) {
      return {
        kind: "take_over_draft",
        xeroId: draft,
        heldStatus: order.state?.xeroStatus ?? null,
        createContact,
      };
    }
  }
  return target ? { kind: "create", createContact, then: target } : { kind: "create", createContact };
}

/**
 * Why the party's linked Xero contact can't be named on a document now, or null: Xero holds it as
 * archived (merged contacts are archived too) or under a GDPR request.
 */
export function unusableContact(party: SendFacts["party"]): string | null {
  if (!party.linked || !party.contactStatus || party.contactStatus === "ACTIVE") return null;
  const who = `The ${party.kind} ${party.name}`;
  if (party.contactStatus === "ARCHIVED")
    return `${who} is archived in Xero: restore it in Xero or link another contact.`;
  return `${who} has a GDPR request in Xero, which no longer takes documents for it: link another contact.`;
}

/**
 * A document Factory ended (a cancelled order, a voided invoice): Xero's copy is deleted or voided
 * when Xero allows it; a document that never reached Xero has nothing to end there.
 */
function planEnding(facts: SendFacts, target: string): SendPlan {
  const { type, state } = facts;
  const verb = ENDING_VERB[target] ?? "change";
  if (!state.xeroId) {
    return {
      kind: "skip",
      upToDate: false,
      message: `Never sent to Xero, so there is nothing to ${verb} there.`,
    };
  }
  const refusal = xeroSendRefusal(type, state.xeroStatus, facts.factoryStatus);
  if (refusal) return { kind: "locked", message: refusal };
  const steps = statusSteps(type, state.xeroStatus, target) ?? [];
  if (steps.length === 0) return { kind: "skip", upToDate: true, message: "Xero already holds it as ended." };
  // An approved credit note may be allocated (Factory allocates it at once): read, release, void.
  const release = steps[0] === "VOIDED" ? creditAllocation(facts) : null;
  return {
    kind: "status",
    xeroId: state.xeroId,
    heldStatus: state.xeroStatus,
    steps,
    ...(release ? { release } : {}),
  };
}

/** The invoice (bill) Xero holds that this credit note goes against, or null while Xero has none. */
function creditAllocation(facts: SendFacts): CreditAllocation | null {
  const credited = facts.credit?.credited;
  const xeroId = credited?.state?.xeroId;
  return credited && xeroId ? { type: credited.type, number: credited.number, xeroId } : null;
}

/**
 * Where a credit note still has to be allocated once Xero holds it (after its create, a replayed
 * create, or an allocation that did not go through): its unsettled allocation's invoice (bill) in
 * Xero, or null when there is nothing to allocate.
 */
export const pendingAllocation = (facts: SendFacts): CreditAllocation | null =>
  facts.credit && !facts.credit.allocationSettled ? creditAllocation(facts) : null;

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
