import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { requireEnv } from "@/lib/env";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** What query modules take first: the database, or a transaction an action opened. */
export type Executor = Db | Tx;

export function createDb(
  url: string,
  options: { max?: number } = {},
): { db: Db; close: () => Promise<void> } {
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  return { db: drizzle(sql, { schema, casing: "snake_case" }), close: () => sql.end({ timeout: 5 }) };
}

const globalForDb = globalThis as unknown as { factoryDb?: Db };

/** The app's shared pool; kept on globalThis so dev hot reloads don't open a new pool each time. */
export function getDb(): Db {
  globalForDb.factoryDb ??= createDb(requireEnv("DATABASE_URL")).db;
  return globalForDb.factoryDb;
}
