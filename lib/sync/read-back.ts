import type { Db } from "@/lib/db/client";
import {
  applyReadBacks,
  followXeroPayments,
  firstSentAt,
  getReadCursor,
  markWebhookEventsProcessed,
  pendingWebhookEvents,
  readBackTargets,
  saveReadCursor,
  type ReadBackTarget,
} from "@/lib/db/queries/read-back";
import { creditsAwaitingApproval } from "@/lib/db/queries/credit-notes";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import type { SyncDocumentType } from "@/lib/db/schema";
import {
  READ_BACK_CREDIT_NOTE_IDS,
  READ_BACK_IDS,
  readCreditNotesByIds,
  readCreditNotesChangedSince,
  readInvoicesByIds,
  readInvoicesChangedSince,
  readPurchaseOrdersChangedSince,
  readQuotesChangedSince,
  type XeroDocumentCopy,
} from "@/lib/xero/api/read-back";
import { withXero, type XeroApi } from "@/lib/xero/api/session";
import { dayKeptForSends, xeroBudgetNow } from "@/lib/xero/rate-limit";
import { logger } from "@/lib/ops/logger";
import { pollContactReadBack, readBackContactEvents } from "./contact-read-back";
import { driftToStore } from "./drift";
import { sendDocumentsNow } from "./enqueue";

/**
 * Read-back: learning what became of what Factory sent (docs/sync.md#read-back). Xero's webhooks
 * (stored once by /api/xero/webhooks) or the poller say which documents changed; the worker reads
 * them in batches and stores Xero's status and amounts on each document's sync state, only when
 * Xero's copy is newer than the one stored (UpdatedDateUTC), so replays change nothing twice.
 */

/**
 * Where Factory's documents live in Xero. Each source names the Factory types whose Xero document it
 * reads, and how to read what changed since a time (the poller). A source Xero sends webhooks for
 * also says its webhook category and how to read many by id; a poll-only one (quotes, purchase
 * orders: no webhooks, no IDs parameter) is read by polling alone, webhook key or not.
 */
interface ReadBackSourceBase {
  /** The Xero resource, the poller's cursor name. */
  resource: string;
  types: readonly SyncDocumentType[];
  readChangedSince: (
    api: XeroApi,
    since: Date,
    page: number,
  ) => Promise<{ copies: XeroDocumentCopy[]; more: boolean }>;
}

/** A source Xero's webhooks name documents of, read by id when they do. */
export interface WebhookReadBackSource extends ReadBackSourceBase {
  pollOnly?: undefined;
  /** The webhook category (INVOICE, CREDITNOTE, …). */
  category: string;
  readByIds: (api: XeroApi, ids: readonly string[]) => Promise<XeroDocumentCopy[]>;
  /** How many ids one `readByIds` call takes. */
  idsPerRead: number;
}

/** A source with no webhooks: only the poller reads it. */
export interface PollOnlyReadBackSource extends ReadBackSourceBase {
  pollOnly: true;
  /**
   * Read in the slow (catch-up) round only: what is rare and costs a call of its own each round
   * (deletions, read with `Status=DELETED`), so the minute's rounds stay inside Xero's daily limit.
   */
  slow?: true;
}

export type ReadBackSource = WebhookReadBackSource | PollOnlyReadBackSource;

