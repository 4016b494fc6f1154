import { and, count, desc, eq, getTableColumns, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../client";
import {
  bills,
  documentSyncStates,
  invoices,
  syncLog,
  type DocumentSyncState,
  type PendingCreate,
  type SentSnapshot,
  type SyncDocumentType,
  type SyncLogEntry,
  type SyncOutcome,
  type SyncState,
} from "../schema";

export type SyncStatePatch = Partial<
  Pick<
    DocumentSyncState,
    | "state"
    | "sentRevision"
    | "xeroId"
    | "xeroNumber"
    | "xeroStatus"
    | "xeroTotal"
    | "factoryTotal"
    | "lastSentAt"
    | "lastError"
    | "attempts"
    | "nextAttemptAt"
    | "pendingCreate"
  >
>;

const pk = (type: SyncDocumentType, id: string) =>
  and(eq(documentSyncStates.recordType, type), eq(documentSyncStates.recordId, id));

/**
 * Records a Factory change of a document inside the change's transaction: the revision goes up, and
 * the document is queued when `queue` is set (auto-send on) or it is already in Xero (edits follow
 * the document there). A document locked in Xero stays locked. Returns whether a job is needed.
 */
export async function noteDocumentChange(
  tx: Executor,
  type: SyncDocumentType,
  id: string,
  queue: boolean,
): Promise<boolean> {
  const [row] = await tx.execute<{ state: SyncState }>(sql`
    insert into document_sync_states (record_type, record_id, state, revision)
    values (${type}, ${id}, ${queue ? "queued" : "not_sent"}, 1)
    on conflict (record_type, record_id) do update set
      revision = document_sync_states.revision + 1,
      state = case
        when document_sync_states.state = 'locked' then document_sync_states.state
        when ${queue} or document_sync_states.xero_id is not null then 'queued'::sync_state
        else document_sync_states.state end,
      next_attempt_at = case
        when document_sync_states.state <> 'locked' and (${queue} or document_sync_states.xero_id is not null)
        then null else document_sync_states.next_attempt_at end,
      updated_at = now()
    returning state`);
  return row?.state === "queued";
}

/**
 * "Send to Xero" / "Resend" / "Retry now": queues the documents whatever their state, at once (a
 * wait for Xero ends). `newRevision` makes the worker send again even when Xero already has the
 * latest revision (and lifts "locked"), and forgets the hash of what Xero last accepted, so the
 * payload goes even when it is the same (Factory's version over a copy changed in Xero). The
 * attempt count stays: only a success sets it back.
 */
export async function requestSend(
  tx: Executor,
  type: SyncDocumentType,
  ids: readonly string[],
  options: { newRevision: boolean },
): Promise<void> {
  if (ids.length === 0) return;
  const bump = options.newRevision
    ? sql`document_sync_states.revision + 1`
    : sql`document_sync_states.revision`;
  const hash = options.newRevision ? sql`null` : sql`document_sync_states.sent_payload_hash`;
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  await tx.execute(sql`
    insert into document_sync_states (record_type, record_id, state, revision)
    select ${type}::sync_document_type, id, 'queued'::sync_state, 1 from unnest(array[${list}]::uuid[]) as ids(id)
    on conflict (record_type, record_id) do update set
      revision = ${bump}, sent_payload_hash = ${hash}, state = 'queued', last_error = null,
      next_attempt_at = null, updated_at = now()`);
}

export async function getSyncState(
  db: Executor,
  type: SyncDocumentType,
  id: string,
): Promise<DocumentSyncState | undefined> {
  const [row] = await db.select().from(documentSyncStates).where(pk(type, id));
  return row;
}

export async function getSyncStates(
  db: Executor,
  type: SyncDocumentType,
  ids: readonly string[],
): Promise<DocumentSyncState[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(documentSyncStates)
    .where(and(eq(documentSyncStates.recordType, type), inArray(documentSyncStates.recordId, [...ids])));
}

/**
 * Takes the document for one sender (a worker's single send, or a bulk batch) until `leaseMs` from
 * now. Returns undefined when another sender holds it, or it is locked in Xero.
 */
export async function claimSyncState(
  db: Executor,
  type: SyncDocumentType,
  id: string,
  leaseMs: number,
): Promise<DocumentSyncState | undefined> {
  const [row] = await db
    .update(documentSyncStates)
    .set({
      state: "sending",
      leaseUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
      attempts: sql`${documentSyncStates.attempts} + 1`,
      lastAttemptAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        pk(type, id),
        sql`${documentSyncStates.state} <> 'locked'`,
        sql`(${documentSyncStates.leaseUntil} is null or ${documentSyncStates.leaseUntil} < now())`,
      ),
    )
    .returning();
  return row;
}

/** Claims many at once for a bulk batch; returns the ones it got. */
export async function claimSyncStates(
  db: Executor,
  type: SyncDocumentType,
  ids: readonly string[],
  leaseMs: number,
): Promise<DocumentSyncState[]> {
  if (ids.length === 0) return [];
  return db
    .update(documentSyncStates)
    .set({
      state: "sending",
      leaseUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
      attempts: sql`${documentSyncStates.attempts} + 1`,
      lastAttemptAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(documentSyncStates.recordType, type),
        inArray(documentSyncStates.recordId, [...ids]),
        sql`${documentSyncStates.state} <> 'locked'`,
        sql`(${documentSyncStates.leaseUntil} is null or ${documentSyncStates.leaseUntil} < now())`,
      ),
    )
    .returning();
}

/** Writes the outcome of a send and lets go of the lease. */
export async function releaseSyncState(
  db: Executor,
  type: SyncDocumentType,
  id: string,
  patch: SyncStatePatch,
): Promise<void> {
  await db
    .update(documentSyncStates)
    .set({ ...patch, leaseUntil: null, updatedAt: sql`now()` })
    .where(pk(type, id));
}

/**
 * Lets go of documents a stopping worker still holds mid-send: back to `queued`, lease cleared, so
 * the retried job is taken at once instead of after the lease. Only rows still `sending` change; a
 * send that settled meanwhile keeps its outcome. A create in doubt keeps its stored request
 * (`pendingCreate`), so the next sender replays it under the same Idempotency-Key.
 */
export async function releaseSendLeases(
  db: Executor,
  type: SyncDocumentType,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const released = await db
    .update(documentSyncStates)
    .set({ state: "queued", leaseUntil: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(documentSyncStates.recordType, type),
        inArray(documentSyncStates.recordId, [...ids]),
        eq(documentSyncStates.state, "sending"),
      ),
    )
    .returning({ id: documentSyncStates.recordId });
  return released.length;
}

/** Persists the create about to be sent, so a lost answer is resent byte for byte with the same key. */
export async function savePendingCreate(
  db: Executor,
  type: SyncDocumentType,
  id: string,
  pendingCreate: PendingCreate,
): Promise<void> {
  await db.update(documentSyncStates).set({ pendingCreate }).where(pk(type, id));
}

/**
 * After Xero refused a request for good (validation, locked, not found): forgets the stored create
 * and moves the documents to a new revision, so the next attempt — once the cause is fixed — is a
 * new request under a new Idempotency-Key, not a replay that Xero's idempotency store would answer
 * with the same refusal (docs/sync.md#a-definite-answer-ends-a-request-a-lost-answer-replays-it).
 */
export async function endRefusedRequests(
  db: Executor,
  type: SyncDocumentType,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(documentSyncStates)
    .set({ pendingCreate: null, revision: sql`${documentSyncStates.revision} + 1`, updatedAt: sql`now()` })
    .where(and(eq(documentSyncStates.recordType, type), inArray(documentSyncStates.recordId, [...ids])));
}

/**
 * Lets go of a Xero copy that is deleted (Xero can't undelete): the document's next send makes a new
 * one. For a cancelled order brought back in Factory, whose Xero copy its cancelling deleted.
 */
export async function forgetDeletedXeroCopy(
  db: Executor,
  type: SyncDocumentType,
  id: string,
): Promise<boolean> {
  const rows = await db
    .update(documentSyncStates)
    .set({
      state: "not_sent",
      xeroId: null,
      xeroNumber: null,
      xeroStatus: null,
      xeroTotal: null,
      xeroCurrencyRate: null,
      xeroNotes: null,
      sentRevision: null,
      sentPayloadHash: null,
      lastError: null,
      updatedAt: sql`now()`,
    })
    .where(and(pk(type, id), eq(documentSyncStates.xeroStatus, "DELETED")))
    .returning({ id: documentSyncStates.recordId });
  return rows.length > 0;
}

/**
 * The time of Xero's copy stored with what Factory learnt of it from its own call (`at`, the copy's
 * UpdatedDateUTC): never backwards, so a copy read back from before that call (older, or as old) is
 * not applied over it (lib/db/queries/read-back.ts stores only newer copies). None keeps the stored.
 */
function xeroCopyTime(at: Date | null | undefined): SQL {
  return sql`greatest(${documentSyncStates.xeroUpdatedAt}, ${at?.toISOString() ?? null}::timestamptz)`;
}

/**
 * What Xero said in answer to Factory's call, unless a newer copy (read back after the answer, before
 * it was stored) is stored already: then the stored value stays, as it is the later truth.
 */
function unlessNewerStored(stored: SQL, value: SQL, at: Date | null | undefined): SQL {
  return sql`case when ${documentSyncStates.xeroUpdatedAt} > ${at?.toISOString() ?? null}::timestamptz then ${stored} else ${value} end`;
}

/** Xero's status as Factory's own call learnt it, stored unless a newer copy is (see above). */
function statusFrom(known: { xeroStatus: string | null; xeroUpdatedAt: Date | null }) {
  return {
    xeroStatus: unlessNewerStored(
      sql`${documentSyncStates.xeroStatus}`,
      sql`${known.xeroStatus}::text`,
      known.xeroUpdatedAt,
    ),
    xeroUpdatedAt: xeroCopyTime(known.xeroUpdatedAt),
  };
}

/**
 * After a success: "sent" only if nobody changed the document meanwhile; otherwise it stays
 * queued, since the change's own job will send the newer revision. Xero's status and total are its
 * answer's, with the answer's UpdatedDateUTC ({@link xeroCopyTime}).
 */
export async function markSent(
  db: Executor,
  type: SyncDocumentType,
  id: string,
  sent: {
    revision: number;
    xeroId: string;
    xeroNumber: string | null;
    xeroStatus: string | null;
    xeroTotal: string | null;
    factoryTotal: string;
    xeroCurrencyRate: string | null;
    /** What was shortened to Xero's limits in this revision; none clears the last ones. */
    xeroNotes: readonly string[];
    /**
     * Xero's copy as it answered (what drift compares with); Factory's version is now Xero's, so any
     * "changed in Xero" is settled. Undefined keeps what is stored.
     */
    sentSnapshot?: SentSnapshot | null;
    /** The hash of the payload Xero accepted whole (`payloadHash`); undefined keeps what is stored. */
    payloadHash?: string;
    /** Xero's UpdatedDateUTC of the copy it answered with; null when it gave none. */
    xeroUpdatedAt: Date | null;
  },
): Promise<void> {
  await db
    .update(documentSyncStates)
    .set({
      ...(sent.payloadHash === undefined ? {} : { sentPayloadHash: sent.payloadHash }),
      state: sql`case when ${documentSyncStates.revision} > ${sent.revision} then 'queued'::sync_state else 'sent'::sync_state end`,
      sentRevision: sent.revision,
      xeroId: sent.xeroId,
      xeroNumber: sent.xeroNumber,
      ...statusFrom(sent),
      xeroTotal: unlessNewerStored(
        sql`${documentSyncStates.xeroTotal}`,
        sql`${sent.xeroTotal}::numeric`,
        sent.xeroUpdatedAt,
      ),
      factoryTotal: sent.factoryTotal,
      xeroCurrencyRate: sent.xeroCurrencyRate,
      xeroNotes: sent.xeroNotes.length > 0 ? [...sent.xeroNotes] : null,
      ...(sent.sentSnapshot === undefined
        ? {}
        : { sentSnapshot: sent.sentSnapshot, xeroDrift: null, xeroDriftAccepted: null }),
      lastSentAt: sql`now()`,
      lastError: null,
      attempts: 0,
      nextAttemptAt: null,
      pendingCreate: null,
      leaseUntil: null,
      updatedAt: sql`now()`,
    })
    .where(pk(type, id));
}

/**
 * The planner's "unchanged": the claimed revision's payload is the one Xero last accepted, so Xero
 * holds that revision too, as if it had been sent. "Sent", or queued again when the document changed
 * meanwhile; the attempt count is what it was before the claim (nothing was attempted).
 */
export async function markUnchanged(
  db: Executor,
  type: SyncDocumentType,
  id: string,
  claimed: { revision: number; attemptsBefore: number },
): Promise<void> {
  await db
    .update(documentSyncStates)
    .set({
      state: sql`case when ${documentSyncStates.revision} > ${claimed.revision} then 'queued'::sync_state else 'sent'::sync_state end`,
      sentRevision: claimed.revision,
      lastError: null,
      attempts: claimed.attemptsBefore,
      nextAttemptAt: null,
      leaseUntil: null,
      updatedAt: sql`now()`,
    })
    .where(pk(type, id));
}

/**
 * An invoice that took over its sales order's Xero draft is that same Xero document, so the
 * order's stored Xero status follows the invoice's (AUTHORISED, later PAID or VOIDED) instead of
 * showing the draft's. Does nothing when the order's Xero document is another one.
 */
export async function followOrderDraft(
  db: Executor,
  salesOrderId: string,
  sent: { xeroId: string; xeroStatus: string | null; xeroUpdatedAt: Date | null },
): Promise<void> {
  await db
    .update(documentSyncStates)
    .set({ ...statusFrom(sent), updatedAt: sql`now()` })
    .where(and(pk("sales_order", salesOrderId), eq(documentSyncStates.xeroId, sent.xeroId)));
}

/**
 * Xero's status of a document as a later step of its send learnt it without a fresh copy (a credit
 * note's allocation making it PAID): stored with the time of the copy that step read first, so a copy
 * read back from before the step (as old, or older) is not applied over it. A newer copy already
 * stored is kept.
 */
export async function storeXeroStatus(
  db: Executor,
  type: SyncDocumentType,
  id: string,
  known: { xeroStatus: string; xeroUpdatedAt: Date | null },
): Promise<void> {
  await db
    .update(documentSyncStates)
    .set({ ...statusFrom(known), updatedAt: sql`now()` })
    .where(pk(type, id));
}

export interface SyncLogInput {
  recordType: SyncDocumentType;
  recordId: string;
  recordNumber: string | null;
  operation: string;
  outcome: SyncOutcome;
  durationMs: number;
  message?: string | null;
  attempt: number;
  httpStatus?: number | null;
  xeroId?: string | null;
}

export async function insertSyncLog(db: Executor, entries: SyncLogInput | SyncLogInput[]): Promise<void> {
  const rows = Array.isArray(entries) ? entries : [entries];
  if (rows.length === 0) return;
  await db.insert(syncLog).values(rows.map((row) => ({ ...row, durationMs: Math.round(row.durationMs) })));
}

export interface SyncLogFilter {
  recordType?: SyncDocumentType;
  outcome?: SyncOutcome;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  recordId?: string;
  limit?: number;
}

/** A sync log entry with the order an invoice or bill belongs to, so the log can link to its page. */
export type SyncLogRow = SyncLogEntry & { salesOrderId: string | null; purchaseOrderId: string | null };

/** The conditions a sync log filter stands for (shared with the paged log, sync-log-pages.ts). */
export function syncLogConditions(filter: SyncLogFilter): (SQL | undefined)[] {
  return [
    filter.recordType ? eq(syncLog.recordType, filter.recordType) : undefined,
    filter.outcome ? eq(syncLog.outcome, filter.outcome) : undefined,
    filter.recordId ? eq(syncLog.recordId, filter.recordId) : undefined,
    filter.from ? gte(syncLog.at, new Date(`${filter.from}T00:00:00Z`)) : undefined,
    filter.to
      ? lt(syncLog.at, new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000))
      : undefined,
  ];
}

