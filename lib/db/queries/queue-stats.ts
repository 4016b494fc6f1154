import { sql } from "drizzle-orm";
import type { Executor } from "../client";

/** One pg-boss queue as it stands now. */
export interface QueueStat {
  queue: string;
  /** Jobs due now and not yet taken. */
  waiting: number;
  /** Jobs scheduled for later: retries and deliberately deferred sends. */
  deferred: number;
  /** Jobs a worker holds. */
  active: number;
  /** How long the oldest due job has waited to be taken, in seconds; 0 when none waits. */
  oldestWaitingSeconds: number;
}

/**
 * Every queue's live jobs, read from pg-boss's own table (schema `pgboss`, pg-boss's default, which
 * lib/sync/boss.ts keeps). A job "waits" from its `start_after`: a retry scheduled for later is not
 * late until then. Reads only live jobs, which pg-boss indexes (state, start_after), so the cost
 * does not grow with the completed jobs it keeps.
 */
export async function queueStats(db: Executor): Promise<QueueStat[]> {
  // pg-boss creates its tables when the first producer or worker starts; before that, nothing waits.
  const [installed] = await db.execute<{ ok: boolean }>(
    sql`select to_regclass('pgboss.job') is not null as ok`,
  );
  if (!installed?.ok) return [];
  const rows = await db.execute<{
    queue: string;
    waiting: number;
    deferred: number;
    active: number;
    oldest_waiting_seconds: number | null;
  }>(sql`
    select name as queue,
      count(*) filter (where state in ('created', 'retry') and not blocked and start_after <= now())::int as waiting,
      count(*) filter (where state in ('created', 'retry') and start_after > now())::int as deferred,
      count(*) filter (where state = 'active')::int as active,
      extract(epoch from now() - min(start_after) filter (where state in ('created', 'retry') and not blocked and start_after <= now()))::float8
        as oldest_waiting_seconds
    from pgboss.job
    where state in ('created', 'retry', 'active')
    group by name
    order by name`);
  return rows.map((row) => ({
    queue: row.queue,
    waiting: row.waiting,
    deferred: row.deferred,
    active: row.active,
    oldestWaitingSeconds: Math.max(0, row.oldest_waiting_seconds ?? 0),
  }));
}
