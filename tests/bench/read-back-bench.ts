/**
 * Read-back benchmark (issue 12): Factory learns that 1,000 invoices were paid in Xero. Prints, for
 * Xero's webhooks and for the poller (no webhook key): the time from the last payment until Factory
 * holds every one of them as PAID, and the Xero API calls read-back used (target ≤ 20: batches of 50
 * ids, or pages of 100); then the webhook endpoint's acknowledgement time under a burst of 500
 * deliveries (p50 / p95 / max, target p95 < 100 ms).
 *
 * The simulator runs in a process of its own with Xero's real limits (60 calls a minute, 5 in
 * flight). Webhook deliveries are made here, signed as Xero signs them, and posted over HTTP to the
 * app's own route handler (app/api/xero/webhooks/route.ts) served by a plain node:http server in this
 * process (Next's routing is not in the figure). Run: `npm run bench:readback` (TEST_DATABASE_URL as
 * for the tests, else an embedded PostgreSQL). BENCH_READBACK_INVOICES changes the 1,000.
 */
import { spawn } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ObjectSerializer, type Invoices } from "xero-node";

const INVOICES = Number(process.env.BENCH_READBACK_INVOICES ?? 1000);
const BURST = 500;
const POLL_SECONDS = 2;
const WEBHOOK_KEY = randomBytes(24).toString("base64");
process.env.XERO_WEBHOOK_KEY = WEBHOOK_KEY;

async function startSim(): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, [path.resolve("tests/bench/sim-process.ts"), "{}"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  // The simulator goes with this process, however it ends.
  process.once("exit", () => child.kill("SIGTERM"));
  Object.assign(process.env, {
    XERO_IDENTITY_URL: url,
    XERO_API_URL: url,
    APP_URL: "http://factory.bench",
    TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
  });
  delete process.env.XERO_CLIENT_ID;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

const sim = await startSim();
const { syncDb, simRecords } = await import("../integration/sync/support/sync-db.ts");
const { env } = await import("../../lib/env.ts");
const { startSyncWorker } = await import("../../lib/sync/worker.ts");
const { withXero } = await import("../../lib/xero/api/session.ts");
const { saveReadCursor } = await import("../../lib/db/queries/read-back.ts");
const { documentSyncStates } = await import("../../lib/db/schema/index.ts");
const { and, eq, inArray, sql } = await import("drizzle-orm");
const { POST } = await import("../../app/api/xero/webhooks/route.ts");

const ctx = await syncDb("readback_bench");
Object.assign(env, { DATABASE_URL: ctx.url });
(globalThis as { factoryDb?: unknown }).factoryDb = ctx.db;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const ms = (value: number) => `${Math.round(value)} ms`;

/** The app's webhook route over HTTP. */
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers))
      if (typeof value === "string") headers.set(key, value);
    void POST(
      new Request(`http://factory.bench${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }),
    ).then((response) => {
      res.writeHead(response.status);
      res.end();
    });
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/xero/webhooks`;

/** One signed delivery of events, as Xero posts it; resolves with its acknowledgement time. */
async function deliver(events: object[]): Promise<number> {
  const body = JSON.stringify({
    events,
    firstEventSequence: 1,
    lastEventSequence: events.length,
    entropy: "BENCH",
  });
  const started = performance.now();
  const response = await fetch(webhookUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-xero-signature": createHmac("sha256", WEBHOOK_KEY).update(body).digest("base64"),
    },
    body,
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  return performance.now() - started;
}

const invoiceEvent = (id: string) => ({
  resourceUrl: `${sim.url}/api.xro/2.0/Invoices/${id}`,
  resourceId: id,
  eventDateUtc: new Date().toISOString().replace("Z", ""),
  eventType: "UPDATE",
  eventCategory: "INVOICE",
  tenantId: ctx.tenantId,
  tenantType: "ORGANISATION",
});

/** `count` approved invoices made in Xero (batches of 50) and held by Factory as sent; their Xero ids. */
async function sentInvoices(count: number): Promise<string[]> {
  const contacts = await simRecords(sim as Parameters<typeof simRecords>[0], ctx.tenantId, "contacts");
  const contactId = String(contacts.find((c) => String(c.Name).startsWith("Sync Customer"))?.ContactID);
  const ids: string[] = [];
  for (let start = 0; start < count; start += 50) {
    const batch = Array.from({ length: Math.min(50, count - start) }, (_, i) => ({
      Type: "ACCREC",
      Contact: { ContactID: contactId },
      Date: "2026-11-25",
      DueDate: "2026-12-20",
      Status: "AUTHORISED",
      Reference: `RB-${start + i}`,
      LineItems: [
        { Description: "Bench", Quantity: 1, UnitAmount: 100, AccountCode: "200", TaxType: "OUTPUT2" },
      ],
    }));
    const body = ObjectSerializer.deserialize({ Invoices: batch }, "Invoices") as Invoices;
    const created = await withXero(ctx.db, ({ accounting, tenantId }) =>
      accounting.createInvoices(tenantId, body, true, 4),
    );
    ids.push(...(created.body.invoices ?? []).map((invoice) => String(invoice.invoiceID)));
  }
  await ctx.db.insert(documentSyncStates).values(
    ids.map((xeroId) => ({
      recordType: "invoice" as const,
      recordId: randomUUID(),
      state: "sent" as const,
      sentRevision: 1,
      xeroId,
      xeroStatus: "AUTHORISED",
      lastSentAt: new Date(),
    })),
  );
  return ids;
}

async function payAll(ids: string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 25) {
    await Promise.all(
      ids.slice(start, start + 25).map(async (id) => {
        const response = await fetch(`${sim.url}/sim/orgs/${ctx.tenantId}/invoices/${id}/payments`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        });
        if (!response.ok) throw new Error(`pay ${id}: ${response.status} ${await response.text()}`);
      }),
    );
  }
}