/** The sync log, newest first; invoices and bills carry their order's id (joined, not looked up per row). */
export async function listSyncLog(db: Executor, filter: SyncLogFilter = {}): Promise<SyncLogRow[]> {
  const conditions = syncLogConditions(filter);
  return db
    .select({
      ...getTableColumns(syncLog),
      salesOrderId: invoices.salesOrderId,
      purchaseOrderId: bills.purchaseOrderId,
    })
    .from(syncLog)
    .leftJoin(invoices, and(eq(syncLog.recordType, "invoice"), eq(invoices.id, syncLog.recordId)))
    .leftJoin(bills, and(eq(syncLog.recordType, "bill"), eq(bills.id, syncLog.recordId)))
    .where(and(...conditions))
    .orderBy(desc(syncLog.at))
    .limit(filter.limit ?? 200);
}

/** How many documents are in each state, for the overview. */
export async function countSyncStates(db: Executor): Promise<Record<SyncState, number>> {
  const rows = await db
    .select({ state: documentSyncStates.state, count: count() })
    .from(documentSyncStates)
    .groupBy(documentSyncStates.state);
  const counts = {
    not_sent: 0,
    queued: 0,
    sending: 0,
    sent: 0,
    failed: 0,
    waiting_reconnect: 0,
    waiting_for_contact: 0,
    locked: 0,
    waiting_for_xero: 0,
  } satisfies Record<SyncState, number>;
  for (const row of rows) counts[row.state] = row.count;
  return counts;
}

