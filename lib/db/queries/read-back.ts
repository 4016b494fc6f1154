import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "../client";
import {
  bills,
  documentSyncStates,
  invoices,
  xeroReadCursors,
  xeroWebhookEvents,
  type DocumentSyncState,
  type DriftDifference,
  type SyncDocumentType,
} from "../schema";

/** A webhook event as stored (lib/xero/webhooks.ts derives its id). */
export interface WebhookEventRow {
  id: string;
  tenantId: string;
  category: string;
  eventType: string;
  resourceId: string;
  eventDate: Date;
}

/**
 * Stores each event once (a replay has the same id, also within one call); returns how many were
 * new. One statement whatever the count: the events go as one JSON parameter, unpacked by
 * json_to_recordset, so the statement text (and its prepared plan) is the same for 1 event or 5,000,
 * and no per-row parameter list is built. A webhook waits on this before it is answered.
 */
export async function insertWebhookEvents(db: Executor, events: readonly WebhookEventRow[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows = JSON.stringify(
    events.map((event) => ({
      id: event.id,
      tenant_id: event.tenantId,
      category: event.category,
      event_type: event.eventType,
      resource_id: event.resourceId,
      event_date: event.eventDate.toISOString(),
    })),
  );
  const inserted = await db.execute<{ id: string }>(sql`
    insert into xero_webhook_events (id, tenant_id, category, event_type, resource_id, event_date)
    select id, tenant_id, category, event_type, resource_id, event_date
    from json_to_recordset(${rows}::json)
      as e(id text, tenant_id text, category text, event_type text, resource_id uuid, event_date timestamptz)
    on conflict (id) do nothing
    returning id`);
  return inserted.length;
}

/**
 * Events of one category waiting to be read back, oldest first, for one organisation. Events of
 * another organisation (an old connection's) are left as they are.
 */
export async function pendingWebhookEvents(
  db: Executor,
  input: { tenantId: string; category: string; limit: number },
): Promise<{ id: string; resourceId: string; receivedAt: Date }[]> {
  return db
    .select({
      id: xeroWebhookEvents.id,
      resourceId: xeroWebhookEvents.resourceId,
      receivedAt: xeroWebhookEvents.receivedAt,
    })
    .from(xeroWebhookEvents)
    .where(
      and(
        isNull(xeroWebhookEvents.processedAt),
        eq(xeroWebhookEvents.category, input.category),
        eq(xeroWebhookEvents.tenantId, input.tenantId.toLowerCase()),
      ),
    )
    .orderBy(asc(xeroWebhookEvents.receivedAt))
    .limit(input.limit);
}

export async function markWebhookEventsProcessed(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(xeroWebhookEvents)
    .set({ processedAt: sql`now()` })
    .where(and(inArray(xeroWebhookEvents.id, [...ids]), isNull(xeroWebhookEvents.processedAt)));
}

/** What read-back needs of a document Xero holds. */
export type ReadBackTarget = Pick<
  DocumentSyncState,
  "recordType" | "recordId" | "xeroId" | "xeroUpdatedAt" | "sentSnapshot" | "xeroDriftAccepted" | "state"
>;

/** The sync states of the given types whose Xero document is one of `xeroIds`. */
export async function readBackTargets(
  db: Executor,
  types: readonly SyncDocumentType[],
  xeroIds: readonly string[],
): Promise<ReadBackTarget[]> {
  if (xeroIds.length === 0) return [];
  return db
    .select({
      recordType: documentSyncStates.recordType,
      recordId: documentSyncStates.recordId,
      xeroId: documentSyncStates.xeroId,
      xeroUpdatedAt: documentSyncStates.xeroUpdatedAt,
      sentSnapshot: documentSyncStates.sentSnapshot,
      xeroDriftAccepted: documentSyncStates.xeroDriftAccepted,
      state: documentSyncStates.state,
    })
    .from(documentSyncStates)
    .where(
      and(
        inArray(documentSyncStates.recordType, [...types]),
        inArray(documentSyncStates.xeroId, [...xeroIds.map((id) => id.toLowerCase())]),
      ),
    );
}

/** What Xero says of a document now, as stored on its sync state. */
export interface ReadBackPatch {
  xeroStatus: string | null;
  xeroTotal: string | null;
  xeroAmountPaid: string | null;
  xeroAmountDue: string | null;
  xeroAmountCredited: string | null;
  xeroPaidOn: string | null;
  xeroDueDate: string | null;
  xeroUpdatedAt: Date;
  /** Undefined leaves the stored drift as it is (a document Factory sent nothing to compare with). */
  xeroDrift?: DriftDifference[] | null;
}

/**
 * Stores what Xero said of one document, only when Xero's copy is newer than the one stored
 * (UpdatedDateUTC): a replayed or late event changes nothing. Returns whether it changed.
 */
export async function applyReadBack(
  db: Executor,
  type: SyncDocumentType,
  id: string,
  patch: ReadBackPatch,
): Promise<boolean> {
  const updated = await db
    .update(documentSyncStates)
    .set({ ...patch, readBackAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(documentSyncStates.recordType, type),
        eq(documentSyncStates.recordId, id),
        or(
          isNull(documentSyncStates.xeroUpdatedAt),
          lt(documentSyncStates.xeroUpdatedAt, patch.xeroUpdatedAt),
        ),
      ),
    )
    .returning({ id: documentSyncStates.recordId });
  return updated.length > 0;
}

/**
 * {@link applyReadBack} for many documents in one statement; returns how many changed. Each row is
 * stored only when its copy is newer than the one stored.
 */
export async function applyReadBacks(
  db: Executor,
  rows: readonly { recordType: SyncDocumentType; recordId: string; patch: ReadBackPatch }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map(({ recordType, recordId, patch }) => ({
    recordType,
    recordId,
    ...patch,
    xeroUpdatedAt: patch.xeroUpdatedAt.toISOString(),
    keepDrift: patch.xeroDrift === undefined,
    xeroDrift: patch.xeroDrift ?? null,
  }));
  const changed = await db.execute<{ id: string }>(sql`
    update document_sync_states s set
      xero_status = v."xeroStatus", xero_total = v."xeroTotal", xero_amount_paid = v."xeroAmountPaid",
      xero_amount_due = v."xeroAmountDue", xero_amount_credited = v."xeroAmountCredited",
      xero_paid_on = v."xeroPaidOn", xero_due_date = v."xeroDueDate", xero_updated_at = v."xeroUpdatedAt",
      xero_drift = case when v."keepDrift" then s.xero_drift else v."xeroDrift" end,
      read_back_at = now(), updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(
      "recordType" sync_document_type, "recordId" uuid, "xeroStatus" text, "xeroTotal" numeric,
      "xeroAmountPaid" numeric, "xeroAmountDue" numeric, "xeroAmountCredited" numeric, "xeroPaidOn" date,
      "xeroDueDate" date, "xeroUpdatedAt" timestamptz, "keepDrift" boolean, "xeroDrift" jsonb)
    where s.record_type = v."recordType" and s.record_id = v."recordId"
      and (s.xero_updated_at is null or s.xero_updated_at < v."xeroUpdatedAt")
    returning s.record_id as id`);
  return changed.length;
}

/**
 * Invoices and bills Xero now says are PAID become paid in Factory too, so the page's status and its
 * Xero card agree (and a paid document is no longer offered for editing). Only forward: a draft or
 * awaiting-payment document becomes paid; a voided one stays voided, and a payment removed in Xero
 * shows on the card (Xero's status and amounts) without moving Factory's status back. Each move is
 * in the document's history as Xero's doing (no user). Returns how many moved.
 */
export async function followXeroPayments(
  db: Executor,
  targets: readonly { recordType: SyncDocumentType; recordId: string }[],
): Promise<number> {
  let moved = 0;
  for (const { type, table, unpaid } of PAYABLE) {
    const ids = targets.filter((t) => t.recordType === type).map((t) => t.recordId);
    if (ids.length === 0) continue;
    const rows = await db.execute<{ id: string }>(sql`
      with moved as (
        update ${sql.identifier(table)} d set status = 'paid', version = d.version + 1, updated_at = now()
        from document_sync_states s
        where s.record_type = ${type} and s.record_id = d.id and s.xero_status = 'PAID'
          and d.status::text in ${sqlList(unpaid, "text")} and d.id in ${sqlList(ids, "uuid")}
        returning d.id, s.xero_paid_on
      )
      insert into audit_events (entity_type, entity_id, action, after)
      select ${type}::text, id::text, 'xero_paid', jsonb_build_object('paidOn', xero_paid_on) from moved
      returning entity_id as id`);
    moved += rows.length;
  }
  return moved;
}

/** The documents Xero can hold as PAID, and their Factory statuses that may still become paid. */
const PAYABLE = [
  { type: "invoice", table: "invoices", unpaid: ["draft", "issued"] },
  { type: "bill", table: "bills", unpaid: ["draft", "awaiting_payment"] },
] as const satisfies readonly { type: SyncDocumentType; table: string; unpaid: readonly string[] }[];

/** `(v1::cast, v2::cast, …)` for an `in` list. */
const sqlList = (values: readonly string[], cast: "uuid" | "text") =>
  sql`(${sql.join(
    values.map((value) => sql`${value}::${sql.raw(cast)}`),
    sql`, `,
  )})`;

/** The poller's place for one organisation and Xero resource. */
export async function getReadCursor(
  db: Executor,
  tenantId: string,
  resource: string,
): Promise<{ modifiedSince: Date | null; polledAt: Date | null } | undefined> {
  const [row] = await db
    .select({ modifiedSince: xeroReadCursors.modifiedSince, polledAt: xeroReadCursors.polledAt })
    .from(xeroReadCursors)
    .where(and(eq(xeroReadCursors.tenantId, tenantId), eq(xeroReadCursors.resource, resource)));
  return row;
}

/** Moves the poller's place forward (never back) and notes when it polled. */
export async function saveReadCursor(
  db: Executor,
  input: { tenantId: string; resource: string; modifiedSince: Date | null },
): Promise<void> {
  await db
    .insert(xeroReadCursors)
    .values({ ...input, polledAt: sql`now()` })
    .onConflictDoUpdate({
      target: [xeroReadCursors.tenantId, xeroReadCursors.resource],
      set: {
        modifiedSince: sql`greatest(${xeroReadCursors.modifiedSince}, excluded.modified_since)`,
        polledAt: sql`now()`,
      },
    });
}

/** Where the poller starts for a resource it never read: the first send to Xero of those types. */
export async function firstSentAt(db: Executor, types: readonly SyncDocumentType[]): Promise<Date | null> {
  const [row] = await db
    .select({
      at: sql<Date | null>`min(${documentSyncStates.lastSentAt})`.mapWith((v) =>
        v ? new Date(v as string) : null,
      ),
    })
    .from(documentSyncStates)
    .where(inArray(documentSyncStates.recordType, [...types]));
  return row?.at ?? null;
}

/** What a page needs to tell whether a document changed in Xero since it rendered (lib/sync/view.ts readBackStampOf). */
export async function getReadBackFields(db: Executor, type: SyncDocumentType, id: string) {
  const [row] = await db
    .select({
      xeroId: documentSyncStates.xeroId,
      xeroStatus: documentSyncStates.xeroStatus,
      xeroUpdatedAt: documentSyncStates.xeroUpdatedAt,
      lastSentAt: documentSyncStates.lastSentAt,
      state: documentSyncStates.state,
    })
    .from(documentSyncStates)
    .where(and(eq(documentSyncStates.recordType, type), eq(documentSyncStates.recordId, id)));
  return row;
}

/**
 * Staff accept that Xero's copy differs from what Factory sent: the differences are kept as accepted
 * and the drift cleared. False when there was no drift to accept.
 */
export async function acceptDrift(db: Executor, type: SyncDocumentType, id: string): Promise<boolean> {
  const updated = await db
    .update(documentSyncStates)
    .set({ xeroDriftAccepted: sql`${documentSyncStates.xeroDrift}`, xeroDrift: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(documentSyncStates.recordType, type),
        eq(documentSyncStates.recordId, id),
        sql`${documentSyncStates.xeroDrift} is not null`,
      ),
    )
    .returning({ id: documentSyncStates.recordId });
  return updated.length > 0;
}

/** What is owed per currency, from Xero's figures: by customers (invoices) or to suppliers (bills). */
export interface OwedTotal {
  currency: string;
  /** Xero's AmountDue summed over approved, unpaid documents. */
  due: string;
  unpaid: number;
  overdue: number;
}

export interface OwedSummary {
  customers: OwedTotal[];
  suppliers: OwedTotal[];
  /** Documents whose Xero copy someone changed in Xero (drift not accepted). */
  changedInXero: number;
}

/** The overview's money: what customers owe and what is owed to suppliers, and drift, in one round trip each. */
export async function owedSummary(db: Executor, today: string): Promise<OwedSummary> {
  const owed = async (type: "invoice" | "bill") => {
    const table = type === "invoice" ? invoices : bills;
    const s = documentSyncStates;
    return db
      .select({
        currency: table.currency,
        due: sql<string>`coalesce(sum(${s.xeroAmountDue}), 0)::numeric(16,2)::text`,
        unpaid: sql<number>`count(*)::int`,
        overdue: sql<number>`(count(*) filter (where ${s.xeroDueDate} < ${today}::date))::int`,
      })
      .from(s)
      .innerJoin(table, eq(table.id, s.recordId))
      .where(and(eq(s.recordType, type), eq(s.xeroStatus, "AUTHORISED"), sql`${s.xeroAmountDue} > 0`))
      .groupBy(table.currency)
      .orderBy(table.currency);
  };
  const [customers, suppliers, [drift]] = await Promise.all([
    owed("invoice"),
    owed("bill"),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(documentSyncStates)
      .where(sql`${documentSyncStates.xeroDrift} is not null`),
  ]);
  return { customers, suppliers, changedInXero: drift?.n ?? 0 };
}
