import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../client";
import type { SyncDocumentType, SyncState } from "../schema";

/** Each document type's documents with their numbers (both kinds of credit share one table). */
const DOCUMENT_NUMBERS: Record<SyncDocumentType, SQL> = {
  quote: sql`select id, number from quotes`,
  sales_order: sql`select id, number from sales_orders`,
  invoice: sql`select id, number from invoices`,
  purchase_order: sql`select id, number from purchase_orders`,
  bill: sql`select id, number from bills`,
  credit_note: sql`select id, number from credit_notes where kind = 'customer'`,
  supplier_credit: sql`select id, number from credit_notes where kind = 'supplier'`,
};

/** A document's sync state with the document's own number, for lists of documents of any type. */
export interface DocumentSyncRow {
  recordType: SyncDocumentType;
  recordId: string;
  number: string;
  state: SyncState;
  /** Xero's words, or why the document waits. */
  lastError: string | null;
  attempts: number;
  xeroNumber: string | null;
  updatedAt: Date;
}

/** Which documents: those in `states`, and/or those of one `type` among `ids`. */
export interface DocumentSyncFilter {
  states?: readonly SyncState[];
  type?: SyncDocumentType;
  ids?: readonly string[];
}

/** The sync states of the filter's documents joined to their numbers; null when it can match nothing. */
function filteredStates(filter: DocumentSyncFilter): SQL | null {
  if (filter.states?.length === 0 || filter.ids?.length === 0) return null;
  const types = filter.type ? [filter.type] : (Object.keys(DOCUMENT_NUMBERS) as SyncDocumentType[]);
  const numbers = sql.join(
    types.map(
      (type) =>
        sql`select ${type}::sync_document_type as record_type, id, number from (${DOCUMENT_NUMBERS[type]}) n`,
    ),
    sql` union all `,
  );
  const conditions: SQL[] = [sql`true`];
  if (filter.states) {
    const states = sql.join(
      filter.states.map((state) => sql`${state}::sync_state`),
      sql`, `,
    );
    conditions.push(sql`s.state in (${states})`);
  }
  if (filter.ids) conditions.push(sql`s.record_id = any(${`{${filter.ids.join(",")}}`}::uuid[])`);
  return sql`document_sync_states s
    join (${numbers}) d on d.record_type = s.record_type and d.id = s.record_id
    where ${sql.join(conditions, sql` and `)}`;
}

/**
 * Documents of any type with their sync state, latest change first (a document that no longer
 * exists is left out), at most `limit`.
 */
export async function listDocumentSyncRows(
  db: Executor,
  filter: DocumentSyncFilter,
  limit = 500,
): Promise<DocumentSyncRow[]> {
  const from = filteredStates(filter);
  if (!from) return [];
  const rows = await db.execute<{
    record_type: SyncDocumentType;
    record_id: string;
    number: string;
    state: SyncState;
    last_error: string | null;
    attempts: number;
    xero_number: string | null;
    updated_at: string | Date;
  }>(sql`
    select s.record_type, s.record_id, d.number, s.state, s.last_error, s.attempts, s.xero_number, s.updated_at
    from ${from}
    order by s.updated_at desc, d.number
    limit ${limit}`);
  return rows.map((row) => ({
    recordType: row.record_type,
    recordId: row.record_id,
    number: row.number,
    state: row.state,
    lastError: row.last_error,
    attempts: Number(row.attempts),
    xeroNumber: row.xero_number,
    updatedAt: new Date(row.updated_at),
  }));
}

/** How many documents {@link listDocumentSyncRows} would list with no limit. */
export async function countDocumentSyncRows(db: Executor, filter: DocumentSyncFilter): Promise<number> {
  const from = filteredStates(filter);
  if (!from) return 0;
  const [row] = await db.execute<{ count: number }>(sql`select count(*)::int as count from ${from}`);
  return Number(row?.count ?? 0);
}

/** The database's clock, which stamps `updated_at`: compare sync states with it, not the app's. */
export async function databaseNow(db: Executor): Promise<Date> {
  const [row] = await db.execute<{ now: string | Date }>(sql`select now() as now`);
  return new Date(row!.now);
}
