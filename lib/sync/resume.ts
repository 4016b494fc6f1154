import type { Db } from "@/lib/db/client";
import { loadSyncDocument } from "@/lib/db/queries/sync-documents";
import {
  bringForwardWaitingForXero,
  listDueSyncStates,
  listStaleSyncStates,
  getSyncStates,
  listSyncStatesIn,
} from "@/lib/db/queries/sync-states";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import type { SyncDocumentType } from "@/lib/db/schema";
import { applyDefaultMappings } from "@/lib/linking/default-mappings";
import { enqueueDocuments, sendDocumentsNow } from "./enqueue";
import { planSend } from "./planner";
import { loadSendFacts } from "./send-facts";
import { SEND_BULK_QUEUE, SEND_DOCUMENT_QUEUE } from "./queues";
import { logger } from "@/lib/ops/logger";

/**
 * A document queued or sending with no live lease and no live job has lost its job (its worker was
 * killed more often than the job's retries allow); after this grace it is queued again.
 */
const STALE_MS = 15_000;

/** The sweep's period: a document waiting for Xero is woken or probed at most this often. */
const SWEEP_MS = 60_000;

/**
 * Lets held documents go again once their reason has gone: everything waiting for a reconnect when
 * the connection works again, a document waiting for its contact once the party is linked to a
 * contact Xero takes documents for (the planner no longer holds it: restored in Xero, re-linked), any
 * document whose job was lost, and documents waiting for Xero once it answers again (or one of them
 * as a probe). Runs every minute on the worker; the reconnect flow may call it too. `quietMs`
 * (default a minute) is the least time between two attempts of one document it causes.
 */
export async function resumeHeldDocuments(db: Db, options: { quietMs?: number } = {}): Promise<number> {
  const ready: { recordType: SyncDocumentType; recordId: string }[] = [];
  const connection = await getXeroConnection(db);
  if (connection?.status === "connected") ready.push(...(await listSyncStatesIn(db, ["waiting_reconnect"])));
  ready.push(...(await contactHoldsOver(db)));
  ready.push(...(await listStaleSyncStates(db, STALE_MS, SEND_DOCUMENT_QUEUE, SEND_BULK_QUEUE)));
  for (const { recordType, recordId } of ready) {
    await db.transaction((tx) => sendDocumentsNow(tx, recordType, [recordId]));
  }
  // Waiting for Xero: the job goes, the document keeps its state and reason until it is claimed.
  const due = [
    ...(await listDueSyncStates(db)),
    ...(await bringForwardWaitingForXero(
      db,
      connection?.lastSuccessfulCallAt ?? null,
      options.quietMs ?? SWEEP_MS,
    )),
  ];
  for (const job of due)
    await db.transaction((tx) => enqueueDocuments(tx, [{ type: job.recordType, id: job.recordId }]));
  return ready.length + due.length;
}

/**
 * Documents waiting for their contact whose party is now linked to one Xero takes documents for:
 * linked since, or its archived contact restored in Xero (read back). The planner says whether a
 * document still waits (lib/sync/planner.ts `unusableContact`); nothing here decides it again.
 */
async function contactHoldsOver(db: Db): Promise<{ recordType: SyncDocumentType; recordId: string }[]> {
  const ready: { recordType: SyncDocumentType; recordId: string }[] = [];
  for (const held of await listSyncStatesIn(db, ["waiting_for_contact"])) {
    const doc = await loadSyncDocument(db, held.recordType, held.recordId);
    if (!doc?.party.xeroContactId) continue;
    const [state] = await getSyncStates(db, held.recordType, [held.recordId]);
    const facts = state && (await loadSendFacts(db, [{ doc, state }])).get(doc.id);
    const plan = facts && planSend(facts);
    if (plan?.kind === "wait" && plan.reason === "contact") continue;
    ready.push(held);
  }
  return ready;
}

/**
 * Sends at once the documents that waited for their contact and need not any more (a party linked or
 * re-linked by hand, a contact restored in Xero or a merge followed), rather than at the next
 * minute's sweep. Returns how many went.
 */
export async function resumeContactHolds(db: Db): Promise<number> {
  const ready = await contactHoldsOver(db);
  for (const { recordType, recordId } of ready) {
    await db.transaction((tx) => sendDocumentsNow(tx, recordType, [recordId]));
  }
  return ready.length;
}

/**
 * After a (re)connect: fills unset account and tax mappings from the organisation (so documents can
 * flow at once; the admin can change them), then sends what was held while Xero was disconnected
 * straight away rather than at the next minute's sweep. Failures are logged, never shown as a failed
 * connect: the Xero page still offers the settings, and the sweep retries the sending.
 */
export async function afterXeroConnect(db: Db, userId: string): Promise<void> {
  try {
    await applyDefaultMappings(db, userId);
  } catch (error) {
    logger.error({ err: error }, "Default Xero mappings not applied after connecting.");
  }
  try {
    await resumeHeldDocuments(db);
  } catch (error) {
    logger.error({ err: error }, "Resuming held documents failed.");
  }
}
