import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_URL, startSyncSim } from "./support/sim-env";

const sim = await startSyncSim();
const { syncDb, simRecords, waitFor } = await import("./support/sync-db");
const { createBoss, adoptSyncProducer } = await import("@/lib/sync/boss");
const { ensureQueues, SEND_BULK_QUEUE, SEND_DOCUMENT_QUEUE } = await import("@/lib/sync/queues");
const { enqueueDocuments } = await import("@/lib/sync/enqueue");
const { resumeHeldDocuments } = await import("@/lib/sync/resume");
const { startSyncWorker } = await import("@/lib/sync/worker");
const { getSyncState, listStaleSyncStates, listSyncLog, requestSend } =
  await import("@/lib/db/queries/sync-states");
const { createQuote } = await import("@/lib/factory/quotes");
const fixtures = await import("../documents/fixtures");

type Ctx = Awaited<ReturnType<typeof syncDb>>;
let ctx: Ctx;
let producer: Awaited<ReturnType<typeof createBoss>>;

beforeAll(async () => {
  // Quotes are sent by hand here, so each test decides whether a job exists.
  ctx = await syncDb("sync_lost_jobs", { autoSendQuotes: false });
  producer = createBoss(ctx.url, { supervise: false });
  await producer.start();
  await ensureQueues(producer);
  adoptSyncProducer(producer);
});

afterAll(async () => {
  await producer.stop({ graceful: false });
  await ctx.close();
  await sim.close();
});

const newQuote = () =>
  createQuote(
    ctx.db,
    fixtures.quoteForm(ctx.customerId, { lines: [fixtures.line({ taxRateId: ctx.gstId })] }),
    ctx.userId,
  );

/** The document was queued a while ago, as a state left behind by a killed worker would be. */
async function queuedLongAgo(id: string, ago = "1 minute"): Promise<void> {
  await requestSend(ctx.db, "quote", [id], { newRevision: false });
  await ctx.db.execute(
    sql`update document_sync_states set updated_at = now() - ${ago}::interval where record_id = ${id}`,
  );
}

describe("a document whose job was lost", () => {
  it("is found only when pg-boss holds no live job for it, and then reaches Xero exactly once", async () => {
    const lost = await newQuote();
    const waiting = await newQuote();
    await queuedLongAgo(lost.id);
    await queuedLongAgo(waiting.id);
    // `waiting` still has its job (no worker has taken it yet); `lost` has none at all.
    await ctx.db.transaction((tx) => enqueueDocuments(tx, [{ type: "quote", id: waiting.id }]));

    const stale = await listStaleSyncStates(ctx.db, 15_000, SEND_DOCUMENT_QUEUE, SEND_BULK_QUEUE);
    expect(stale.map((s) => s.recordId)).toEqual([lost.id]);

    await resumeHeldDocuments(ctx.db);
    const stop = await startSyncWorker({ databaseUrl: ctx.url, appUrl: APP_URL, timeoutMs: 5000 });
    try {
      for (const quote of [lost, waiting]) {
        await waitFor(
          `${quote.number} sent`,
          async () => (await getSyncState(ctx.db, "quote", quote.id))?.state === "sent",
        );
      }
    } finally {
      await stop();
    }
    const quotes = await simRecords(sim, ctx.tenantId, "quotes");
    expect(quotes.filter((q) => q.Reference === lost.number)).toHaveLength(1);
    expect(quotes.filter((q) => q.Reference === waiting.number)).toHaveLength(1);
  });

  it("goes on counting its attempts from where they were: the sweep's re-queue never starts again at 1", async () => {
    const lost = await newQuote();
    const due = await newQuote();
    // Eight failed attempts each: one lost its job while queued, one waits for Xero and is due.
    await queuedLongAgo(lost.id);
    await ctx.db.execute(sql`update document_sync_states set attempts = 8 where record_id = ${lost.id}`);
    await ctx.db.execute(sql`
      update document_sync_states set state = 'waiting_for_xero', attempts = 8,
        last_error = 'Simulated fault', next_attempt_at = now() - interval '1 second'
      where record_id = ${due.id}`);

    await resumeHeldDocuments(ctx.db);
    const stop = await startSyncWorker({ databaseUrl: ctx.url, appUrl: APP_URL, timeoutMs: 5000 });
    try {
      for (const quote of [lost, due]) {
        await waitFor(
          `${quote.number} sent`,
          async () => (await getSyncState(ctx.db, "quote", quote.id))?.state === "sent",
        );
      }
    } finally {
      await stop();
    }
    for (const quote of [lost, due]) {
      const [success] = await listSyncLog(ctx.db, { recordId: quote.id });
      expect(success).toMatchObject({ outcome: "success", attempt: 9 });
    }
  });

  it('is left to a running "Send all unsent" only if that job queued it itself', async () => {
    const before = await newQuote();
    const byBulk = await newQuote();
    const leftSending = await newQuote();
    await queuedLongAgo(before.id, "10 minutes");
    await queuedLongAgo(byBulk.id, "1 minute");
    await queuedLongAgo(leftSending.id, "1 minute");
    await ctx.db.execute(
      sql`update document_sync_states set state = 'sending', lease_until = now() - interval '1 second'
          where record_id = ${leftSending.id}`,
    );
    const stale = async () =>
      (await listStaleSyncStates(ctx.db, 15_000, SEND_DOCUMENT_QUEUE, SEND_BULK_QUEUE)).map(
        (s) => s.recordId,
      );

    // A bulk job not yet taken owns nothing: it will take only unsent documents when it runs.
    const bulkJob = await producer.send(SEND_BULK_QUEUE, { type: "quote" }, { singletonKey: "quote" });
    if (!bulkJob) throw new Error("the bulk job was not created");
    expect(await stale()).toEqual(expect.arrayContaining([before.id, byBulk.id, leftSending.id]));

    // Running since five minutes ago: it queued `byBulk` (after it started) and sends it in a batch;
    // `before` was queued by someone else, and `leftSending`'s sender let its lease run out.
    const [taken] = await producer.fetch(SEND_BULK_QUEUE);
    expect(taken?.id).toBe(bulkJob);
    await ctx.db.execute(
      sql`update pgboss.job set started_on = now() - interval '5 minutes' where id = ${bulkJob}::uuid`,
    );
    const whileRunning = await stale();
    expect(whileRunning).not.toContain(byBulk.id);
    expect(whileRunning).toEqual(expect.arrayContaining([before.id, leftSending.id]));

    await producer.cancel(SEND_BULK_QUEUE, bulkJob);
    expect(await stale()).toContain(byBulk.id);
    await ctx.db.execute(
      sql`update document_sync_states set state = 'not_sent', lease_until = null
          where record_id in (${before.id}, ${byBulk.id}, ${leftSending.id})`,
    );
  });
});
