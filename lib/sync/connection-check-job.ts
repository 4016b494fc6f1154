import type { PgBoss } from "pg-boss";
import type { Db } from "@/lib/db/client";
import { checkXeroConnection } from "@/lib/xero/connection-check";
import { logger } from "@/lib/ops/logger";

/**
 * The periodic "is Factory still connected in Xero?" question (lib/xero/connection-check.ts), on
 * the sync worker's pg-boss. pg-boss's schedule fires once per slot across every worker (its cron
 * pass runs in one process at a time), and the queue's `singleton` policy keeps a slow answer from
 * overlapping the next run, so many workers still ask Xero once per interval.
 */
export const CONNECTION_CHECK_QUEUE = "xero-connection-check";

/** XERO_CONNECTION_CHECK_MINUTES as a cron expression: at minutes past the hour divisible by it. */
export function connectionCheckCron(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60) {
    throw new Error(`The connection check runs every 1 to 60 minutes, not ${minutes}`);
  }
  return minutes === 60 ? "0 * * * *" : `*/${minutes} * * * *`;
}

export async function registerConnectionCheck(boss: PgBoss, db: Db, everyMinutes: number): Promise<void> {
  await boss.createQueue(CONNECTION_CHECK_QUEUE, { policy: "singleton", retryLimit: 0 });
  await boss.work(CONNECTION_CHECK_QUEUE, async () => {
    const outcome = await checkXeroConnection(db);
    if (outcome === "disconnected_in_xero" || outcome === "refused") {
      logger.warn({ outcome }, "Xero connection check: sending is held until an admin reconnects.");
    }
    return { outcome };
  });
  await boss.schedule(CONNECTION_CHECK_QUEUE, connectionCheckCron(everyMinutes));
}
