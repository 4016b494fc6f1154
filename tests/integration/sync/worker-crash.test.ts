import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simEnv, startSyncSim } from "./support/sim-env";

const sim = await startSyncSim();
const { syncDb, simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { createBoss, adoptSyncProducer } = await import("@/lib/sync/boss");
const { ensureQueues, SEND_BULK_QUEUE } = await import("@/lib/sync/queues");
const { getSyncState } = await import("@/lib/db/queries/sync-states");
const { enqueueBulkSend } = await import("@/lib/sync/enqueue");
const { xeroSettings } = await import("@/lib/db/schema");
const { eq, sql } = await import("drizzle-orm");
const { createQuote } = await import("@/lib/factory/quotes");
const fixtures = await import("../documents/fixtures");

type Ctx = Awaited<ReturnType<typeof syncDb>>;
let ctx: Ctx;
const workers: ChildProcess[] = [];
let producer: Awaited<ReturnType<typeof createBoss>>;

/**
 * Starts worker-process.ts in a real Node process (tsx as a loader, not its wrapper CLI, so SIGKILL
 * hits the worker itself) against this file's database and simulator; resolves once it works.
 */
function startWorkerProcess(): Promise<ChildProcess> {
  const script = path.resolve("tests/integration/sync/support/worker-process.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, ...simEnv(sim.url), DATABASE_URL: ctx.url, WORKER_IN_APP: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

beforeAll(async () => {
  ctx = await syncDb("sync_crash");
  // This process only produces jobs; the workers are the child processes.
  producer = createBoss(ctx.url, { supervise: false });
  await producer.start();
  await ensureQueues(producer);
  adoptSyncProducer(producer);
}, 60_000);

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill("SIGKILL");
  await producer.stop({ graceful: false });
  await ctx.close();
  await sim.close();
});

describe("a worker killed mid-send", () => {
  it("loses nothing and duplicates nothing when another worker picks the job up", async () => {
    // Xero takes 2 s to answer the create: the worker dies while it waits, Xero still creates.
    await simAdmin(sim, "POST", "/sim/faults", {
      kind: "latency",
      latencyMs: 2000,
      times: 1,
      method: "PUT",
      pathPrefix: "/api.xro/2.0/Quotes",
    });
    const first = await startWorkerProcess();
    const quote = await createQuote(
      ctx.db,
      fixtures.quoteForm(ctx.customerId, {
        lines: [fixtures.line({ quantity: "4", unitPrice: "25", taxRateId: ctx.gstId })],
      }),
      ctx.userId,
    );
    await waitFor("the create to reach Xero", async () => {
      const { faults } = (await simAdmin(sim, "GET", "/sim/faults")) as { faults: unknown[] };
      // The one-shot latency fault is used up the moment the PUT arrives.
      return faults.length === 0;
    });
    first.kill("SIGKILL");
    await waitFor("Xero to create the quote the dead worker sent", async () => {
      const quotes = await simRecords(sim, ctx.tenantId, "quotes");
      return quotes.some((q) => q.Reference === quote.number);
    });
    expect((await getSyncState(ctx.db, "quote", quote.id))?.xeroId).toBeNull();

    await startWorkerProcess();
    const state = await waitFor(
      "the second worker to finish the send",
      async () => {
        const s = await getSyncState(ctx.db, "quote", quote.id);
        return s?.state === "sent" ? s : undefined;
      },
      30_000,
    );
    const quotes = (await simRecords(sim, ctx.tenantId, "quotes")).filter(
      (q) => q.Reference === quote.number,
    );
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ QuoteID: state.xeroId, Total: 115, Status: "DRAFT" });
    const { requests } = (await simAdmin(sim, "GET", "/sim/requests")) as {
      requests: { method: string; path: string; idempotentReplay?: boolean }[];
    };
    // The second worker resent the same create under the same key, and Xero answered from its store.
    const creates = requests.filter((r) => r.method === "PUT" && r.path.startsWith("/api.xro/2.0/Quotes"));
    expect(creates.map((r) => r.idempotentReplay ?? false)).toEqual([false, true]);
  }, 60_000);

  it("frees the type's bulk send within seconds when its worker dies mid-batch", async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill("SIGKILL");
    await ctx.db.update(xeroSettings).set({ autoSendQuotes: false }).where(eq(xeroSettings.id, 1));
    const quotes = [];
    for (let i = 0; i < 3; i++) {
      quotes.push(
        await createQuote(
          ctx.db,
          fixtures.quoteForm(ctx.customerId, {
            lines: [fixtures.line({ quantity: "2", unitPrice: "10", taxRateId: ctx.gstId })],
          }),
          ctx.userId,
        ),
      );
    }
    // The batch's PUT takes 2 s: the worker dies holding the bulk job (which may run for an hour).
    await simAdmin(sim, "POST", "/sim/faults", {
      kind: "latency",
      latencyMs: 2000,
      times: 1,
      method: "PUT",
      pathPrefix: "/api.xro/2.0/Quotes",
    });
    const first = await startWorkerProcess();
    await ctx.db.transaction((tx) => enqueueBulkSend(tx, "quote"));
    await waitFor("the batch to reach Xero", async () => {
      const { faults } = (await simAdmin(sim, "GET", "/sim/faults")) as { faults: unknown[] };
      return faults.length === 0;
    });
    first.kill("SIGKILL");
    await startWorkerProcess();
    // Its heartbeat stops, so pg-boss retries the bulk job on the new worker well before its expiry.
    for (const quote of quotes) {
      await waitFor(
        `${quote.number} sent by the retried bulk job`,
        async () => (await getSyncState(ctx.db, "quote", quote.id))?.state === "sent",
        45_000,
      );
    }
    // The bulk job itself was retried and finished (not left active until its hour-long expiry).
    await waitFor("the bulk job to be retried and finish", async () => {
      const jobs = await ctx.db.execute<{ state: string; retry_count: number }>(
        sql`select state, retry_count from pgboss.job where name = ${SEND_BULK_QUEUE} and singleton_key = 'quote'`,
      );
      return jobs.length === 1 && jobs[0]?.state === "completed" && jobs[0].retry_count === 1;
    });
    const held = await simRecords(sim, ctx.tenantId, "quotes");
    for (const quote of quotes) expect(held.filter((q) => q.Reference === quote.number)).toHaveLength(1);
  }, 90_000);
});
