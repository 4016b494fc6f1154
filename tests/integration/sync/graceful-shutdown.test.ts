import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simEnv, startSyncSim } from "./support/sim-env";

const sim = await startSyncSim();
const { syncDb, simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { createBoss, adoptSyncProducer } = await import("@/lib/sync/boss");
const { ensureQueues, SEND_DOCUMENT_QUEUE } = await import("@/lib/sync/queues");
const { getSyncState } = await import("@/lib/db/queries/sync-states");
const { sql } = await import("drizzle-orm");
const { createQuote } = await import("@/lib/factory/quotes");
const fixtures = await import("../documents/fixtures");

type Ctx = Awaited<ReturnType<typeof syncDb>>;
let ctx: Ctx;
let producer: Awaited<ReturnType<typeof createBoss>>;

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Resolves once the process has printed `text`. */
  printed: (text: string) => Promise<void>;
}
const started: WorkerProcess[] = [];

/**
 * `npm run worker` for real: scripts/worker.ts in its own Node process (tsx as a loader, so the
 * signal reaches the worker itself), deployed-style (NODE_ENV=production, DATABASE_URL and the keys
 * given), against this file's database and simulator. Resolves once it has started.
 */
async function startWorker(env: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/worker.ts")], {
    env: {
      ...process.env,
      ...simEnv(sim.url),
      NODE_ENV: "production",
      DATABASE_URL: ctx.url,
      AUTH_SECRET: "graceful-shutdown-test-secret-0123456789",
      XERO_CLIENT_ID: "demo-client",
      XERO_CLIENT_SECRET: "demo-secret",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const waiting: { text: string; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of waiting.filter((w) => output.includes(w.text))) w.resolve();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const printed = (text: string) =>
    output.includes(text)
      ? Promise.resolve()
      : Promise.race([
          new Promise<void>((resolve) => waiting.push({ text, resolve })),
          exited.then(() => {
            throw new Error(`The worker exited before printing "${text}":\n${output}`);
          }),
        ]);
  const worker = { child, output: () => output, exited, printed };
  started.push(worker);
  await printed("Xero sync worker started.");
  return worker;
}

async function newQuote() {
  return createQuote(
    ctx.db,
    fixtures.quoteForm(ctx.customerId, {
      lines: [fixtures.line({ quantity: "3", unitPrice: "40", taxRateId: ctx.gstId })],
    }),
    ctx.userId,
  );
}

/** Holds the next quote create at the simulator until the test lets it go. */
async function holdNextQuoteCreate(): Promise<string> {
  const fault = (await simAdmin(sim, "POST", "/sim/faults", {
    kind: "hold",
    times: 1,
    method: "PUT",
    pathPrefix: "/api.xro/2.0/Quotes",
  })) as { id: string };
  return fault.id;
}

async function heldRequestArrived(id: string): Promise<void> {
  await waitFor("the create to reach the simulator and be held there", async () => {
    const { faults } = (await simAdmin(sim, "GET", "/sim/faults")) as {
      faults: { id: string; hits: number }[];
    };
    return faults.find((f) => f.id === id)?.hits === 1;
  });
}

async function jobOf(quoteId: string): Promise<{ state: string; retry_count: number } | undefined> {
  const rows = await ctx.db.execute<{ state: string; retry_count: number }>(
    sql`select state, retry_count from pgboss.job where name = ${SEND_DOCUMENT_QUEUE} and singleton_key = ${`quote:${quoteId}`} order by created_on desc limit 1`,
  );
  return rows[0];
}

async function quotesInXero(number: string) {
  return (await simRecords(sim, ctx.tenantId, "quotes")).filter((q) => q.Reference === number);
}

beforeAll(async () => {
  ctx = await syncDb("sync_shutdown");
  // This process only produces jobs (the quotes' auto-send); the workers are the child processes.
  producer = createBoss(ctx.url, { supervise: false });
  await producer.start();
  await ensureQueues(producer);
  adoptSyncProducer(producer);
}, 60_000);

afterAll(async () => {
  for (const worker of started) if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
  await simAdmin(sim, "DELETE", "/sim/faults");
  await producer.stop({ graceful: false });
  await ctx.close();
  await sim.close();
});

describe("a worker stopped with SIGTERM", () => {
  it("finishes the send it holds, takes no new job, and exits 0", async () => {
    const hold = await holdNextQuoteCreate();
    const worker = await startWorker({ SHUTDOWN_TIMEOUT_SECONDS: "60" });
    const first = await newQuote();
    await heldRequestArrived(hold);

    worker.child.kill("SIGTERM");
    await worker.printed("No longer taking jobs");
    // A job queued now stays for another worker.
    const second = await newQuote();
    // Xero answers the held create only now: the worker is still waiting for it.
    await simAdmin(sim, "DELETE", `/sim/faults/${hold}`);

    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain("Stopped with no document left mid-send.");
    const firstState = await getSyncState(ctx.db, "quote", first.id);
    expect(firstState).toMatchObject({ state: "sent", leaseUntil: null });
    expect(await jobOf(first.id)).toMatchObject({ state: "completed" });
    const inXero = await quotesInXero(first.number);
    expect(inXero).toHaveLength(1);
    expect(inXero[0]?.QuoteID).toBe(firstState?.xeroId);

    expect(await jobOf(second.id)).toMatchObject({ state: "created", retry_count: 0 });
    expect((await getSyncState(ctx.db, "quote", second.id))?.state).toBe("queued");
    expect(await quotesInXero(second.number)).toHaveLength(0);

    // The next worker sends it.
    const next = await startWorker();
    await waitFor(
      "the next worker to send the queued quote",
      async () => (await getSyncState(ctx.db, "quote", second.id))?.state === "sent",
    );
    expect(await quotesInXero(second.number)).toHaveLength(1);
    next.child.kill("SIGTERM");
    expect(await next.exited).toBe(0);
  }, 90_000);

  it("hands back a send still waiting at the deadline; the next worker finishes it and Xero has it once", async () => {
    const hold = await holdNextQuoteCreate();
    const worker = await startWorker({ SHUTDOWN_TIMEOUT_SECONDS: "1" });
    const quote = await newQuote();
    await heldRequestArrived(hold);

    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain("Deadline reached: 1 document(s) handed back");
    // Released: no lease to wait out, the create it made kept for an idempotent replay, the job back in line.
    const released = await getSyncState(ctx.db, "quote", quote.id);
    expect(released).toMatchObject({ state: "queued", leaseUntil: null, xeroId: null });
    expect(released?.pendingCreate?.idempotencyKey).toBeTruthy();
    expect(await jobOf(quote.id)).toMatchObject({ state: "retry" });

    // Xero goes on with the request its caller abandoned and creates the quote; nobody heard the answer.
    await simAdmin(sim, "DELETE", `/sim/faults/${hold}`);
    await waitFor(
      "Xero to create the abandoned quote",
      async () => (await quotesInXero(quote.number)).length === 1,
    );

    const next = await startWorker();
    const sent = await waitFor("the next worker to finish the send", async () => {
      const state = await getSyncState(ctx.db, "quote", quote.id);
      return state?.state === "sent" ? state : undefined;
    });
    const inXero = await quotesInXero(quote.number);
    expect(inXero).toHaveLength(1);
    expect(inXero[0]?.QuoteID).toBe(sent.xeroId);
    const { requests } = (await simAdmin(sim, "GET", "/sim/requests")) as {
      requests: { method: string; path: string; idempotencyKey?: string; idempotentReplay?: boolean }[];
    };
    // The same create, under the same key, answered from Xero's idempotency store the second time.
    const creates = requests.filter(
      (r) => r.method === "PUT" && r.idempotencyKey === released?.pendingCreate?.idempotencyKey,
    );
    expect(creates.map((r) => r.idempotentReplay ?? false)).toEqual([false, true]);
    next.child.kill("SIGTERM");
    expect(await next.exited).toBe(0);
  }, 90_000);
});
