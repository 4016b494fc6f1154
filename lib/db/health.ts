import { sql } from "drizzle-orm";
import type { Executor } from "./client";

/** Whether the database answers a trivial query; the caller bounds the wait. */
export async function pingDatabase(db: Executor): Promise<void> {
  await db.execute(sql`select 1`);
}
