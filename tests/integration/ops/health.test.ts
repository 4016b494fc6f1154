import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { xeroConnections } from "@/lib/db/schema";
import { createBoss } from "@/lib/sync/boss";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";

/** A database of this file's own: the tests change the Xero connection row and pg-boss's jobs. */
let database: TestDatabase;
let db: Db;
let closeDb: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase("health");
  ({ db, close: closeDb } = createDb(database.url, { max: 2 }));
});

afterAll(async () => {
  await closeDb();
  await database.drop();
});

afterEach(() => {
  vi.unstubAllEnvs();
  (globalThis as { factoryDb?: unknown }).factoryDb = undefined;
});

/** The route modules loaded afresh against `env` (lib/env reads process.env once, when loaded). */
async function routes(env: Record<string, string> = {}) {
  vi.stubEnv("DATABASE_URL", database.url);
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  (globalThis as { factoryDb?: unknown }).factoryDb = undefined;
  return {
    live: (await import("@/app/api/health/live/route")).GET,
    ready: (await import("@/app/api/health/ready/route")).GET,
    health: (await import("@/app/api/health/route")).GET,
  };
}

const UNREACHABLE = "postgres://factory:do-not-leak-this@127.0.0.1:9/nowhere";

describe("/api/health/live", () => {
  it("answers 200 without touching the database, even when it is unreachable", async () => {
    const { live } = await routes({ DATABASE_URL: UNREACHABLE });
    const response = live();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });
});

describe("/api/health/ready", () => {
  it("answers 200 with the database, an idle queue and no Xero connection", async () => {
    const { ready } = await routes();
    const response = await ready();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: "ok",
      database: { ok: true },
      queue: { ok: true, oldestWaitingSeconds: 0, maxLagSeconds: 600 },
      xero: { state: "not_connected" },
    });
    expect(Object.keys(body).sort()).toEqual(["database", "queue", "status", "xero"]);
  });

  it("answers 503 when the database is unreachable, and says nothing about why or where", async () => {
    const { ready, health } = await routes({ DATABASE_URL: UNREACHABLE });
    for (const handler of [ready, health]) {
      const response = await handler();
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ status: "unavailable", database: { ok: false } });
      for (const secret of ["do-not-leak-this", "127.0.0.1", "nowhere", "ECONNREFUSED", "factory:"])
        expect(text).not.toContain(secret);
    }
  });

  it("reports Xero's state but stays ready while Xero needs a reconnect", async () => {
    await db.insert(xeroConnections).values({
      status: "needs_reconnect",
      tenantId: randomUUID(),
      organisationName: "Secret Org Name Ltd",
      connectedAt: new Date(),
      lastError: "invalid_grant: do-not-leak-this",
    });
    try {
      const { ready } = await routes();
      const response = await ready();
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ status: "ok", xero: { state: "needs_reconnect" } });
      expect(text).not.toContain("Secret Org");
      expect(text).not.toContain("do-not-leak-this");
    } finally {
      await db.delete(xeroConnections).where(sql`true`);
    }
  });

  it("answers 503 once a due sync job has waited past READY_MAX_QUEUE_LAG_SECONDS, and 200 with the check off", async () => {
    const boss = createBoss(database.url, { max: 1, supervise: false });
    await boss.start();
    try {
      await boss.createQueue("health-probe");
      const id = await boss.send("health-probe", {});
      // Due 20 minutes ago and never taken: no worker is running.
      await db.execute(
        sql`update pgboss.job set start_after = now() - interval '20 minutes' where id = ${id}`,
      );
      const lagging = await (await routes()).ready();
      expect(lagging.status).toBe(503);
      const body = (await lagging.json()) as { queue: { ok: boolean; oldestWaitingSeconds: number } };
      expect(body).toMatchObject({ status: "unavailable", database: { ok: true }, queue: { ok: false } });
      expect(body.queue.oldestWaitingSeconds).toBeGreaterThanOrEqual(1200);

      expect((await (await routes({ READY_MAX_QUEUE_LAG_SECONDS: "1800" })).ready()).status).toBe(200);
      expect((await (await routes({ READY_MAX_QUEUE_LAG_SECONDS: "0" })).ready()).status).toBe(200);
      // A job due later (a retry that waits its turn) is not late.
      await db.execute(sql`update pgboss.job set start_after = now() + interval '1 hour' where id = ${id}`);
      expect((await (await routes()).ready()).status).toBe(200);
    } finally {
      await boss.stop({ graceful: false });
    }
  });
});

describe("/api/health", () => {
  it("answers as readiness does", async () => {
    const { health } = await routes();
    const response = await health();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "ok",
      database: { ok: true },
      queue: { ok: true },
    });
  });
});
