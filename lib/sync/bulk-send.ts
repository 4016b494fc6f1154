import { createHash } from "node:crypto";
import type { Db, Executor } from "@/lib/db/client";
import { documentIds, loadSyncDocuments, type SyncDocument } from "@/lib/db/queries/sync-documents";
import {
  claimSyncStates,
  endRefusedRequests,
  markSentMany,
  savePendingCreates,
  type SentRow,
  insertSyncLog,
  listPendingBatch,
  listPendingBatchKeys,
  listUnsentIds,
  releaseSyncState,
  requestSend,
  type SyncLogInput,
} from "@/lib/db/queries/sync-states";
import type { DocumentSyncState, SyncDocumentType } from "@/lib/db/schema";
import {
  createXeroDocuments,
  type XeroDocumentPayload,
  type XeroElementResult,
} from "@/lib/xero/api/documents";
import { MappingError } from "@/lib/xero/mappers";
import { withXero, type XeroApi } from "@/lib/xero/api/session";
import { MAX_ADMISSION_WAIT_MS } from "@/lib/xero/rate-limit";
import { enqueueDocuments } from "./enqueue";
import { judgeFailure, recordSendFailure } from "./outcome";
import { ENDPOINT, loadPayloadInputs, mapDocument, payloadHash, withNotes } from "./payload";
import { isDefiniteRefusal, planSend } from "./planner";
import { loadSendFacts } from "./send-facts";
import type { SendOptions } from "./send-document";

/** Xero recommends batches of up to 50 elements per request (docs/xero/api-behaviour.md#batches-summarizeerrors-and-idempotency; ~3.5 MB cap). */
export const BATCH_SIZE = 50;

/**
 * Batches being prepared, sent or settled at once. Twice Xero's 5 concurrent calls per organisation
 * (docs/xero/api-behaviour.md#rate-limits): the shared limiter still lets only 5 calls fly, while the other batches are read
 * and written in the database, so the calls are paced by Xero's budget rather than by Postgres.
 */
const BULK_CONCURRENCY = 10;

/**
 * How long a batch may wait for its turn under Xero's limits: at Xero's 60 calls a minute, ten
 * batches queue for most of a minute window (docs/xero/api-behaviour.md#rate-limits), and a batch
 * that gave up would hand its 50 documents to the single path. So, as long as the documents' lease
 * leaves room for the call after the wait (and 15 s for the database), never less than a single
 * send waits.
 */
function batchWaitMs(options: SendOptions): number {
  return Math.max(MAX_ADMISSION_WAIT_MS, options.leaseMs - options.timeoutMs - 15_000);
}

/** What a bulk send did, per document. */
export interface BulkReport {
  sent: number;
  failed: number;
  /** Every plan but a plain create (and mapping problems): sent on their own instead. */
  handedOver: number;
  calls: number;
}

/**
 * "Send all unsent" for one type: every document never sent goes in batches of 50 with
 * `summarizeErrors=false`, each answered on its own (one bad document fails alone). Each batch is
 * persisted before the call (documents' payloads, their place in the batch and the batch key), so a
 * batch whose answer was lost is rebuilt byte for byte and replayed under the same key.
 */
export async function sendAllUnsent(
  db: Db,
  type: SyncDocumentType,
  options: SendOptions,
): Promise<BulkReport> {
  const report: BulkReport = { sent: 0, failed: 0, handedOver: 0, calls: 0 };
  for (const key of await listPendingBatchKeys(db, type)) {
    await withXero(db, (api) => replayBatch(db, api, type, key), { timeoutMs: options.timeoutMs });
    report.calls++;
  }
  const unsent = await listUnsentIds(db, type, await documentIds(db, type));
  await requestSend(db, type, unsent, { newRevision: false });
  const chunks: string[][] = [];
  for (let start = 0; start < unsent.length; start += BATCH_SIZE)
    chunks.push(unsent.slice(start, start + BATCH_SIZE));
  const failures: unknown[] = [];
  const runner = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      try {
        await sendBatch(db, type, chunk, options, report);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: BULK_CONCURRENCY }, runner));
  // A batch Xero could not answer is recorded per document, each rescheduled on the single path
  // (which replays the batch under its key); what still throws here (the database) fails the bulk
  // job for pg-boss to retry.
  if (failures.length > 0) throw failures[0];
  return report;
}

