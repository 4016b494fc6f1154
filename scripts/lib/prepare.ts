import { ensureFirstAdmin } from "../../lib/auth/bootstrap";
import { createDb } from "../../lib/db/client";
import { leaveSignalsToCaller, startEmbeddedPostgres } from "../../lib/db/embedded";
import { runMigrations } from "../../lib/db/migrate";
import { localEnv } from "./local-env";
import { logger } from "../../lib/ops/logger";

export const DEMO_ADMIN_EMAIL = "admin@example.com";

/** DATABASE_URL's server, or the embedded PostgreSQL under .data/, migrated either way. */
export async function startDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  // Every script that starts here handles SIGTERM and SIGINT itself, and stops the database last.
  leaveSignalsToCaller();
  const url = requireDatabaseUrl();
  let stop = async () => {};
  const embedded = localEnv.embeddedDatabase;
  if (embedded) {
    logger.info(`Starting the embedded PostgreSQL on port ${embedded.port} (data in .data/postgres)…`);
    const server = await startEmbeddedPostgres({ ...embedded, log: (message) => logger.warn(message) });
    stop = server.stop;
  }
  await runMigrations(url);
  return { url, stop };
}

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is missing: import scripts/lib/local-env first");
  return url;
}

export interface Prepared {
  databaseUrl: string;
  demoLogin?: { email: string; password: string };
  /** Stops the in-process sync worker, if any (graceful; `stop` calls it too). */
  stopWorker: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Brings up everything the app needs around it: database (embedded unless DATABASE_URL is set),
 * migrations, secrets, the Xero simulator (unless a real Xero app is configured) and a first admin.
 */
export async function prepare(mode: "development" | "production"): Promise<Prepared> {
  const env = process.env;
  const stops: (() => Promise<void>)[] = [];
  const database = await startDatabase();
  stops.push(database.stop);
  const databaseUrl = database.url;

  if (localEnv.simulator) {
    const { startXeroSim } = await import("../../xero-sim/server.ts");
    const sim = await startXeroSim({ ...localEnv.simulator, quiet: true });
    logger.info(`Demo Xero (the built-in simulator) is running at ${sim.url}`);
    stops.push(() => sim.close());
  }

  const { db, close } = createDb(databaseUrl, { max: 2 });
  let demoLogin: Prepared["demoLogin"];
  try {
    if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
      if (await ensureFirstAdmin(db, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD })) {
        logger.info(`Created the first admin, ${env.ADMIN_EMAIL}.`);
      }
    } else if (mode === "development") {
      await ensureFirstAdmin(db, {
        email: DEMO_ADMIN_EMAIL,
        password: localEnv.demoAdminPassword,
        name: "Demo Admin",
      });
      demoLogin = { email: DEMO_ADMIN_EMAIL, password: localEnv.demoAdminPassword };
    }
    if (mode === "development") {
      const { seedDemoData } = await import("../../lib/db/seed/demo-data");
      await seedDemoData(db);
    }
  } finally {
    await close();
  }

  // The Xero sync worker runs in this wrapper process unless WORKER_IN_APP=false (then `npm run worker`).
  let stopWorker = async () => {};
  if (env.WORKER_IN_APP !== "false") {
    const { startSyncWorker } = await import("../../lib/sync/worker");
    stopWorker = await startSyncWorker({ databaseUrl });
    stops.push(stopWorker);
    logger.info("The Xero sync worker is running in this process.");
  }

  return {
    databaseUrl,
    demoLogin,
    stopWorker,
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch(() => {});
    },
  };
}
