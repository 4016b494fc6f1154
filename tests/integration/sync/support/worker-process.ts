/**
 * A sync worker in a process of its own, for tests that kill it with SIGKILL. Env: DATABASE_URL,
 * the simulator's XERO_* URLs, TOKEN_ENCRYPTION_KEY, APP_URL, and optionally WORKER_OPTIONS (JSON,
 * merged over the defaults below: a test that compresses the simulator's windows passes the same
 * `callBudget`). Prints "ready" once it is working.
 */
const { startSyncWorker } = await import("@/lib/sync/worker");
const { requireEnv, env } = await import("@/lib/env");

type WorkerOptions = Parameters<typeof startSyncWorker>[0];
const overrides = JSON.parse(process.env.WORKER_OPTIONS ?? "{}") as Partial<WorkerOptions>;

await startSyncWorker({
  databaseUrl: requireEnv("DATABASE_URL"),
  appUrl: env.APP_URL,
  timeoutMs: 10_000,
  // Short expiry and a fast maintenance pass: a killed worker's job comes back within seconds.
  retry: { expireInSeconds: 3, retryDelay: 1, retryLimit: 5, retryDelayMax: 2 },
  maintenanceIntervalSeconds: 1,
  ...overrides,
});
console.log("ready");

export {};
