import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  consent,
  isRefresh,
  lastRequestId,
  simPost,
  simRequests,
  simState,
  startSimForApp,
} from "./sim-helpers";

// lib/env reads process.env on first import, so the simulator starts (and sets the env) first.
const sim = await startSimForApp();
const { createTestDatabase } = await import("../../support/test-database");
const { createDb } = await import("@/lib/db/client");
const { listAudit } = await import("@/lib/db/queries/audit");
const { getXeroConnection } = await import("@/lib/db/queries/xero-connection");
const { insertUser } = await import("@/lib/db/queries/users");
const { activateOrganisation, completeConsent } = await import("@/lib/xero/connect");
const { buildConsentUrl } = await import("@/lib/xero/api/identity");
const { DISCONNECTED_IN_XERO_MESSAGE } = await import("@/lib/xero/connection-check");
const { createBoss } = await import("@/lib/sync/boss");
const { CONNECTION_CHECK_QUEUE } = await import("@/lib/sync/connection-check-job");
const { startSyncWorker } = await import("@/lib/sync/worker");
const { waitFor } = await import("../sync/support/sync-db");

// A database of this file's own: the connection is a single row.
const database = await createTestDatabase("xero_connection_check");
const { db, close } = createDb(database.url, { max: 4 });
const admin = await insertUser(db, {
  email: `check-admin-${Date.now()}@test`,
  name: "Check Admin",
  role: "admin",
  passwordHash: "not-used",
});
const NZ = "Demo Fabrication NZ";

let stopWorker: () => Promise<void>;
let producer: ReturnType<typeof createBoss>;
let scheduledCron: string | undefined;

beforeAll(async () => {
  // The real worker, as `npm run worker` starts it, with the check every 2 minutes.
  stopWorker = await startSyncWorker({ databaseUrl: database.url, connectionCheckMinutes: 2 });
  producer = createBoss(database.url, { max: 2, supervise: false });
  await producer.start();
  const [schedule] = await db.execute<{ cron: string }>(
    sql`select cron from pgboss.schedule where name = ${CONNECTION_CHECK_QUEUE}`,
  );
  scheduledCron = schedule?.cron;
  // From here on the tests run the check themselves, so the clock can't add a run to what they count.
  await producer.unschedule(CONNECTION_CHECK_QUEUE);
});

afterAll(async () => {
  await producer.stop({ graceful: false });
  await stopWorker();
  await close();
  await database.drop();
  await sim.close();
});

beforeEach(async () => {
  await simPost(sim, "/sim/reset");
  await db.execute(sql`delete from xero_connections`);
  await db.execute(sql`delete from audit_events where entity_type = 'xero_connection'`);
  const state = crypto.randomUUID();
  const completed = await completeConsent(
    await consent(sim, await buildConsentUrl(state), { organisations: [NZ] }),
    state,
  );
  await activateOrganisation(db, {
    tokens: completed.tokens,
    tenantId: completed.tenants[0]?.tenantId ?? "",
    userId: admin.id,
    confirmSwitch: false,
  });
});

/** Runs the scheduled job now, through the worker, and returns its outcome once it has finished. */
async function runCheck(): Promise<string> {
  const id = await producer.send(CONNECTION_CHECK_QUEUE, {});
  if (!id) throw new Error("the check was not queued");
  return waitFor("the connection check to finish", async () => {
    const [job] = await db.execute<{ state: string; output: { outcome?: string } | null }>(
      sql`select state, output from pgboss.job where id = ${id}`,
    );
    if (job?.state === "failed") throw new Error(`the check failed: ${JSON.stringify(job.output)}`);
    return job?.state === "completed" ? (job.output?.outcome ?? "no outcome") : undefined;
  });
}

const reconnectEvents = async () =>
  (await listAudit(db, { entityType: "xero_connection" })).filter((e) => e.action === "needs_reconnect");

describe("noticing a disconnect made in Xero", () => {
  it("is scheduled on the worker at the configured interval", () => {
    expect(scheduledCron).toBe("*/2 * * * *");
  });

  it("flips to needs reconnect when Xero no longer lists the organisation, before any send", async () => {
    const { connections } = await simState(sim);
    for (const c of connections) await simPost(sim, `/sim/connections/${c.id}/disconnect`);
    // What a send would show hours later, the check shows now: the refresh alone still works.
    expect((await getXeroConnection(db))?.status).toBe("connected");
    const mark = await lastRequestId(sim);

    expect(await runCheck()).toBe("disconnected_in_xero");

    expect(await getXeroConnection(db)).toMatchObject({
      status: "needs_reconnect",
      lastError: DISCONNECTED_IN_XERO_MESSAGE,
    });
    expect(await reconnectEvents()).toHaveLength(1);
    // One question to Xero's identity API; no accounting call, so no send had to fail first.
    const asked = await simRequests(sim, mark);
    expect(asked.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["GET /connections 200"]);

    // Held: the next run asks Xero nothing until an admin reconnects.
    const held = await lastRequestId(sim);
    expect(await runCheck()).toBe("not_connected");
    expect(await simRequests(sim, held)).toEqual([]);
  });

  it("leaves a connection Xero still lists as it is", async () => {
    const mark = await lastRequestId(sim);
    expect(await runCheck()).toBe("connected");
    expect((await getXeroConnection(db))?.status).toBe("connected");
    expect(await reconnectEvents()).toEqual([]);
    expect((await simRequests(sim, mark)).map((r) => `${r.method} ${r.path}`)).toEqual(["GET /connections"]);
  });

  it("refreshes once when Xero expired the access token early, then asks again", async () => {
    await simPost(sim, "/sim/tokens/expire");
    const mark = await lastRequestId(sim);
    expect(await runCheck()).toBe("connected");
    const asked = await simRequests(sim, mark);
    expect(asked.filter(isRefresh)).toHaveLength(1);
    expect(asked.filter((r) => r.path === "/connections").map((r) => r.status)).toEqual([401, 200]);
    expect((await getXeroConnection(db))?.status).toBe("connected");
  });

  it("flips to needs reconnect when the grant was revoked in Xero", async () => {
    const { grants } = await simState(sim);
    for (const grant of grants) await simPost(sim, `/sim/grants/${grant.id}/revoke`);
    expect(await runCheck()).toBe("refused");
    expect((await getXeroConnection(db))?.status).toBe("needs_reconnect");
    expect(await reconnectEvents()).toHaveLength(1);
  });
});
