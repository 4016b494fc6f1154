import type { Executor } from "@/lib/db/client";
import { requestSend } from "@/lib/db/queries/sync-states";
import type { SyncDocumentType } from "@/lib/db/schema";
import { executorDatabase, getSyncProducer } from "./boss";
import { documentKey, SEND_BULK_QUEUE, SEND_DOCUMENT_QUEUE, type SendDocumentJob } from "./queues";

/**
 * Inserts send jobs through the caller's executor, so they commit with whatever else it writes.
 * A document has at most one job waiting (the queue's singleton key):
 * - sent now (no `startAfter`): a job already waiting is brought forward to now, so a change or
 *   "Retry now" does not sit behind a document's backoff or Xero's Retry-After;
 * - sent later (`startAfter`, a retry): a job already waiting stays as it is; it is due sooner, as
 *   it was queued while this one was running.
 */
export async function enqueueDocuments(
  tx: Executor,
  jobs: readonly SendDocumentJob[],
  options: { startAfter?: Date } = {},
): Promise<void> {
  if (jobs.length === 0) return;
  const boss = await getSyncProducer();
  const db = executorDatabase(tx);
  for (const job of jobs) {
    const data = { type: job.type, id: job.id };
    const singletonKey = documentKey(job);
    if (options.startAfter) {
      await boss.send(SEND_DOCUMENT_QUEUE, data, { singletonKey, startAfter: options.startAfter, db });
    } else {
      // 0 seconds from the database's now (pg-boss upsert pulls a deferred job forward to it).
      await boss.upsert(SEND_DOCUMENT_QUEUE, data, { singletonKey, startAfter: 0, db });
    }
  }
}

/**
 * "Send to Xero" / "Resend" / "Retry": queues the documents and their jobs in one transaction.
 * `newRevision` sends again even when Xero is already up to date.
 */
export async function sendDocumentsNow(
  tx: Executor,
  type: SyncDocumentType,
  ids: readonly string[],
  options: { newRevision: boolean } = { newRevision: false },
): Promise<void> {
  await requestSend(tx, type, ids, options);
  await enqueueDocuments(
    tx,
    ids.map((id) => ({ type, id })),
  );
}

/** Queues "Send all unsent" for one type: a single bulk job sends them in batches of 50. */
export async function enqueueBulkSend(tx: Executor, type: SyncDocumentType): Promise<void> {
  const boss = await getSyncProducer();
  await boss.send(SEND_BULK_QUEUE, { type }, { singletonKey: type, db: executorDatabase(tx) });
}