export const READ_BACK_SOURCES: readonly ReadBackSource[] = [
  {
    category: "INVOICE",
    resource: "Invoices",
    // A sales order is a DRAFT invoice in Xero; an invoice made from it may take over that draft,
    // and then both follow the one Xero invoice (as markSent's followOrderDraft does).
    types: ["sales_order", "invoice", "bill"],
    readByIds: readInvoicesByIds,
    idsPerRead: READ_BACK_IDS,
    readChangedSince: readInvoicesChangedSince,
  },
  {
    category: "CREDITNOTE",
    resource: "CreditNotes",
    types: ["credit_note", "supplier_credit"],
    readByIds: readCreditNotesByIds,
    idsPerRead: READ_BACK_CREDIT_NOTE_IDS,
    readChangedSince: readCreditNotesChangedSince,
  },
  {
    pollOnly: true,
    resource: "Quotes",
    types: ["quote"],
    readChangedSince: readQuotesChangedSince,
  },
  {
    pollOnly: true,
    slow: true,
    resource: "Quotes?Status=DELETED",
    types: ["quote"],
    readChangedSince: (api, since, page) => readQuotesChangedSince(api, since, page, "DELETED"),
  },
  {
    pollOnly: true,
    resource: "PurchaseOrders",
    types: ["purchase_order"],
    readChangedSince: readPurchaseOrdersChangedSince,
  },
  {
    pollOnly: true,
    slow: true,
    resource: "PurchaseOrders?Status=DELETED",
    types: ["purchase_order"],
    readChangedSince: (api, since, page) => readPurchaseOrdersChangedSince(api, since, page, "DELETED"),
  },
];

/**
 * Which sources a poll reads:
 * - `live` (every XERO_READ_BACK_POLL_SECONDS): every source but the slow ones without webhooks;
 *   with webhooks, only the poll-only ones (webhooks name the rest);
 * - `catch-up` (every XERO_READ_BACK_CATCH_UP_MINUTES): the slow ones, and with webhooks the webhook
 *   sources too, so an event Xero gave up delivering (it retries for 24 hours, then disables the
 *   webhook) is still read, a round later;
 * - `all`: every source (tests, and a poll asked for by hand).
 */
export type PollRound = "live" | "catch-up" | "all";

export function sourcesToPoll(round: PollRound, webhooks: boolean): ReadBackSource[] {
  return READ_BACK_SOURCES.filter((source) => {
    if (!source.pollOnly) return pollsWebhookSources(round, webhooks);
    if (round === "all") return true;
    return round === "catch-up" ? source.slow === true : source.slow !== true;
  });
}

/**
 * Whether a poll of this round reads the sources webhooks name (invoices, credit notes, and the
 * contacts of lib/sync/contact-read-back.ts): every `live` round without webhooks, the `catch-up`
 * round with them, and `all`.
 */
export function pollsWebhookSources(round: PollRound, webhooks: boolean): boolean {
  return round === "all" || (round === "catch-up" ? webhooks : !webhooks);
}

/**
 * While Xero is still delivering (an event came in the last second), a last batch of fewer than
 * {@link READ_BACK_IDS} documents waits for the rest, up to this long, so a burst costs full batches.
 */
const GATHER_QUIET_MS = 1000;
const GATHER_MAX_MS = 5000;

/** How many pending events one round takes (ten reads of 100). */
const EVENTS_PER_ROUND = 1000;
/** A poll reads at most this many pages (of 100) before leaving the rest to the next poll. */
const MAX_POLL_PAGES = 20;

/**
 * True while the rest of the day's Xero calls is kept for sends (dayKeptForSends): a poll costs a
 * call per resource even when nothing changed (at 120 s without webhooks, five resources are 3,600
 * calls a day of Xero's 5,000, fewer on a smaller tier), and one skipped loses nothing: its cursors
 * stay where they were, so the next poll with room reads the same changes.
 */
async function pollWaitsForSends(db: Db, tenantId: string): Promise<boolean> {
  const now = await xeroBudgetNow(db, tenantId);
  return dayKeptForSends(now.dayLeft, now.dayLimit);
}

