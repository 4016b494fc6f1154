import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

const MIGRATIONS_FOLDER = path.resolve(import.meta.dirname, "../../drizzle");

/**
 * Key of the session advisory lock that serialises migrations: any constant shared by every process
 * of this app (these are the ASCII bytes of "factory" and "migrate").
 */
const MIGRATION_LOCK = [0x66616374, 0x6d696772] as const;

/**
 * Applies the committed drizzle-kit migrations; safe to run on every start, from any number of
 * processes at once (web processes and workers starting together on a fresh database): they take
 * turns under an advisory lock, the first applies what is missing and the others find nothing to do.
 * Without it two starting processes both create drizzle's own table, and one fails.
 */
export async function runMigrations(url: string): Promise<void> {
  // One connection: the session lock and the migration must be on the same one.
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK[0]}, ${MIGRATION_LOCK[1]})`;
    await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    // Ending the session releases its lock, also when the migration failed.
    await sql.end({ timeout: 5 });
  }
}

/** Creates a database on the server `url` points at, unless it exists. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
