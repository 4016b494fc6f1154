import type { PgBoss } from "pg-boss";
import type { Db, Executor } from "@/lib/db/client";
import { clearContactIssue, listPendingContactCreates } from "@/lib/db/queries/xero-links";
import type { PartyKind } from "@/lib/db/schema";
import { RecordError } from "@/lib/errors";
import { continueStalledImport } from "@/lib/linking/contact-import";
import { ensureXeroContact, syncPartyContact } from "@/lib/linking/contacts";
import { XeroError } from "@/lib/xero/api/errors";
import { executorDatabase, getSyncProducer } from "./boss";

/**
 * Background work for Xero contacts, on the same pg-boss worker as documents:
 * - `CONTACT_SYNC_QUEUE`: a customer or supplier changed; keep its linked contact current (name,
 *   email, phones, addresses), or finish a contact creation that waited for Xero. One job per
 *   record waiting at a time (stately + singleton key), so five quick edits cost one update.
 * - `CONTACT_RETRY_QUEUE`: every minute, creates the contacts of records saved while Xero was
 *   unreachable ("create_pending" on the record), oldest first, until Xero fails again; and carries
 *   on a contact import whose browser tab went away (`continueStalledImport`).
 */
export const CONTACT_SYNC_QUEUE = "xero-sync-contact";
export const CONTACT_RETRY_QUEUE = "xero-contact-retry";

export interface ContactSyncJob {
  kind: PartyKind;
  id: string;
}

/** Pending creations handled per minute: well inside Xero's 60 calls a minute (three calls each). */
const RETRY_BATCH = 15;

/** Producers that have created the queues already: creating them costs a round trip per call. */
const ensured = new WeakSet<PgBoss>();

export async function ensureContactQueues(boss: PgBoss): Promise<void> {
  if (ensured.has(boss)) return;
  await boss.createQueue(CONTACT_SYNC_QUEUE, {
    policy: "stately",
    retryLimit: 8,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 600,
    expireInSeconds: 180,
  });
  await boss.createQueue(CONTACT_RETRY_QUEUE, { policy: "singleton", retryLimit: 0 });
  ensured.add(boss);
}

/**
 * Queues "bring this record's Xero contact up to date" through the caller's transaction, so the
 * job commits with the edit (the outbox). Call it from `recordFactoryEvent` for customer and
 * supplier updates.
 */
export async function enqueueContactSync(tx: Executor, job: ContactSyncJob): Promise<void> {
  const boss = await getSyncProducer();
  await ensureContactQueues(boss);
  await boss.send(CONTACT_SYNC_QUEUE, job, {
    singletonKey: `${job.kind}:${job.id}`,
    db: executorDatabase(tx),
  });
}

/** Creates the contacts that waited for Xero; stops at the first sign Xero is still unavailable. */
export async function createPendingContacts(db: Db): Promise<number> {
  let created = 0;
  for (const pending of await listPendingContactCreates(db, RETRY_BATCH)) {
    try {
      const outcome = await ensureXeroContact(db, { kind: pending.kind, id: pending.partyId });
      if (outcome.status === "linked") created++;
    } catch (error) {
      if (error instanceof XeroError) break;
      // The record was deleted while it waited: nothing is left to create.
      if (error instanceof RecordError) await clearContactIssue(db, pending.kind, pending.partyId);
      else throw error;
    }
  }
  return created;
}

/**
 * Registers the contact handlers on a worker's pg-boss. The sync worker calls it at start-up,
 * next to its document queues.
 */
export async function registerContactJobs(
  boss: PgBoss,
  db: Db,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<void> {
  await ensureContactQueues(boss);
  await boss.work<ContactSyncJob>(
    CONTACT_SYNC_QUEUE,
    { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5, batchSize: 1 },
    async ([job]) => {
      if (job) await syncPartyContact(db, job.data);
    },
  );
  await boss.work(CONTACT_RETRY_QUEUE, async () => {
    await createPendingContacts(db);
    await continueStalledImport(db).catch((error: unknown) => {
      // Xero unreachable: the run keeps its cursor and its message; next minute tries again.
      if (!(error instanceof XeroError)) throw error;
    });
  });
  await boss.schedule(CONTACT_RETRY_QUEUE, "* * * * *");
}