/** Documents in the given states, for retry-all and the resume sweep. */
export async function listSyncStatesIn(
  db: Executor,
  states: readonly SyncState[],
  limit = 1000,
): Promise<Pick<DocumentSyncState, "recordType" | "recordId">[]> {
  return db
    .select({ recordType: documentSyncStates.recordType, recordId: documentSyncStates.recordId })
    .from(documentSyncStates)
    .where(inArray(documentSyncStates.state, [...states]))
    .limit(limit);
}

/**
 * Documents stuck queued or sending whose job is lost: no sender holds them (the lease ran out), and
 * pg-boss holds no live job (created, retry or active) under the document's singleton key in
 * `sendQueue` — a worker killed more often than its job's retries allow leaves exactly this. The
 * state and its job are written in one transaction, so a committed state without a live job is never
 * a job still on its way; `olderThanMs` only spares the moment between a job ending and its sender
 * writing the outcome. Not those deliberately queued for later (Xero's rate limit), nor those a
 * running "Send all unsent" (`bulkQueue`, singleton key = the type) queued itself: it takes them
 * batch by batch, and sending them one by one instead would spend a call each. It owns only what it
 * queued since it started (a retried bulk job starts again, and takes only unsent documents); a
 * waiting bulk job owns nothing yet, and a document left sending is nobody's once its lease ran out.
 */
