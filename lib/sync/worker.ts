import { createDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ACCOUNTING_TIMEOUT_MS } from "@/lib/xero/api/session";
import { refreshIdleConnection } from "@/lib/xero/api/token-store";
import { setXeroCallBudget } from "@/lib/xero/rate-limit";
import type { CallBudget } from "@/lib/db/queries/xero-rate-budget";
import { releaseSendLeases } from "@/lib/db/queries/sync-states";
import { createBoss, forgetSyncProducer, adoptSyncProducer } from "./boss";
import { sendAllUnsent } from "./bulk-send";
import { registerConnectionCheck } from "./connection-check-job";
import { registerContactJobs } from "./contact-jobs";
import { registerItemJobs } from "./item-jobs";
import { HeldDocuments } from "./held-documents";
import {
  DEFAULT_RETRY,
  ensureQueues,
  KEEP_ALIVE_QUEUE,
  READ_BACK_CATCH_UP_KEY,
  READ_BACK_KEY,
  READ_BACK_POLL_QUEUE,
  READ_BACK_QUEUE,
  RESUME_QUEUE,
  retryPolicyOf,
  SEND_BULK_QUEUE,
  SEND_DOCUMENT_QUEUE,
  type ReadBackPollJob,
  type RetryOptions,
  type SendBulkJob,
  type SendDocumentJob,
} from "./queues";
import { pollReadBack, readBackEvents } from "./read-back";
import { resumeHeldDocuments } from "./resume";
import { sendDocument } from "./send-document";
import { logger, withLogContext } from "@/lib/ops/logger";

export interface SyncWorkerOptions {
  databaseUrl: string;
  /** Factory's public origin for `Url` back-links; default APP_URL. */
  appUrl?: string;
  /** Sends in flight in this process. Xero allows 5 per organisation; the shared limiter enforces it. */
  concurrency?: number;
  retry?: Partial<RetryOptions>;
  /** Time limit of one Xero call. */
  timeoutMs?: number;
  /** Tests and the benchmark compress Xero's windows to match a compressed simulator. */
  callBudget?: Partial<CallBudget>;
  /** Seconds between polls when LISTEN/NOTIFY is unavailable (pg-boss minimum 0.5). */
  pollingIntervalSeconds?: number;
  /**
   * How often pg-boss looks for jobs whose worker died (default 60 s); tests shorten it to see a
   * killed worker's job come back quickly.
   */
  maintenanceIntervalSeconds?: number;
  /** How long stopping waits for running jobs before releasing them; default SHUTDOWN_TIMEOUT_SECONDS. */
  shutdownTimeoutMs?: number;
  /** Minutes between two checks that Xero still lists the organisation; default XERO_CONNECTION_CHECK_MINUTES. */
  connectionCheckMinutes?: number;
  /**
   * Seconds between polls for what changed in Xero (lib/sync/read-back.ts sourcesToPoll): of
   * everything without webhooks, of the poll-only resources (quotes, purchase orders) with them;
   * default XERO_READ_BACK_POLL_SECONDS. 0 turns this poll off.
   */
  readBackPollSeconds?: number;
  /**
   * Seconds between catch-up polls (webhook resources while webhooks are on, and deletions of
   * quotes and purchase orders); default XERO_READ_BACK_CATCH_UP_MINUTES × 60. 0 turns it off.
   */
  readBackCatchUpSeconds?: number;
  /** Whether Xero's webhooks say what changed; default: whether XERO_WEBHOOK_KEY is set. */
  webhooks?: boolean;
}

/**
 * Starts the Xero sync worker in this process: the document and bulk queues, the contact jobs
 * (lib/sync/contact-jobs.ts), the minute's resume sweep, the daily token keep-alive and the
 * check that Xero still lists the organisation (lib/sync/connection-check-job.ts). Any number of workers on any number of machines may run
 * against one database. Returns a stop function: it takes no new job, lets running jobs finish
 * until the deadline, then hands back what is still running (pg-boss fails those jobs into their
 * retry; the documents they hold are released, keeping any create in doubt for an idempotent
 * replay) and closes its connections.
 */
