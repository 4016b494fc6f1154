import { inject } from "vitest";
import { createDb, type Db } from "@/lib/db/client";

let shared: { db: Db; close: () => Promise<void> } | undefined;

/** The run's test database, one pool per test file. */
export function testDb(): Db {
  shared ??= createDb(inject("databaseUrl"), { max: 4 });
  return shared.db;
}