export async function listStaleSyncStates(
  db: Executor,
  olderThanMs: number,
  sendQueue: string,
  bulkQueue: string,
): Promise<Pick<DocumentSyncState, "recordType" | "recordId">[]> {
  return db
    .select({ recordType: documentSyncStates.recordType, recordId: documentSyncStates.recordId })
    .from(documentSyncStates)
    .where(
      and(
        inArray(documentSyncStates.state, ["queued", "sending"]),
        sql`${documentSyncStates.updatedAt} < now() - make_interval(secs => ${olderThanMs / 1000})`,
        sql`(${documentSyncStates.nextAttemptAt} is null or ${documentSyncStates.nextAttemptAt} <= now())`,
        sql`(${documentSyncStates.leaseUntil} is null or ${documentSyncStates.leaseUntil} < now())`,
        sql`not exists (
          select 1 from pgboss.job j
          where j.name = ${sendQueue}
            and j.singleton_key = ${documentSyncStates.recordType}::text || ':' || ${documentSyncStates.recordId}::text
            and j.state in ('created', 'retry', 'active')
        )`,
        sql`not (${documentSyncStates.state} = 'queued' and exists (
          select 1 from pgboss.job b
          where b.name = ${bulkQueue}
            and b.singleton_key = ${documentSyncStates.recordType}::text
            and b.state = 'active'
            and b.started_on <= ${documentSyncStates.updatedAt}
        ))`,
      ),
    )
    .limit(1000);
}

