import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { insertWebhookEvents } from "@/lib/db/queries/read-back";
import { env } from "@/lib/env";
import { getSyncProducer } from "@/lib/sync/boss";
import { READ_BACK_QUEUE } from "@/lib/sync/queues";
import { EventWriter } from "@/lib/sync/webhook-events";
import type { StoredWebhookEvent } from "@/lib/xero/webhooks";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";

/**
 * Storing Xero's webhook events (issue 12): a delivery is answered once its events are committed,
 * each event is kept once however often it comes, and the read-back job is asked for after the
 * answers rather than before them — a failure to ask loses nothing, the next delivery asks again.
 */
let database: TestDatabase;
let db: Db;
let close: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase("webhook_events");
  ({ db, close } = createDb(database.url, { max: 4 }));
  // The job producer reads DATABASE_URL from the environment, as in the web process.
  Object.assign(env, { DATABASE_URL: database.url });
}, 60_000);

afterAll(async () => {
  await (await getSyncProducer().catch(() => undefined))?.stop({ graceful: false });
  await close();
  await database.drop();
});

const tenantId = randomUUID();
const event = (overrides: Partial<StoredWebhookEvent> = {}): StoredWebhookEvent => ({
  id: randomUUID(),
  tenantId,
  category: "INVOICE",
  eventType: "UPDATE",
  resourceId: randomUUID(),
  eventDate: new Date("2026-12-01T01:02:03.456Z"),
  ...overrides,
});

const stored = async (ids: string[]) =>
  db.execute<{
    id: string;
    tenant_id: string;
    category: string;
    event_type: string;
    resource_id: string;
    event_date: Date;
  }>(
    sql`select id, tenant_id, category, event_type, resource_id, event_date from xero_webhook_events where id = any(${`{${ids.join(",")}}`}::text[]) order by id`,
  );

/** A hand-held ask: counts its calls and settles when the test says. */
function heldAsk() {
  const calls: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const ask = () => new Promise<void>((resolve, reject) => calls.push({ resolve, reject }));
  return { ask, calls };
}

describe("insertWebhookEvents", () => {
  it("stores every field as given, each event once (also repeated within one call), and counts the new", async () => {
    const odd = event({ category: 'INV"OICE, {x}', eventType: "UPDATE\\" });
    const plain = event();
    expect(await insertWebhookEvents(db, [odd, plain, odd, plain])).toBe(2);
    expect(await insertWebhookEvents(db, [plain, event({ id: odd.id })])).toBe(0);
    const rows = await stored([odd.id, plain.id]);
    expect(rows).toHaveLength(2);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(odd.id)).toMatchObject({
      tenant_id: tenantId,
      category: 'INV"OICE, {x}',
      event_type: "UPDATE\\",
      resource_id: odd.resourceId,
    });
    expect(new Date(byId.get(odd.id)?.event_date ?? 0).toISOString()).toBe("2026-12-01T01:02:03.456Z");
    expect(await insertWebhookEvents(db, [])).toBe(0);
  });

  it("stores thousands in one call", async () => {
    const many = Array.from({ length: 6000 }, () => event());
    expect(await insertWebhookEvents(db, many)).toBe(6000);
    expect(await stored(many.map((e) => e.id))).toHaveLength(6000);
  });
});

describe("EventWriter", () => {
  it("answers once the events are committed, without waiting for the read to be asked for", async () => {
    const { ask, calls } = heldAsk();
    const writer = new EventWriter(db, ask);
    const events = [event(), event()];
    // The ask is never settled here: were it in the answer's path, this would never resolve.
    await writer.store(events);
    expect(await stored(events.map((e) => e.id))).toHaveLength(2);
    expect(calls).toHaveLength(1);
    calls[0]?.resolve();
    await writer.asking;
  });

  it("stores deliveries that arrive together with one statement per flush, each event once, and asks once", async () => {
    const { ask, calls } = heldAsk();
    const writer = new EventWriter(db, ask);
    const shared = event();
    const deliveries = Array.from({ length: 100 }, () => [event(), shared]);
    await Promise.all(deliveries.map((events) => writer.store(events)));
    expect(await stored([...deliveries.map(([own]) => own?.id ?? ""), shared.id])).toHaveLength(101);
    expect(calls).toHaveLength(1);
    calls[0]?.resolve();
    await writer.asking;
  });

  it("asks nothing when every event was already stored", async () => {
    const { ask, calls } = heldAsk();
    const events = [event()];
    await insertWebhookEvents(db, events);
    await new EventWriter(db, ask).store(events);
    expect(calls).toHaveLength(0);
  });

  it("a failed ask still answers, and the next delivery asks again", async () => {
    const { ask, calls } = heldAsk();
    const writer = new EventWriter(db, ask);
    await writer.store([event()]);
    calls[0]?.reject(new Error("the queue is down"));
    await writer.asking;
    await writer.store([event()]);
    expect(calls).toHaveLength(2);
    calls[1]?.resolve();
    await writer.asking;
  });

  it("refuses the delivery (no 200) when the events could not be stored", async () => {
    const { ask, calls } = heldAsk();
    const writer = new EventWriter(db, ask);
    await expect(writer.store([event({ resourceId: "not-a-uuid" })])).rejects.toThrow();
    expect(calls).toHaveLength(0);
    // The writer goes on: the next delivery is stored.
    const next = event();
    await writer.store([next]);
    expect(await stored([next.id])).toHaveLength(1);
  });

  it("queues the read-back job on the real queue", async () => {
    const writer = new EventWriter(db);
    const since = new Date();
    await writer.store([event()]);
    await writer.asking;
    const [jobs] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where name = ${READ_BACK_QUEUE} and created_on >= ${since.toISOString()}::timestamptz`,
    );
    expect(jobs?.n).toBe(1);
  });
});
