import type { Db } from "@/lib/db/client";
import {
  applyContactReadBacks,
  firstContactKnownAt,
  partiesLinkedTo,
} from "@/lib/db/queries/contact-read-back";
import {
  getReadCursor,
  markWebhookEventsProcessed,
  pendingWebhookEvents,
  saveReadCursor,
} from "@/lib/db/queries/read-back";
import { followContactMerge } from "@/lib/linking/contacts";
import { logger } from "@/lib/ops/logger";
import {
  READ_BACK_CONTACT_IDS,
  readContactsByIds,
  readContactsChangedSince,
  type XeroContactCopy,
} from "@/lib/xero/api/contact-read-back";
import { withXero } from "@/lib/xero/api/session";
import { resumeContactHolds } from "./resume";

/**
 * Read-back of the contacts Factory links (docs/sync.md#read-back), beside the document sources of
 * `lib/sync/read-back.ts`: CONTACT webhook events, or without webhooks the poller, name the contacts
 * that changed; the worker reads the linked ones by ID in batches and stores Xero's name, status,
 * MergedToContactID and UpdatedDateUTC on the contact cache, only when newer. Then Factory follows:
 * a merge re-links the party to the surviving contact, and a contact active again (or a party
 * re-linked) lets its held documents go; whether a document waits is the planner's to say.
 */

/** The webhook category and the poller's cursor name. */
export const CONTACT_CATEGORY = "CONTACT";
export const CONTACT_RESOURCE = "Contacts";

/** How many pending events one round takes. */
const EVENTS_PER_ROUND = 1000;
/** A poll reads at most this many pages (of 100) before leaving the rest to the next poll. */
const MAX_POLL_PAGES = 20;

export interface ContactReadBackResult {
  /** Contacts whose status, name or merge Factory learnt of. */
  changed: number;
  /** Calls made to Xero (reads and the reads of following a merge). */
  calls: number;
}

/**
 * Stores Xero's copies of the contacts Factory links and follows what they say. Copies of contacts
 * no party links are ignored. Returns how many told Factory something new (status, name, a merge).
 */
export async function applyContactCopies(db: Db, copies: readonly XeroContactCopy[]): Promise<number> {
  const linked = await partiesLinkedTo(
    db,
    copies.map((copy) => copy.id),
  );
  const linkedIds = new Set(linked.map((party) => party.contactId));
  const ours = copies.filter((copy) => linkedIds.has(copy.id));
  const changed = await applyContactReadBacks(
    db,
    ours.map((copy) => ({
      contactId: copy.id,
      name: copy.name,
      contactNumber: copy.contactNumber,
      email: copy.email,
      status: copy.status,
      mergedToContactId: copy.mergedToContactId,
      isCustomer: copy.isCustomer,
      isSupplier: copy.isSupplier,
      xeroUpdatedAt: copy.updatedAt,
    })),
  );
  const byId = new Map(ours.map((copy) => [copy.id, copy]));
  let resume = false;
  let learnt = 0;
  for (const { contactId, previous } of changed) {
    const copy = byId.get(contactId);
    if (!copy) continue;
    // A newer copy saying what Factory already knew (say, the first read of a contact it linked) is
    // stored for its UpdatedDateUTC but is no news.
    if (
      previous?.status === copy.status &&
      previous.name === copy.name &&
      previous.mergedToContactId === copy.mergedToContactId
    )
      continue;
    learnt++;
    if (copy.status === "ACTIVE" && previous && previous.status !== "ACTIVE") resume = true;
    if (copy.status !== "ARCHIVED" || !copy.mergedToContactId || copy.mergedToContactId === copy.id) continue;
    for (const party of linked.filter((p) => p.contactId === contactId)) {
      const outcome = await followContactMerge(db, party, { from: contactId, to: copy.mergedToContactId });
      if (outcome.followed) resume = true;
      else if (outcome.reason)
        logger.warn(
          { party: party.code, contactId, mergedTo: copy.mergedToContactId, reason: outcome.reason },
          "A contact merged in Xero could not be followed.",
        );
    }
  }
  if (resume) await resumeContactHolds(db);
  return learnt;
}

/**
 * Reads back the contacts Xero's stored CONTACT events name, {@link READ_BACK_CONTACT_IDS} a call.
 * Events for contacts Factory does not link are done without a call. Nothing happens while Xero is
 * not connected: the events wait.
 */
export async function readBackContactEvents(db: Db, tenantId: string): Promise<ContactReadBackResult> {
  const result: ContactReadBackResult = { changed: 0, calls: 0 };
  for (;;) {
    const pending = await pendingWebhookEvents(db, {
      tenantId,
      category: CONTACT_CATEGORY,
      limit: EVENTS_PER_ROUND,
    });
    if (pending.length === 0) break;
    const resourceIds = [...new Set(pending.map((event) => event.resourceId.toLowerCase()))];
    const linked = new Set((await partiesLinkedTo(db, resourceIds)).map((party) => party.contactId));
    const eventsOf = (ids: Set<string>) =>
      pending.filter((event) => ids.has(event.resourceId.toLowerCase())).map((event) => event.id);
    await markWebhookEventsProcessed(db, eventsOf(new Set(resourceIds.filter((id) => !linked.has(id)))));
    const toRead = resourceIds.filter((id) => linked.has(id));
    for (let start = 0; start < toRead.length; start += READ_BACK_CONTACT_IDS) {
      const batch = toRead.slice(start, start + READ_BACK_CONTACT_IDS);
      const copies = await withXero(db, (api) => readContactsByIds(api, batch));
      result.calls++;
      result.changed += await applyContactCopies(db, copies);
      await markWebhookEventsProcessed(db, eventsOf(new Set(batch)));
    }
    if (pending.length < EVENTS_PER_ROUND) break;
  }
  if (result.calls > 0) logger.info(result, "Read back contacts Xero's webhooks named.");
  return result;
}

/**
 * Without webhooks: reads the contacts Xero changed since the last poll (`If-Modified-Since`, paged,
 * archived ones included, each call inside the shared rate budget) and stores those Factory links.
 * The cursor moves to the newest UpdatedDateUTC seen.
 */
export async function pollContactReadBack(db: Db, tenantId: string): Promise<ContactReadBackResult> {
  const result: ContactReadBackResult = { changed: 0, calls: 0 };
  const cursor = await getReadCursor(db, tenantId, CONTACT_RESOURCE);
  const since = cursor?.modifiedSince ?? (await firstContactKnownAt(db));
  // Nothing linked: nothing of ours can have changed.
  if (!since) return result;
  let newest = since;
  for (let page = 1; page <= MAX_POLL_PAGES; page++) {
    const { copies, more } = await withXero(db, (api) => readContactsChangedSince(api, since, page));
    result.calls++;
    result.changed += await applyContactCopies(db, copies);
    for (const copy of copies) if (copy.updatedAt > newest) newest = copy.updatedAt;
    if (!more) break;
  }
  await saveReadCursor(db, { tenantId, resource: CONTACT_RESOURCE, modifiedSince: newest });
  if (result.changed > 0) logger.info(result, "Read back contacts Xero changed.");
  return result;
}