/**
 * Documents waiting for Xero (an outage, or its rate limit) whose next attempt is due: their own job
 * normally takes them; the sweep re-queues these in case it was lost.
 */
export async function listDueSyncStates(
  db: Executor,
): Promise<Pick<DocumentSyncState, "recordType" | "recordId">[]> {
  return db
    .select({ recordType: documentSyncStates.recordType, recordId: documentSyncStates.recordId })
    .from(documentSyncStates)
    .where(
      and(
        inArray(documentSyncStates.state, ["waiting_for_xero", "queued"]),
        sql`${documentSyncStates.nextAttemptAt} <= now()`,
        sql`(${documentSyncStates.leaseUntil} is null or ${documentSyncStates.leaseUntil} < now())`,
      ),
    )
    .limit(1000);
}

/**
 * Brings the next attempt of documents waiting for Xero forward to now, and returns them:
 * - those whose last attempt came before Xero last answered a call (`answeredAt`): Xero is back,
 *   so they go now rather than at the end of a long backoff; `quietMs` after their last attempt at
 *   the earliest, so a document Xero keeps answering with an error is not retried on every success;
 * - when Xero has not answered since, the one due first (a probe, so a long backoff never hides
 *   Xero's return from all of them at once).
 */
export async function bringForwardWaitingForXero(
  db: Executor,
  answeredAt: Date | null,
  quietMs: number,
): Promise<Pick<DocumentSyncState, "recordType" | "recordId">[]> {
  const answered = answeredAt ? sql`${answeredAt.toISOString()}::timestamptz` : sql`null::timestamptz`;
  const rows = await db.execute<{ record_type: SyncDocumentType; record_id: string }>(sql`
    with waiting as (
      select record_type, record_id, last_attempt_at, next_attempt_at from document_sync_states
      where state = 'waiting_for_xero' and next_attempt_at > now()
    ), woken as (
      select record_type, record_id from waiting
      where last_attempt_at < ${answered}
        and last_attempt_at < now() - make_interval(secs => ${quietMs / 1000})
    ), probe as (
      select record_type, record_id from waiting
      where not exists (select 1 from woken)
        and not exists (
          select 1 from document_sync_states
          where state = 'waiting_for_xero' and next_attempt_at <= now() + make_interval(secs => ${quietMs / 1000}))
      order by next_attempt_at limit 1
    )
    update document_sync_states s set next_attempt_at = now(), updated_at = now()
    from (select * from woken union select * from probe) due
    where s.record_type = due.record_type and s.record_id = due.record_id
    returning s.record_type, s.record_id`);
  return rows.map((row) => ({ recordType: row.record_type, recordId: row.record_id }));
}

