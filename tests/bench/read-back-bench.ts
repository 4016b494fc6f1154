/**
 * Read-back benchmark (issue 12): Factory learns that 1,000 invoices were paid in Xero. Prints, for
 * Xero's webhooks and for the poller (no webhook key): the time from the last payment until Factory
 * holds every one of them as PAID, and the Xero API calls read-back used (target ≤ 20: batches of 50
 * ids, or pages of 100); then the webhook endpoint's acknowledgement time for 500 events (p50 / p95 /
 * max, target p95 < 100 ms), delivered as Xero delivers them and all at once.
 *
 * Every part runs against the app as it runs in production: the production build served by the
 * production web process (scripts/web-server.ts, Next behind our own front) in a process of its own,
 * the sync worker in this process (where `npm start` runs it: beside the web process, not in it), the
 * simulator in a third process with Xero's real limits (60 calls a minute, 5 in flight), and the
 * acknowledgement figures' requests made by a load generator in a fourth (tests/bench/webhook-load.ts),
 * signed as Xero signs them. All of them share this machine's cores, which Xero's servers do not.
 *
 * Needs the production build: `NEXT_DIST_DIR=.next-test NEXT_SKIP_TYPECHECK=1 npx next build` (or
 * NEXT_DIST_DIR naming another). Run: `npm run bench:readback` (TEST_DATABASE_URL as for the tests,
 * else an embedded PostgreSQL). BENCH_READBACK_INVOICES changes the 1,000 (0: the acknowledgement
 * figures only). Leaves nothing running: each child process is stopped and awaited, however it ends.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { ObjectSerializer, type Invoices } from "xero-node";
import { freePort } from "../support/test-database.ts";
import type { LoadPlan } from "./webhook-load.ts";

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
  children.add(child);
  Object.assign(process.env, {
    XERO_IDENTITY_URL: url,
    XERO_API_URL: url,
    APP_URL: "http://factory.bench",
    TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
  });
  delete process.env.XERO_CLIENT_ID;
  return {
    url,
    close: () => stopChild(child),
  };
}

/** tests/bench/bare-http-process.ts: the floor under the acknowledgement figures. */
async function startBareHttp(): Promise<{ url: string; pid: number; close(): Promise<void> }> {
  const child = spawn(process.execPath, [path.resolve("tests/bench/bare-http-process.ts")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("exit", (code) => reject(new Error(`the bare HTTP server exited with ${code}`)));
  });
  return { url, pid: child.pid ?? 0, close: () => stopChild(child) };
}

/**
 * The CPU time (user + system, ms) a process has used so far, from /proc (Linux; NaN elsewhere). On
 * a shared machine the wall-clock figures swing with everyone else's load; this one hardly does.
 */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next-test";
if (!existsSync(path.join(DIST_DIR, "BUILD_ID"))) {
  console.error(
    `No production build in ${DIST_DIR}: run NEXT_DIST_DIR=${DIST_DIR} NEXT_SKIP_TYPECHECK=1 npx next build first.`,
  );
  process.exit(1);
}

/** Children still running; stopped (and awaited) at the end, or killed if this process dies first. */
const children = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});
const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

const sim = await startSim();
const { syncDb, simRecords } = await import("../integration/sync/support/sync-db.ts");
const { env } = await import("../../lib/env.ts");
const { startSyncWorker } = await import("../../lib/sync/worker.ts");
const { withXero } = await import("../../lib/xero/api/session.ts");
const { saveReadCursor } = await import("../../lib/db/queries/read-back.ts");
const { documentSyncStates } = await import("../../lib/db/schema/index.ts");
const { and, eq, inArray, sql } = await import("drizzle-orm");
const { READ_BACK_QUEUE } = await import("../../lib/sync/queues.ts");

const ctx = await syncDb("readback_bench");
Object.assign(env, { DATABASE_URL: ctx.url });
(globalThis as { factoryDb?: unknown }).factoryDb = ctx.db;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const ms = (value: number) => `${Math.round(value)} ms`;

/**
 * The production web process (scripts/web-server.ts) on a free port, serving the build in DIST_DIR
 * against the bench's database. Its log (a JSON line per request, as in production) goes to a file.
 */
