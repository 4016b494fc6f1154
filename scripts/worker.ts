import "./lib/local-env";
import { startDatabase } from "./lib/prepare";
import { log } from "./lib/runtime";

/**
 * `npm run worker`: the Xero sync worker on its own (run as many as needed, on any machines, against
 * one DATABASE_URL). Without DATABASE_URL it uses the same embedded PostgreSQL as `npm run dev`.
 */
const database = await startDatabase();
const { startSyncWorker } = await import("../lib/sync/worker");
const stop = await startSyncWorker({ databaseUrl: database.url });
log("Xero sync worker started.");

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log("Stopping the Xero sync worker…");
    void stop()
      .then(() => database.stop())
      .finally(() => process.exit(0));
  });
}