/** The documents of one bulk batch whose answer may have been lost, in the order they were sent. */
export async function listPendingBatch(db: Executor, idempotencyKey: string): Promise<DocumentSyncState[]> {
  const rows = await db
    .select()
    .from(documentSyncStates)
    .where(sql`${documentSyncStates.pendingCreate}->>'idempotencyKey' = ${idempotencyKey}`);
  return rows.sort((a, b) => (a.pendingCreate?.batchIndex ?? 0) - (b.pendingCreate?.batchIndex ?? 0));
}

/** Bulk batches left in doubt for a type (their worker died before Xero's answer was stored). */
export async function listPendingBatchKeys(db: Executor, type: SyncDocumentType): Promise<string[]> {
  const rows = await db.execute<{ key: string }>(sql`
    select distinct pending_create->>'idempotencyKey' as key from document_sync_states
    where record_type = ${type} and pending_create ? 'batchIndex'`);
  return rows.map((row) => row.key);
}

/** Documents of a type that were never sent: no state row yet, or not_sent / failed without a Xero id. */
export async function listUnsentIds(
  db: Executor,
  type: SyncDocumentType,
  allIds: readonly string[],
): Promise<string[]> {
  const states = new Map((await getSyncStates(db, type, allIds)).map((s) => [s.recordId, s]));
  return allIds.filter((id) => {
    const state = states.get(id);
    return (
      !state ||
      (!state.xeroId && !state.pendingCreate && (state.state === "not_sent" || state.state === "failed"))
    );
  });
}