/** Stores Xero's copies on the documents they belong to; returns how many documents changed. */
export async function applyCopies(
  db: Db,
  copies: readonly XeroDocumentCopy[],
  targets: readonly ReadBackTarget[],
): Promise<number> {
  const byXeroId = new Map<string, ReadBackTarget[]>();
  for (const target of targets) {
    if (!target.xeroId) continue;
    const list = byXeroId.get(target.xeroId) ?? [];
    list.push(target);
    byXeroId.set(target.xeroId, list);
  }
  const rows: Parameters<typeof applyReadBacks>[1][number][] = [];
  for (const copy of copies) {
    const owners = byXeroId.get(copy.id) ?? [];
    // An order whose draft an invoice took over compares nothing of its own: the invoice does.
    const invoiceOwns = owners.some((owner) => owner.recordType !== "sales_order");
    for (const owner of owners) {
      const drift =
        invoiceOwns && owner.recordType === "sales_order"
          ? undefined
          : driftToStore(owner.sentSnapshot, copy, owner.xeroDriftAccepted, owner.recordType);
      rows.push({
        recordType: owner.recordType,
        recordId: owner.recordId,
        patch: {
          xeroStatus: copy.status,
          xeroTotal: copy.total,
          xeroAmountPaid: copy.amountPaid,
          xeroAmountDue: copy.amountDue,
          xeroAmountCredited: copy.amountCredited,
          xeroPaidOn: copy.fullyPaidOn,
          xeroDueDate: copy.dueDate,
          xeroUpdatedAt: copy.updatedAt,
          ...(drift === undefined ? {} : { xeroDrift: drift }),
        },
      });
    }
  }
  // Xero's copy and what it moves in Factory (an invoice paid in Xero is paid here) commit together,
  // so no page reads the copy PAID beside a Factory invoice still awaiting payment.
  const changed = await db.transaction(async (tx) => {
    const stored = await applyReadBacks(tx, rows);
    await followXeroPayments(tx, rows);
    return stored;
  });
  await allocateOnceApproved(db, rows);
  return changed;
}

/**
 * A credit allocated to nothing because its invoice (bill) was not approved in Xero (Xero can't
 * allocate to a draft; lib/sync/allocation.ts) is queued again once read-back sees that invoice
 * (bill) AUTHORISED: its send plans only the allocation, which reads the credit's allocations first
 * and so is made once, and settles it. One already settled, voided, or with a job waiting is not
 * queued again (the query and the job's singleton key).
 */
async function allocateOnceApproved(
  db: Db,
  rows: readonly { recordType: SyncDocumentType; recordId: string }[],
): Promise<void> {
  const waiting = await creditsAwaitingApproval(db, rows);
  if (waiting.length === 0) return;
  await db.transaction(async (tx) => {
    for (const type of ["credit_note", "supplier_credit"] as const) {
      const ids = waiting.filter((w) => w.type === type).map((w) => w.id);
      if (ids.length > 0) await sendDocumentsNow(tx, type, ids);
    }
  });
  logger.info(
    { credits: waiting.length },
    "Queued credit allocations now that Xero holds their documents approved.",
  );
}

export interface ReadBackResult {
  /** Documents whose stored copy changed. */
  changed: number;
  /** Calls made to Xero. */
  calls: number;
}

/**
 * Reads back the documents that Xero's stored webhook events name, in batches of
 * {@link READ_BACK_IDS} ids per call. Events for documents Factory does not hold are done without
 * a call; events of another organisation, or of a category with no source yet, wait. Nothing
 * happens while Xero is not connected: the events wait for the connection.
 */
export async function readBackEvents(
  db: Db,
  options: {
    /** Asks for another round shortly, for a partial batch left to gather; without it nothing waits. */
    again?: () => Promise<void>;
  } = {},
): Promise<ReadBackResult> {
  const result: ReadBackResult = { changed: 0, calls: 0 };
  const connection = await getXeroConnection(db);
  if (!connection || connection.status !== "connected") return result;
  for (const source of READ_BACK_SOURCES) {
    if (source.pollOnly) continue;
    for (;;) {
      const pending = await pendingWebhookEvents(db, {
        tenantId: connection.tenantId,
        category: source.category,
        limit: EVENTS_PER_ROUND,
      });
      if (pending.length === 0) break;
      const resourceIds = [...new Set(pending.map((event) => event.resourceId))];
      const targets = await readBackTargets(db, source.types, resourceIds);
      const known = new Set(targets.map((target) => target.xeroId));
      const eventsOf = (ids: Set<string>) =>
        pending.filter((event) => ids.has(event.resourceId)).map((event) => event.id);
      await markWebhookEventsProcessed(db, eventsOf(new Set(resourceIds.filter((id) => !known.has(id)))));
      let toRead = resourceIds.filter((id) => known.has(id));
      const tail = toRead.length % source.idsPerRead;
      if (options.again && tail > 0 && stillArriving(pending, toRead.slice(-tail))) {
        toRead = toRead.slice(0, toRead.length - tail);
        await options.again();
      }
      for (let start = 0; start < toRead.length; start += source.idsPerRead) {
        const batch = toRead.slice(start, start + source.idsPerRead);
        const copies = await withXero(db, (api) => source.readByIds(api, batch));
        result.calls++;
        result.changed += await applyCopies(db, copies, targets);
        await markWebhookEventsProcessed(db, eventsOf(new Set(batch)));
      }
      if (pending.length < EVENTS_PER_ROUND) break;
    }
  }
  addContacts(result, await readBackContactEvents(db, connection.tenantId));
  if (result.calls > 0) logger.info(result, "Read back documents Xero's webhooks named.");
  return result;
}