async function sendBatch(
  db: Db,
  type: SyncDocumentType,
  ids: string[],
  options: SendOptions,
  report: BulkReport,
): Promise<void> {
  try {
    await sendPreparedBatch(db, type, await prepareBatch(db, type, ids, options, report), options, report);
  } finally {
    options.held?.delete(type, ids);
  }
}

async function sendPreparedBatch(
  db: Db,
  type: SyncDocumentType,
  batch: BatchItem[],
  options: SendOptions,
  report: BulkReport,
): Promise<void> {
  if (batch.length === 0) return;
  const started = performance.now();
  const key = batchKey(type, batch);
  await savePendingCreates(
    db,
    type,
    batch.map((item, index) => ({
      recordId: item.doc.id,
      pendingCreate: {
        idempotencyKey: key,
        revision: item.state.revision,
        payload: item.payload,
        batchIndex: index,
        ...(item.notes.length > 0 ? { notes: item.notes } : {}),
      },
    })),
  );
  report.calls++;
  try {
    const results = await withXero(
      db,
      (api) =>
        createXeroDocuments(
          api,
          ENDPOINT[type],
          batch.map((b) => b.payload),
          key,
        ),
      { timeoutMs: options.timeoutMs, maxWaitMs: batchWaitMs(options) },
    );
    await db.transaction((tx) => settleBatch(tx, type, batch, results, performance.now() - started, report));
  } catch (error) {
    if (isDefiniteRefusal(error)) {
      await endRefusedRequests(
        db,
        type,
        batch.map((item) => item.doc.id),
      );
    }
    for (const item of batch) {
      const verdict = judgeFailure(error, item.state.attempts, options.retry);
      await recordSendFailure(db, { type, id: item.doc.id, number: item.doc.number }, verdict, {
        operation: "bulk create",
        attempt: item.state.attempts,
        durationMs: performance.now() - started,
      });
    }
  }
}

interface BatchItem {
  doc: SyncDocument;
  state: DocumentSyncState;
  payload: XeroDocumentPayload;
  /** What the payload shortened to Xero's limits. */
  notes: string[];
}

/**
 * Claims the documents and asks the planner about each: only plain creates (linked party, no order
 * draft to take over, nothing already in Xero) go in the batch; every other plan is handed to the
 * single-document path, which carries it out with the right message.
 */
async function prepareBatch(
  db: Db,
  type: SyncDocumentType,
  ids: string[],
  options: SendOptions,
  report: BulkReport,
): Promise<BatchItem[]> {
  const claimed = await claimSyncStates(db, type, ids, options.leaseMs);
  options.held?.add(
    type,
    claimed.map((state) => state.recordId),
  );
  const loaded: { state: DocumentSyncState; doc: SyncDocument }[] = [];
  const docs = await loadSyncDocuments(
    db,
    type,
    claimed.map((state) => state.recordId),
  );
  for (const state of claimed) {
    const doc = docs.get(state.recordId);
    if (doc) loaded.push({ state, doc });
    else await releaseSyncState(db, type, state.recordId, { state: "not_sent" });
  }
  const facts = await loadSendFacts(db, loaded);
  const creates = loaded.filter(({ doc }) => {
    const fact = facts.get(doc.id);
    const plan = fact && planSend(fact);
    // A create that must then move on (a quote accepted before it was sent), or a credit note to be
    // allocated once created, goes the single way.
    return plan?.kind === "create" && !plan.createContact && !plan.then && !plan.allocateTo;
  });
  const handOver = new Set(loaded.map(({ doc }) => doc.id));
  const inputs = await loadPayloadInputs(
    db,
    type,
    creates.map((l) => l.doc),
  );
  const items: BatchItem[] = [];
  for (const { state, doc } of creates) {
    try {
      const notes: string[] = [];
      items.push({ doc, state, payload: mapDocument(doc, inputs, options.appUrl, notes), notes });
      handOver.delete(doc.id);
    } catch (error) {
      // A setting to fix: the single-document path holds it with the right message.
      if (!(error instanceof MappingError)) throw error;
    }
  }
  // Handed back unattempted: the claim's count is undone, so the single path's claim is this
  // document's attempt, counted once (docs/sync.md: the sync log's attempts only go up by one).
  const claimedAttempts = new Map(claimed.map((state) => [state.recordId, state.attempts]));
  for (const id of handOver) {
    const attempts = Math.max(0, (claimedAttempts.get(id) ?? 1) - 1);
    await releaseSyncState(db, type, id, { state: "queued", attempts });
  }
  await enqueueDocuments(
    db,
    [...handOver].map((id) => ({ type, id })),
  );
  report.handedOver += handOver.size;
  return items;
}