const paidCount = async (ids: string[]) =>
  Number(
    (
      await ctx.db
        .select({ n: sql<number>`count(*)` })
        .from(documentSyncStates)
        .where(and(eq(documentSyncStates.xeroStatus, "PAID"), inArray(documentSyncStates.xeroId, ids)))
    )[0]?.n ?? 0,
  );

async function untilAllPaid(ids: string[], since: number): Promise<number> {
  for (;;) {
    if ((await paidCount(ids)) >= ids.length) return performance.now() - since;
    if (performance.now() - since > 600_000) throw new Error("not all paid within 10 minutes");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const readCalls = async (sinceId: number) => {
  const { requests } = (await (
    await fetch(`${sim.url}/sim/requests?limit=100000&sinceId=${sinceId}`)
  ).json()) as {
    requests: { method: string; path: string; status: number }[];
  };
  const reads = requests.filter((r) => r.method === "GET" && r.path.startsWith("/api.xro/2.0/Invoices"));
  return { calls: reads.length, refused: reads.filter((r) => r.status >= 400).length };
};
const lastRequestId = async () =>
  ((await (await fetch(`${sim.url}/sim/requests?limit=1`)).json()) as { lastId: number }).lastId;

/**
 * Waits until neither Xero (the simulator) nor Factory's own ledger counts a call in the rolling
 * minute, so each run starts with Xero's whole budget rather than what the setup left of it.
 */
async function untilMinuteWindowEmpty(): Promise<void> {
  for (;;) {
    const usage = (await (await fetch(`${sim.url}/sim/orgs/${ctx.tenantId}/limits`)).json()) as {
      minute: number;
    };
    const [ledger] = await ctx.db.execute<{ n: number }>(
      sql`select count(*)::int as n from xero_api_calls where finished_at is null or finished_at > now() - interval '61 seconds'`,
    );
    if (usage.minute === 0 && (ledger?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

console.log(
  `Read-back of ${INVOICES.toLocaleString("en-NZ")} invoices paid in Xero (simulator with Xero's real limits)`,
);
const [forWebhooks, forPoller] = [await sentInvoices(INVOICES), await sentInvoices(INVOICES)];

// 1. Webhooks: each payment is an event; Xero delivers them in small batches.
{
  const stop = await startSyncWorker({
    databaseUrl: ctx.url,
    appUrl: "http://factory.bench",
    readBackPollSeconds: 0,
  });
  await payAll(forWebhooks);
  await untilMinuteWindowEmpty();
  const before = await lastRequestId();
  const started = performance.now();
  const events = forWebhooks.map(invoiceEvent);
  for (let start = 0; start < events.length; start += 10) await deliver(events.slice(start, start + 10));
  const took = await untilAllPaid(forWebhooks, started);
  const { calls, refused } = await readCalls(before);
  console.log(
    `  webhooks: all ${INVOICES} shown paid ${ms(took)} after the first delivery; ${calls} GET /Invoices calls (${refused} refused)`,
  );
  await stop();
}

// 2. The poller (no webhook key): If-Modified-Since, pages of 100, every POLL_SECONDS.
{
  await saveReadCursor(ctx.db, { tenantId: ctx.tenantId, resource: "Invoices", modifiedSince: new Date() });
  await payAll(forPoller);
  await untilMinuteWindowEmpty();
  const before = await lastRequestId();
  const started = performance.now();
  const stop = await startSyncWorker({
    databaseUrl: ctx.url,
    appUrl: "http://factory.bench",
    readBackPollSeconds: POLL_SECONDS,
    webhooks: false,
  });
  const took = await untilAllPaid(forPoller, started);
  await stop();
  const { calls, refused } = await readCalls(before);
  console.log(
    `  poller (every ${POLL_SECONDS} s): all ${INVOICES} shown paid ${ms(took)} after the last payment; ${calls} GET /Invoices calls (${refused} refused)`,
  );
}

// 3. A burst of 500 deliveries at once: the endpoint's acknowledgement time.
{
  const stop = await startSyncWorker({
    databaseUrl: ctx.url,
    appUrl: "http://factory.bench",
    readBackPollSeconds: 0,
  });
  await deliver([invoiceEvent(randomUUID())]); // warm: the job producer and the database pool
  const times = await Promise.all(Array.from({ length: BURST }, () => deliver([invoiceEvent(randomUUID())])));
  times.sort((a, b) => a - b);
  console.log(
    `  webhook acknowledgement, burst of ${BURST} deliveries at once: p50 ${ms(percentile(times, 50))}   p95 ${ms(percentile(times, 95))}   max ${ms(times.at(-1) ?? 0)}`,
  );
  await stop();
}

server.close();
await ctx.close();
await sim.close();
process.exit(0);
