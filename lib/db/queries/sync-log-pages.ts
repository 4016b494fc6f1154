import { and, asc, desc, eq, getTableColumns, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { bills, invoices, syncLog } from "../schema";
import { syncLogConditions, type SyncLogFilter, type SyncLogRow } from "./sync-states";

/**
 * A place in the sync log: an entry's time to the microsecond (PostgreSQL's precision; a JavaScript
 * Date would round it and skip or repeat entries at a page's edge) and its id, which orders entries
 * logged in the same microsecond.
 */
export interface SyncLogCursor {
  at: string;
  id: string;
}

const CURSOR =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function formatSyncLogCursor(cursor: SyncLogCursor): string {
  return `${cursor.at}_${cursor.id}`;
}

/** A cursor from a URL; anything else (a stale or edited link) reads as none: the first page. */
export function parseSyncLogCursor(value: string): SyncLogCursor | undefined {
  const match = CURSOR.exec(value);
  return match?.[1] && match[2] ? { at: match[1], id: match[2] } : undefined;
}

export interface SyncLogPage {
  rows: (SyncLogRow & { cursor: SyncLogCursor })[];
  /** Where the previous (newer) and next (older) pages start, when there are any. */
  newer?: SyncLogCursor;
  older?: SyncLogCursor;
}

/**
 * One page of the sync log, newest first, by keyset: the `pageSize` entries older than `before`, or
 * newer than `after`, or the newest. Each page costs the same however deep it is, and a page stays
 * put while new attempts are logged above it.
 */
export async function listSyncLogPage(
  db: Executor,
  filter: SyncLogFilter,
  page: { pageSize: number; before?: SyncLogCursor; after?: SyncLogCursor },
): Promise<SyncLogPage> {
  const key = sql`(${syncLog.at}, ${syncLog.id})`;
  const towardsNewer = page.after !== undefined && page.before === undefined;
  const edge = page.before ?? page.after;
  const rows = await db
    .select({
      ...getTableColumns(syncLog),
      salesOrderId: invoices.salesOrderId,
      purchaseOrderId: bills.purchaseOrderId,
      cursorAt: sql<string>`to_char(${syncLog.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(syncLog)
    .leftJoin(invoices, and(eq(syncLog.recordType, "invoice"), eq(invoices.id, syncLog.recordId)))
    .leftJoin(bills, and(eq(syncLog.recordType, "bill"), eq(bills.id, syncLog.recordId)))
    .where(
      and(
        ...syncLogConditions(filter),
        edge
          ? towardsNewer
            ? sql`${key} > (${edge.at}::timestamptz, ${edge.id}::uuid)`
            : sql`${key} < (${edge.at}::timestamptz, ${edge.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(...(towardsNewer ? [asc(syncLog.at), asc(syncLog.id)] : [desc(syncLog.at), desc(syncLog.id)]))
    .limit(page.pageSize + 1);

  const more = rows.length > page.pageSize;
  const shown = rows.slice(0, page.pageSize);
  if (towardsNewer) shown.reverse();
  const withCursors = shown.map(({ cursorAt, ...row }) => ({ ...row, cursor: { at: cursorAt, id: row.id } }));
  const first = withCursors[0]?.cursor;
  const last = withCursors.at(-1)?.cursor;
  return {
    rows: withCursors,
    newer: towardsNewer ? (more ? first : undefined) : edge ? first : undefined,
    older: towardsNewer ? last : more ? last : undefined,
  };
}
