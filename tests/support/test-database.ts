import { rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { runMigrations } from "../../lib/db/migrate";

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/**
 * A fresh, migrated database for one test run: on the server named by TEST_DATABASE_URL when set
 * (CI points it at the machine's Postgres), otherwise on an embedded PostgreSQL of its own.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `factory_${label}_${Date.now()}_${process.pid}`;
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = withDatabase(serverUrl, name);
    await runMigrations(url);
    return {
      url,
      drop: async () => {
        const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
        await sql.unsafe(`drop database if exists "${name}" with (force)`);
        await sql.end();
      },
    };
  }

  const dataDir = path.resolve(".test-data", name);
  const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: name });
  await runMigrations(embedded.url);
  return {
    url: embedded.url,
    drop: async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
