import path from "node:path";
import { ensureFirstAdmin } from "../../lib/auth/bootstrap";
import { createDb } from "../../lib/db/client";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { runMigrations } from "../../lib/db/migrate";
import { DATA_DIR, localSecrets, log, applyXeroSimulatorDefaults } from "./runtime";

export const DEMO_ADMIN_EMAIL = "admin@example.com";

/** DATABASE_URL's server, or the embedded PostgreSQL under .data/, migrated either way. */
export async function startDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const env = process.env;
  let stop = async () => {};
  if (!env.DATABASE_URL) {
    const port = Number(env.EMBEDDED_PG_PORT ?? 54329);
    log(`Starting the embedded PostgreSQL on port ${port} (data in .data/postgres)…`);
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(DATA_DIR, "postgres"),
      port,
      log: (message) => console.error(message),
    });
    env.DATABASE_URL = embedded.url;
    stop = embedded.stop;
  }
  await runMigrations(env.DATABASE_URL);
  return { url: env.DATABASE_URL, stop };
}

export interface Prepared {
  databaseUrl: string;
  demoLogin?: { email: string; password: string };
  stop: () => Promise<void>;
}

/**
 * Brings up everything the app needs around it: database (embedded unless DATABASE_URL is set),
 * migrations, secrets, the Xero simulator (unless a real Xero app is configured) and a first admin.
 */
export async function prepare(mode: "development" | "production"): Promise<Prepared> {
  const env = process.env;
  const stops: (() => Promise<void>)[] = [];
  const secrets = localSecrets();
  env.AUTH_SECRET ||= secrets.authSecret;
  env.TOKEN_ENCRYPTION_KEY ||= secrets.tokenEncryptionKey;
  env.AUTH_TRUST_HOST ??= "true";
  env.NEXT_TELEMETRY_DISABLED = "1";

  const database = await startDatabase();
  stops.push(database.stop);
  const databaseUrl = database.url;

  const simulator = applyXeroSimulatorDefaults(env);
  if (simulator) {
    const { startXeroSim } = await import("../../xero-sim/server.ts");
    const sim = await startXeroSim({
      port: simulator.simulatorPort,
      stateFile: path.join(DATA_DIR, "xero-sim-state.json"),
      quiet: true,
    });
    log(`Demo Xero (the built-in simulator) is running at ${sim.url}`);
    stops.push(() => sim.close());
  }

  const { db, close } = createDb(databaseUrl, { max: 2 });
  let demoLogin: Prepared["demoLogin"];
  try {
    if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
      if (await ensureFirstAdmin(db, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD })) {
        log(`Created the first admin, ${env.ADMIN_EMAIL}.`);
      }
    } else if (mode === "development") {
      await ensureFirstAdmin(db, {
        email: DEMO_ADMIN_EMAIL,
        password: secrets.demoAdminPassword,
        name: "Demo Admin",
      });
      demoLogin = { email: DEMO_ADMIN_EMAIL, password: secrets.demoAdminPassword };
    }
    if (mode === "development") {
      const { seedDemoData } = await import("../../lib/factory/demo-data");
      await seedDemoData(db);
    }
  } finally {
    await close();
  }

  // The Xero sync worker runs in this wrapper process unless WORKER_IN_APP=false (then `npm run worker`).
  if (env.WORKER_IN_APP !== "false") {
    const { startSyncWorker } = await import("../../lib/sync/worker");
    stops.push(await startSyncWorker({ databaseUrl }));
    log("The Xero sync worker is running in this process.");
  }

  return {
    databaseUrl,
    demoLogin,
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch(() => {});
    },
  };
}
