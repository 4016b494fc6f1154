import "./lib/local-env";
import { startDatabase } from "./lib/prepare";
import { logger } from "../lib/ops/logger";

/**
 * `npm run worker`: the Xero sync worker on its own (run as many as needed, on any machines, against
 * one DATABASE_URL). Without DATABASE_URL it uses the same embedded PostgreSQL as `npm run dev`.
 * SIGTERM or SIGINT stops it gracefully: no new job, running sends finish or are handed back by
 * SHUTDOWN_TIMEOUT_SECONDS, then it exits 0.
 */
const database = await startDatabase();
const { startSyncWorker } = await import("../lib/sync/worker");
const stop = await startSyncWorker({ databaseUrl: database.url });
logger.info("Xero sync worker started.");

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping the Xero sync worker…`);
    void stop()
      .then(async () => {
        await database.stop();
        logger.info("Xero sync worker stopped.");
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, "The Xero sync worker did not stop cleanly.");
        process.exit(1);
      });
  });
}
