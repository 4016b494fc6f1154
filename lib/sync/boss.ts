import { sql } from "drizzle-orm";
import { fromDrizzle, PgBoss, type Db } from "pg-boss";
import type { Executor } from "@/lib/db/client";
import { requireEnv } from "@/lib/env";
import { ensureQueues } from "./queues";
import { logger } from "@/lib/ops/logger";

/** pg-boss for this database; every process that sends or works jobs makes one. */
export function createBoss(
  databaseUrl: string,
  options: { max?: number; supervise?: boolean; maintenanceIntervalSeconds?: number } = {},
): PgBoss {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    max: options.max ?? 4,
    supervise: options.supervise ?? true,
    schedule: options.supervise ?? true,
    useListenNotify: true,
    ...(options.maintenanceIntervalSeconds
      ? {
          superviseIntervalSeconds: options.maintenanceIntervalSeconds,
          monitorIntervalSeconds: options.maintenanceIntervalSeconds,
        }
      : {}),
  });
  // pg-boss reports background failures as events; an unhandled "error" event would end the process.
  boss.on("error", (error) => logger.error({ err: error }, "pg-boss reported an error."));
  return boss;
}

/**
 * Runs pg-boss statements on the caller's drizzle transaction (pg-boss's own drizzle adapter), so a
 * job insert commits or rolls back with the record it belongs to: the outbox.
 */
export function executorDatabase(tx: Executor): Db {
  return fromDrizzle(tx, sql);
}

const globalForBoss = globalThis as unknown as { syncProducer?: Promise<PgBoss> };

/**
 * The process's job producer (web process or worker): started once, queues ensured, no maintenance
 * of its own (workers supervise). Kept on globalThis so dev hot reloads reuse it.
 */
export function getSyncProducer(): Promise<PgBoss> {
  globalForBoss.syncProducer ??= (async () => {
    const boss = createBoss(requireEnv("DATABASE_URL"), { max: 2, supervise: false });
    await boss.start();
    await ensureQueues(boss);
    return boss;
  })().catch((error: unknown) => {
    globalForBoss.syncProducer = undefined;
    throw error;
  });
  return globalForBoss.syncProducer;
}

/** Lets a worker that already runs pg-boss be the producer too, instead of opening a second pool. */
export function adoptSyncProducer(boss: PgBoss): void {
  globalForBoss.syncProducer = Promise.resolve(boss);
}

/** Forgets the producer (a stopping worker), so the next send starts a fresh one. */
export function forgetSyncProducer(boss: PgBoss): void {
  void globalForBoss.syncProducer?.then((current) => {
    if (current === boss) globalForBoss.syncProducer = undefined;
  });
}