/** The same documents at the same revisions always make the same key. */
function batchKey(
  type: SyncDocumentType,
  batch: { doc: { id: string }; state: { revision: number } }[],
): string {
  const hash = createHash("sha256");
  for (const item of batch) hash.update(`${item.doc.id}:${item.state.revision};`);
  return `factory-bulk-${type}-${hash.digest("hex").slice(0, 40)}`;
}

async function settleBatch(
  db: Executor,
  type: SyncDocumentType,
  batch: BatchItem[],
  results: XeroElementResult[],
  durationMs: number,
  report: BulkReport,
): Promise<void> {
  const log: SyncLogInput[] = [];
  const sent: SentRow[] = [];
  const refused: string[] = [];
  for (const [index, item] of batch.entries()) {
    const result = results[index];
    const base = {
      recordType: type,
      recordId: item.doc.id,
      recordNumber: item.doc.number,
      operation: "bulk create",
      durationMs,
      attempt: item.state.attempts,
    };
    if (result?.ok) {
      sent.push({
        recordId: item.doc.id,
        revision: item.state.revision,
        xeroId: result.document.id,
        xeroNumber: result.document.number,
        xeroStatus: result.document.status,
        xeroTotal: result.document.total,
        factoryTotal: item.doc.total,
        xeroCurrencyRate: result.document.currencyRate,
        xeroNotes: item.notes.length > 0 ? item.notes : null,
        sentSnapshot: result.document.snapshot,
        payloadHash: payloadHash(item.payload),
        xeroUpdatedAt: result.document.updatedAt,
      });
      log.push({
        ...base,
        outcome: "success",
        xeroId: result.document.id,
        message: withNotes(`Xero number ${result.document.number ?? "—"}`, item.notes),
      });
      report.sent++;
    } else {
      const message = result?.errors.join("; ") ?? "Xero did not answer for this document.";
      await releaseSyncState(db, type, item.doc.id, { state: "failed", lastError: message });
      refused.push(item.doc.id);
      log.push({ ...base, outcome: "failed", message, httpStatus: 200 });
      report.failed++;
    }
  }
  await markSentMany(db, type, sent);
  await endRefusedRequests(db, type, refused);
  await insertSyncLog(db, log);
}

/**
 * Replays a batch left in doubt: the stored payloads, in their stored order, under the stored key,
 * so Xero answers from its idempotency store (or creates them now if the first call never arrived).
 */
export async function replayBatch(
  db: Db,
  api: XeroApi,
  type: SyncDocumentType,
  key: string,
): Promise<Map<string, XeroElementResult>> {
  const states = await listPendingBatch(db, key);
  const answers = new Map<string, XeroElementResult>();
  if (states.length === 0) return answers;
  const started = performance.now();
  const results = await createXeroDocuments(
    api,
    ENDPOINT[type],
    states.map((s) => s.pendingCreate?.payload as XeroDocumentPayload),
    key,
  );
  const batch: BatchItem[] = [];
  const docs = await loadSyncDocuments(
    db,
    type,
    states.map((state) => state.recordId),
  );
  for (const state of states) {
    const doc = docs.get(state.recordId);
    if (doc)
      batch.push({
        doc,
        state: { ...state, revision: state.pendingCreate?.revision ?? state.revision },
        payload: state.pendingCreate?.payload as XeroDocumentPayload,
        notes: state.pendingCreate?.notes ?? [],
      });
  }
  states.forEach((state, index) => {
    const result = results[index];
    if (result) answers.set(state.recordId, result);
  });
  await settleBatch(
    db,
    type,
    batch,
    batch.map((b) => answers.get(b.doc.id) ?? { ok: false, errors: ["No answer"] }),
    performance.now() - started,
    {
      sent: 0,
      failed: 0,
      handedOver: 0,
      calls: 0,
    },
  );
  return answers;
}