/**
 * Forgets every document's Xero copy, for Factory switching to a different organisation (the new
 * one has none of them); the sync log keeps the history. Call it next to `clearXeroLinks`.
 */
export async function resetDocumentSyncStates(tx: Executor): Promise<void> {
  await tx.delete(documentSyncStates).where(sql`true`);
}

/** One document's outcome in a bulk batch, for {@link markSentMany}. */
export interface SentRow {
  recordId: string;
  revision: number;
  xeroId: string;
  xeroNumber: string | null;
  xeroStatus: string | null;
  xeroTotal: string | null;
  factoryTotal: string;
  xeroCurrencyRate: string | null;
  /** What was shortened to Xero's limits; null for nothing. */
  xeroNotes: string[] | null;
  /** Xero's copy as it answered (what drift compares with); null where none is kept. */
  sentSnapshot: SentSnapshot | null;
  /** The hash of the payload Xero accepted (`payloadHash`). */
  payloadHash: string;
  /** Xero's UpdatedDateUTC of the copy it answered with; null when it gave none. */
  xeroUpdatedAt: Date | null;
}

/** {@link markSent} for a whole batch in one statement, Xero's status and total guarded the same way. */
export async function markSentMany(
  db: Executor,
  type: SyncDocumentType,
  rows: readonly SentRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    update document_sync_states s set
      state = case when s.revision > v."revision" then 'queued'::sync_state else 'sent'::sync_state end,
      sent_revision = v."revision", xero_id = v."xeroId", xero_number = v."xeroNumber",
      xero_status = case when s.xero_updated_at > v."xeroUpdatedAt" then s.xero_status else v."xeroStatus" end,
      xero_total = case when s.xero_updated_at > v."xeroUpdatedAt" then s.xero_total else v."xeroTotal" end,
      xero_updated_at = greatest(s.xero_updated_at, v."xeroUpdatedAt"), factory_total = v."factoryTotal",
      xero_currency_rate = v."xeroCurrencyRate", xero_notes = v."xeroNotes",
      sent_snapshot = v."sentSnapshot", xero_drift = null, xero_drift_accepted = null,
      sent_payload_hash = v."payloadHash",
      last_sent_at = now(), last_error = null, attempts = 0, next_attempt_at = null, pending_create = null,
      lease_until = null,
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(
      "recordId" uuid, "revision" int, "xeroId" uuid, "xeroNumber" text, "xeroStatus" text,
      "xeroTotal" numeric, "factoryTotal" numeric, "xeroCurrencyRate" numeric, "xeroNotes" jsonb,
      "sentSnapshot" jsonb, "payloadHash" text, "xeroUpdatedAt" timestamptz)
    where s.record_type = ${type} and s.record_id = v."recordId"`);
}

/** {@link savePendingCreate} for a whole batch in one statement. */
export async function savePendingCreates(
  db: Executor,
  type: SyncDocumentType,
  rows: readonly { recordId: string; pendingCreate: PendingCreate }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    update document_sync_states s set pending_create = v."pendingCreate"
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v("recordId" uuid, "pendingCreate" jsonb)
    where s.record_type = ${type} and s.record_id = v."recordId"`);
}