async function startWeb(): Promise<{
  url: string;
  log: string;
  /** durationMs of each webhook request, from the web process's own request log line, in order. */
  served: number[];
  pid: number;
  close(): Promise<void>;
}> {
  const port = await freePort();
  const logDir = path.resolve(".test-data");
  mkdirSync(logDir, { recursive: true });
  const log = path.join(logDir, `read-back-bench-web-${process.pid}.log`);
  // BENCH_CPU_PROF=<folder>: the web process writes a CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, "--import", "tsx", path.resolve("scripts/web-server.ts")],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        DATABASE_URL: ctx.url,
        AUTH_SECRET: randomBytes(32).toString("base64"),
        NEXT_DIST_DIR: DIST_DIR,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.add(child);
  const file = createWriteStream(log);
  child.stdout.pipe(file);
  child.stderr.pipe(file);
  const served: number[] = [];
  let partial = "";
  child.stdout.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop() ?? "";
    for (const text of lines) {
      if (!text.includes('"path":"/api/xero/webhooks"')) continue;
      const line = JSON.parse(text) as { msg?: string; durationMs?: number };
      if (line.msg === "request" && typeof line.durationMs === "number") served.push(line.durationMs);
    }
  });
  await new Promise<void>((resolve, reject) => {
    let seen = "";
    child.stdout.on("data", (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      if (/listening on port \d+/.test(seen)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the web process exited with ${code}; see ${log}`)));
  });
  return { url: `http://127.0.0.1:${port}`, log, served, pid: child.pid ?? 0, close: () => stopChild(child) };
}

const web = await startWeb();
const webhookUrl = `${web.url}/api/xero/webhooks`;

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

if (INVOICES > 0) {
  const [forWebhooks, forPoller] = [await sentInvoices(INVOICES), await sentInvoices(INVOICES)];
  console.log(
    `Read-back of ${INVOICES.toLocaleString("en-NZ")} invoices paid in Xero (simulator with Xero's real limits)`,
  );

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
}

/**
 * The endpoint's acknowledgement time: from a delivery's request being sent until its whole answer
 * is read, by the load generator in its own process. A 200 means the delivery's events are committed
 * to the database (Xero will not send them again), so each run then checks that every event it sent
 * is stored once and that a read-back job was queued for them. Beside it, the time the web process
 * itself counts for the same requests (its request log line: from our front receiving the parsed
 * request to the answer sent): the difference is time spent before the process got to the request
 * (connections waiting to be accepted and parsed while it serves others) and on the way back.
 *
 * Xero documents that a delivery carries a list of events with the sequence numbers of its first and
 * last (developer.xero.com webhooks overview; xero-webhooks.yaml, WebhookEvent); it documents neither
 * how many events a delivery holds nor how many deliveries it has in flight to one subscription at
 * once. So 500 events are measured three ways: in deliveries of 10 one after another (how the
 * read-back figure above is fed), in deliveries of 10 all at once, and as 500 deliveries of one event
 * all at once (the worst case: every event its own request, every request at the same moment).
 * Last, the floor: the same 500 requests at once against a bare node:http server that only reads the
 * body and answers 200 (tests/bench/bare-http-process.ts), which is what accepting, parsing and
 * answering 500 connections costs on this machine before any of Factory's work.
 */
const ACK_RUNS: { label: string; deliveries: number; eventsPerDelivery: number; inFlight: number }[] = [
  { label: "50 deliveries of 10 events, one at a time", deliveries: 50, eventsPerDelivery: 10, inFlight: 1 },
  { label: "50 deliveries of 10 events, all at once", deliveries: 50, eventsPerDelivery: 10, inFlight: 50 },
  {
    label: `${BURST} deliveries of 1 event, all at once`,
    deliveries: BURST,
    eventsPerDelivery: 1,
    inFlight: BURST,
  },
];

async function runLoad(plan: LoadPlan): Promise<number[]> {
  const child = spawn(process.execPath, [path.resolve("tests/bench/webhook-load.ts"), JSON.stringify(plan)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  children.delete(child);
  if (code !== 0) throw new Error(`the load generator exited with ${code}`);
  return (JSON.parse(out) as { times: number[] }).times;
}

const count = async (query: ReturnType<typeof sql>) =>
  Number((await ctx.db.execute<{ n: number }>(query))[0]?.n ?? 0);

/** Polls `check` every 50 ms until it holds; false if it never did within `ms`. */
async function within(ms: number, check: () => Promise<boolean> | boolean): Promise<boolean> {
  const deadline = performance.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until no read-back job waits or runs. */
async function untilNoReadJob(): Promise<void> {
  await within(
    120_000,
    async () =>
      (await count(
        sql`select count(*)::int as n from pgboss.job where name = ${READ_BACK_QUEUE} and state in ('created', 'retry', 'active')`,
      )) === 0,
  );
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0 };
};

{
  const stop = await startSyncWorker({
    databaseUrl: ctx.url,
    appUrl: "http://factory.bench",
    readBackPollSeconds: 0,
  });
  // Warm: the web process's first request to the route loads its code, the job producer and the pool.
  await deliver([invoiceEvent(randomUUID())]);
  const load = (when: string) =>
    `load average ${when}: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")} (${availableParallelism()} cores, shared)`;
  const loadBefore = load("before");
  const rows: string[][] = [];
  for (const run of ACK_RUNS) {
    // Each run starts once no read-back job waits or runs (the warm-up's, the last run's, one the
    // earlier read-back figures left): one waiting makes the queue refuse the run's own (one waiting
    // job per key), and the check below would find none asked for by this run.
    await untilNoReadJob();
    const storedBefore = await count(sql`select count(*)::int as n from xero_webhook_events`);
    const servedBefore = web.served.length;
    const cpuBefore = cpuMs(web.pid);
    const since = new Date();
    const times = await runLoad({
      url: webhookUrl,
      key: WEBHOOK_KEY,
      tenantId: ctx.tenantId,
      apiUrl: sim.url,
      ...run,
    });
    const events = run.deliveries * run.eventsPerDelivery;
    const stored = (await count(sql`select count(*)::int as n from xero_webhook_events`)) - storedBefore;
    if (stored !== events) throw new Error(`${run.label}: ${stored} of ${events} events stored`);
    // The job is asked for once the answers are on their way: give it a moment, not forever. A job
    // that starts after the run began reads its events, whoever asked for it: a delivery within
    // half a second of the last ask doesn't ask again (lib/sync/webhook-events.ts), so the warm-up's
    // job, waiting out its gathering second, can be the one.
    const queued = await within(
      5_000,
      async () =>
        (await count(
          sql`select count(*)::int as n from pgboss.job where name = ${READ_BACK_QUEUE} and start_after >= ${since.toISOString()}::timestamptz`,
        )) > 0,
    );
    if (!queued) throw new Error(`${run.label}: no read-back job queued`);
    await within(10_000, () => web.served.length >= servedBefore + run.deliveries);
    const cpu = (cpuMs(web.pid) - cpuBefore) / run.deliveries;
    const client = stats(times);
    const server = stats(web.served.slice(servedBefore, servedBefore + run.deliveries));
    rows.push([
      run.label,
      ms(client.p50),
      ms(client.p95),
      ms(client.max),
      client.p95 < 100 ? "met" : "NOT met",
      `${ms(server.p50)} / ${ms(server.p95)}`,
      `${cpu.toFixed(2)} ms`,
      `${stored} stored once, read job queued`,
    ]);
  }
  await untilNoReadJob();
  await stop();

  const floor = await startBareHttp();
  const floorCpuBefore = cpuMs(floor.pid);
  const floorTimes = stats(
    await runLoad({
      url: `${floor.url}/api/xero/webhooks`,
      key: WEBHOOK_KEY,
      tenantId: ctx.tenantId,
      apiUrl: sim.url,
      deliveries: BURST,
      eventsPerDelivery: 1,
      inFlight: BURST,
    }),
  );
  const floorCpu = (cpuMs(floor.pid) - floorCpuBefore) / BURST;
  await floor.close();
  rows.push([
    `floor: ${BURST} at once to a bare node:http 200`,
    ms(floorTimes.p50),
    ms(floorTimes.p95),
    ms(floorTimes.max),
    floorTimes.p95 < 100 ? "met" : "NOT met",
    "",
    `${floorCpu.toFixed(2)} ms`,
    "no Next, no signature, no database",
  ]);

  const header = [
    "500 events to the webhook",
    "p50",
    "p95",
    "max",
    "p95 < 100 ms",
    "in process p50 / p95",
    "CPU / delivery",
    "checked",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("   ")}`;
  console.log(
    [
      "",
      "Webhook acknowledgement: from a delivery's request sent until its 200 is read (p50 / p95 / max, target p95 < 100 ms).",
      "The production web process (scripts/web-server.ts, next build) answers; requests come from a load generator in",
      "its own process, signed as Xero signs. A 200 means the events are committed. 'in process' is the web process's",
      "own count for the same requests (its request log); the rest is waiting to be accepted and parsed behind the others.",
      "'CPU / delivery' is the answering process's CPU time over the run divided by its deliveries: one event loop serves",
      `them in turn, so the last of ${BURST} at once waits for about ${BURST} times that, however fast each one is answered.`,
      `${loadBefore}; ${load("after")}.`,
    ].join("\n"),
  );
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

await web.close();
await ctx.close();
await sim.close();
// Every child has exited (awaited above); pools and timers of the in-process worker may still hold
// the event loop for a moment.
process.exit(0);
