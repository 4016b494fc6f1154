import { sql } from "drizzle-orm";
import type { Executor } from "../client";
import type { SyncDocumentType, SyncOutcome, SyncState } from "../schema";

/** How many documents stand in each sync state, per document type. */
export async function countSyncStatesByType(
  db: Executor,
): Promise<{ type: SyncDocumentType; state: SyncState; count: number }[]> {
  return db.execute<{ type: SyncDocumentType; state: SyncState; count: number }>(sql`
    select record_type as type, state, count(*)::int as count
    from document_sync_states group by record_type, state order by 1, 2`);
}

/**
 * Every send attempt ever logged, by outcome, and how many of them Xero answered with 429 (the sync
 * log is kept whole, so these only grow: counters).
 */
export async function countSyncAttempts(
  db: Executor,
): Promise<{ byOutcome: { outcome: SyncOutcome; count: number }[]; rateLimited: number }> {
  const rows = await db.execute<{ outcome: SyncOutcome; count: number; rate_limited: number }>(sql`
    select outcome, count(*)::int as count, (count(*) filter (where http_status = 429))::int as rate_limited
    from sync_log group by outcome order by 1`);
  return {
    byOutcome: rows.map(({ outcome, count }) => ({ outcome, count })),
    rateLimited: rows.reduce((sum, row) => sum + row.rate_limited, 0),
  };
}