/** Contacts are read back beside the documents (lib/sync/contact-read-back.ts), in the same round. */
function addContacts(result: ReadBackResult, contacts: ReadBackResult): void {
  result.changed += contacts.changed;
  result.calls += contacts.calls;
}

/** True when Xero is still delivering and the oldest of `ids`' events has not waited too long. */
function stillArriving(
  pending: readonly { resourceId: string; receivedAt: Date }[],
  ids: readonly string[],
): boolean {
  const now = Date.now();
  const newest = Math.max(...pending.map((event) => event.receivedAt.getTime()));
  const waiting = new Set(ids);
  const oldest = Math.min(
    ...pending.filter((event) => waiting.has(event.resourceId)).map((event) => event.receivedAt.getTime()),
  );
  return now - newest < GATHER_QUIET_MS && now - oldest < GATHER_MAX_MS;
}

/**
 * Reads what Xero changed since the last poll of each source the round covers (`If-Modified-Since`,
 * page by page, each call inside the shared rate budget) and stores it on the documents Factory
 * holds. Each source's cursor moves to the newest UpdatedDateUTC seen, so the next poll starts
 * there; a copy read twice (by a poll and a webhook, or two polls) changes nothing twice.
 */
export async function pollReadBack(
  db: Db,
  options: { round?: PollRound; webhooks?: boolean } = {},
): Promise<ReadBackResult> {
  const result: ReadBackResult = { changed: 0, calls: 0 };
  const connection = await getXeroConnection(db);
  if (!connection || connection.status !== "connected") return result;
  const tenantId = connection.tenantId;
  if (await pollWaitsForSends(db, tenantId)) {
    logger.info(
      { round: options.round ?? "all" },
      "Read-back poll skipped: under a quarter of today's Xero calls is left, kept for sending.",
    );
    return result;
  }
  for (const source of sourcesToPoll(options.round ?? "all", options.webhooks ?? false)) {
    const cursor = await getReadCursor(db, tenantId, source.resource);
    const since = cursor?.modifiedSince ?? (await firstSentAt(db, source.types));
    if (!since) {
      // Factory never sent one: nothing of ours can have changed.
      continue;
    }
    let newest = since;
    for (let page = 1; page <= MAX_POLL_PAGES; page++) {
      const { copies, more } = await withXero(db, (api) => source.readChangedSince(api, since, page));
      result.calls++;
      const targets = await readBackTargets(
        db,
        source.types,
        copies.map((copy) => copy.id),
      );
      result.changed += await applyCopies(db, copies, targets);
      for (const copy of copies) if (copy.updatedAt > newest) newest = copy.updatedAt;
      if (!more) break;
    }
    await saveReadCursor(db, { tenantId, resource: source.resource, modifiedSince: newest });
  }
  if (pollsWebhookSources(options.round ?? "all", options.webhooks ?? false))
    addContacts(result, await pollContactReadBack(db, tenantId));
  if (result.changed > 0)
    logger.info({ ...result, round: options.round ?? "all" }, "Read back documents Xero changed.");
  return result;
}
