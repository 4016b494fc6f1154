import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { customers } from "@/lib/db/schema";
import { seedDemoDocuments } from "./demo-documents";
import { seedDemoRecords } from "./demo-records";

/**
 * Seeds the demo data into an empty database and does nothing otherwise, so `npm run dev` and
 * `npm run db:seed` can call it on every start. Returns whether it seeded.
 */
export async function seedDemoData(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Two starts at once must not both seed: the second waits here, then finds customers.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('factory demo data'))`);
    const [existing] = await tx.select({ id: customers.id }).from(customers).limit(1);
    if (existing) return false;
    const records = await seedDemoRecords(tx);
    await seedDemoDocuments(tx, records);
    return true;
  });
}
