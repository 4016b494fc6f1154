import { afterAll, beforeAll } from "vitest";
import type { xeroSettings } from "@/lib/db/schema";
import type { SyncWorkerOptions } from "@/lib/sync/worker";
import type { LimitOptions } from "@/xero-sim/config";
import type { RunningXeroSim } from "@/xero-sim/server";
import type { salesKit } from "./sales";
import { APP_URL, startSyncSim } from "./sim-env";
import type { SyncDb } from "./sync-db";

export interface SyncSuiteOptions {
  /** The simulator's limits (compressed windows, a smaller day). */
  limits?: Partial<LimitOptions>;
  /** Xero settings over sync-db's (sales 200, purchases 300). */
  settings?: Partial<typeof xeroSettings.$inferInsert>;
  /** The in-process worker's options, in place of PATIENT_WORKER. */
  worker?: Omit<SyncWorkerOptions, "databaseUrl" | "appUrl">;
}

/**
 * Ten seconds a Xero call, and a failed job back every second up to 20 times: a send that queues
 * behind its contact and its order's draft still settles within a test's wait. No catch-up round:
 * it runs when a worker starts, and its reads would fall among the calls a test counts (the test
 * of the catch-up starts workers of its own).
 */
export const PATIENT_WORKER = {
  timeoutMs: 10_000,
  retry: { retryDelay: 1, retryDelayMax: 1, retryLimit: 20 },
  readBackCatchUpSeconds: 0,
} satisfies SyncSuiteOptions["worker"];

/**
 * One test file's Xero: starts its simulator and points the app's env at it, then before the first
 * test makes its database (sync-db.ts: connected, a customer and a supplier linked) and starts a sync
 * worker in this process; after the last it stops the worker, drops the database and closes the
 * simulator. Call it at the top of the file, before importing anything under lib/ (lib/env reads
 * process.env once, when first loaded).
 *
 * `ctx` and `kit` are filled in before the file's first test (they are empty while it is collected).
 */
export async function syncSuite(label: string, options: SyncSuiteOptions = {}) {
  const sim: RunningXeroSim = await startSyncSim(options.limits);
  const [{ syncDb }, { salesKit: makeKit }, { startSyncWorker }] = await Promise.all([
    import("./sync-db"),
    import("./sales"),
    import("@/lib/sync/worker"),
  ]);
  const ctx = {} as SyncDb;
  const kit: ReturnType<typeof salesKit> = makeKit(ctx, sim);
  let stop: () => Promise<void> = async () => {};

  beforeAll(async () => {
    Object.assign(ctx, await syncDb(label, options.settings));
    stop = await startSyncWorker({
      databaseUrl: ctx.url,
      appUrl: APP_URL,
      ...(options.worker ?? PATIENT_WORKER),
    });
  });

  afterAll(async () => {
    await stop();
    if (ctx.close) await ctx.close();
    await sim.close();
  });

  return { sim, ctx, kit };
}
