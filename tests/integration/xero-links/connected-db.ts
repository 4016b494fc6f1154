import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { adoptSyncProducer, createBoss, forgetSyncProducer } from "@/lib/sync/boss";
import { ensureQueues } from "@/lib/sync/queues";
import { buildConsentUrl } from "@/lib/xero/api/identity";
import { activateOrganisation, completeConsent } from "@/lib/xero/connect";
import { setXeroCallBudget } from "@/lib/xero/rate-limit";
import { createTestDatabase } from "../../support/test-database";
import { admin, consent, NZ } from "../xero-sim/harness";
import { sim } from "./simulator-env";

export interface ConnectedDb {
  db: Db;
  userId: string;
  tenantId: string;
  close(): Promise<void>;
}

/**
 * A database of this file's own, connected to the simulator's NZ demo organisation through the
 * real consent round trip. Its own database because the Xero connection is a single row: files
 * running side by side must not connect each other's organisations.
 */
export async function connectedDb(label: string): Promise<ConnectedDb> {
  setXeroCallBudget({ perMinute: 100_000, perDay: 1_000_000 });
  const database = await createTestDatabase(label);
  const { db, close } = createDb(database.url, { max: 6 });
  // Edits queue contact jobs through the sync producer: give it this database (no worker runs them;
  // the tests call the job's function themselves).
  const boss = createBoss(database.url, { max: 2, supervise: false });
  await boss.start();
  await ensureQueues(boss);
  adoptSyncProducer(boss);
  const [user] = await db
    .insert(users)
    .values({ email: `${randomUUID()}@factory.test`, name: "Link Tester", passwordHash: "x", role: "admin" })
    .returning({ id: users.id });
  if (!user) throw new Error("no user");
  const state = randomUUID();
  const { location } = await consent(await buildConsentUrl(state), { organisations: [NZ] });
  const { tokens, tenants } = await completeConsent(location, state);
  const tenantId = tenants[0]?.tenantId ?? "";
  await activateOrganisation(db, { tokens, tenantId, userId: user.id, confirmSwitch: true });
  return {
    db,
    userId: user.id,
    tenantId,
    close: async () => {
      forgetSyncProducer(boss);
      await boss.stop({ graceful: false });
      await close();
      await database.drop();
      await sim.close();
    },
  };
}

/** The simulator's contacts of the organisation, as its admin API lists them. */
export async function simContacts(tenantId: string): Promise<Record<string, unknown>[]> {
  const { records } = await admin<{ records: Record<string, unknown>[] }>(
    sim,
    "GET",
    `/sim/orgs/${tenantId}/contacts`,
  );
  return records;
}

export { admin, sim };