export async function startSyncWorker(options: SyncWorkerOptions): Promise<() => Promise<void>> {
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  if (options.callBudget) setXeroCallBudget(options.callBudget);
  const { db, close } = createDb(options.databaseUrl, { max: (options.concurrency ?? 5) + 8 });
  const boss = createBoss(options.databaseUrl, {
    max: 4,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds,
  });
  await boss.start();
  await ensureQueues(boss, retry);
  adoptSyncProducer(boss);

  const timeoutMs = options.timeoutMs ?? ACCOUNTING_TIMEOUT_MS;
  const held = new HeldDocuments();
  const sendOptions = {
    appUrl: options.appUrl ?? env.APP_URL,
    timeoutMs,
    // A document is held as long as pg-boss lets its job run: after that the job is presumed dead
    // (its worker killed) and retried, and the retry must be able to take the document.
    leaseMs: retry.expireInSeconds * 1000,
    retry: retryPolicyOf(retry),
    held,
  };
  // NOTIFY wakes workers for new jobs at once; retries and deferred jobs become due without one, so
  // the backstop poll must stay short (pg-boss's default while NOTIFY is active is 30 s).
  const interval = options.pollingIntervalSeconds ?? 0.5;
  const polling = { pollingIntervalSeconds: interval, notifyPollingIntervalSeconds: Math.max(interval, 1) };

  await boss.work<SendDocumentJob>(
    SEND_DOCUMENT_QUEUE,
    { ...polling, batchSize: 1, localConcurrency: options.concurrency ?? 5 },
    async ([job]) => {
      if (!job) return;
      const { type, id } = job.data;
      await withLogContext({ queue: SEND_DOCUMENT_QUEUE, documentType: type, documentId: id }, () =>
        sendDocument(db, job.data, sendOptions),
      );
    },
  );
  await boss.work<SendBulkJob>(SEND_BULK_QUEUE, { ...polling, batchSize: 1 }, async ([job]) => {
    if (!job) return;
    const { type } = job.data;
    return withLogContext({ queue: SEND_BULK_QUEUE, documentType: type }, () =>
      sendAllUnsent(db, type, sendOptions),
    );
  });
  await boss.work(RESUME_QUEUE, async () => {
    await resumeHeldDocuments(db, { quietMs: Math.min(60_000, sendOptions.retry.maxDelayMs) });
  });
  await boss.work(KEEP_ALIVE_QUEUE, async () => {
    await refreshIdleConnection(db);
  });
  await boss.work(READ_BACK_QUEUE, { ...polling, batchSize: 1 }, async () => {
    const again = async () => {
      await boss.send(READ_BACK_QUEUE, {}, { singletonKey: READ_BACK_KEY, startAfter: 1 });
    };
    await withLogContext({ queue: READ_BACK_QUEUE }, () => readBackEvents(db, { again }));
  });
  const webhooks = options.webhooks ?? Boolean(env.XERO_WEBHOOK_KEY);
  await boss.work<ReadBackPollJob>(READ_BACK_POLL_QUEUE, { ...polling, batchSize: 1 }, async ([job]) => {
    const round = job?.data.round ?? "live";
    await withLogContext({ queue: READ_BACK_POLL_QUEUE }, () => pollReadBack(db, { round, webhooks }));
  });
  await registerContactJobs(boss, db, polling);
  await registerItemJobs(boss, db, polling);
  await registerConnectionCheck(
    boss,
    db,
    options.connectionCheckMinutes ?? env.XERO_CONNECTION_CHECK_MINUTES,
  );
  await boss.schedule(RESUME_QUEUE, "* * * * *");
  // Daily, at a quiet hour; refreshIdleConnection does nothing for a connection used recently.
  await boss.schedule(KEEP_ALIVE_QUEUE, "17 3 * * *");
  // Stored webhook events whose job was lost (a crash between commit and send) are read each minute.
  await boss.schedule(READ_BACK_QUEUE, "* * * * *", {}, { singletonKey: READ_BACK_KEY });
  // Every worker asks for each round on a timer; the queue's one waiting job per key makes it one
  // poll of each round across processes.
  const ask = (round: ReadBackPollJob["round"], key: string, slotSeconds?: number) =>
    boss
      .send(
        READ_BACK_POLL_QUEUE,
        { round },
        slotSeconds ? { singletonKey: key, singletonSeconds: slotSeconds } : { singletonKey: key },
      )
      .catch((error: unknown) => logger.warn({ err: error, round }, "Could not queue the read-back poll."));
  const liveSeconds = options.readBackPollSeconds ?? env.XERO_READ_BACK_POLL_SECONDS;
  const catchUpSeconds = options.readBackCatchUpSeconds ?? env.XERO_READ_BACK_CATCH_UP_MINUTES * 60;
  const pollers: NodeJS.Timeout[] = [];
  if (liveSeconds > 0) pollers.push(setInterval(() => void ask("live", READ_BACK_KEY), liveSeconds * 1000));
  if (catchUpSeconds > 0) {
    // The catch-up round is counted in the database's time slots of its interval (pg-boss keeps one
    // job a slot), not from this process's start: asked for now and every minute, it runs once an
    // interval however often workers restart. Timed from each start, a worker restarted more often
    // than the interval (a deploy, a crash loop) would never catch up at all.
    const catchUp = () => ask("catch-up", READ_BACK_CATCH_UP_KEY, catchUpSeconds);
    await catchUp();
    pollers.push(setInterval(() => void catchUp(), Math.min(catchUpSeconds, 60) * 1000));
  }
  for (const poller of pollers) poller.unref();

  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? env.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    forgetSyncProducer(boss);
    for (const poller of pollers) clearInterval(poller);
    // Every queue's workers stop fetching now, before the first await; boss.stop() would only get
    // to them after a round trip, and a job taken in between would be one more to wait for.
    const working = boss.getWipData();
    const running = working.reduce((sum, worker) => sum + worker.count, 0);
    await Promise.all(
      [...new Set(working.map((worker) => worker.name))].map((name) => boss.offWork(name, { wait: false })),
    );
    logger.info(`No longer taking jobs; waiting up to ${shutdownTimeoutMs / 1000} s for ${running} running.`);
    // pg-boss waits for the running handlers until the deadline, then fails the jobs still running
    // into their retry ("pg-boss shut down while active") and closes its pool.
    await boss.stop({ graceful: true, timeout: shutdownTimeoutMs });
    if (held.size === 0) {
      logger.info("Stopped with no document left mid-send.");
    } else {
      let released = 0;
      for (const [type, ids] of held.byType()) released += await releaseSendLeases(db, type, ids);
      logger.warn(`Deadline reached: ${released} document(s) handed back to be sent again.`);
    }
    await close();
  };
  return () => (stopping ??= stop());
}
