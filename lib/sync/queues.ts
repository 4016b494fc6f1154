import type { PgBoss, Queue } from "pg-boss";
import type { SyncDocumentType } from "@/lib/db/schema";
import type { RetryPolicy } from "./outcome";

/**
 * One queue for every document type. Xero's budget is per organisation, not per type, so separate
 * queues would only split the same five slots; the queue is `stately` with the singleton key
 * `type:id`, so a document has at most one job waiting and one running across every worker —
 * five quick edits while a send is waiting collapse into that one job (latest state wins).
 */
export const SEND_DOCUMENT_QUEUE = "xero-send-document";
/** "Send all unsent" per type: one job per type at a time (singleton key = the type). */
export const SEND_BULK_QUEUE = "xero-send-bulk";
/** Re-queues documents held for a reconnect or a contact link once the reason has gone. */
export const RESUME_QUEUE = "xero-sync-resume";
/** The daily token keep-alive (refresh tokens die after 60 days unused: docs/certification.md#offline-access-and-token-lifetime). */
export const KEEP_ALIVE_QUEUE = "xero-keep-alive";

/**
 * Read-back of documents Xero's webhooks named (lib/sync/read-back.ts): one job waiting and one
 * running at most (stately, one singleton key), so a burst of events becomes a few batched reads.
 */
export const READ_BACK_QUEUE = "xero-read-back";
/**
 * The poller that reads what Xero changed (lib/sync/read-back.ts pollReadBack), in two rounds: the
 * live one (everything without webhooks; quotes and purchase orders, which have none, always) and
 * the slower catch-up one. One job waiting per round (its own singleton key).
 */
export const READ_BACK_POLL_QUEUE = "xero-read-back-poll";
export const READ_BACK_KEY = "read-back";
export const READ_BACK_CATCH_UP_KEY = "read-back-catch-up";

export interface ReadBackPollJob {
  round: "live" | "catch-up";
}

/** A job names the document, never a payload: the worker sends the document as it is now. */
export interface SendDocumentJob {
  type: SyncDocumentType;
  id: string;
}

export interface SendBulkJob {
  type: SyncDocumentType;
}

export const documentKey = (job: SendDocumentJob): string => `${job.type}:${job.id}`;

/**
 * How sends come back. A document Xero could not answer is rescheduled by the sync code itself,
 * for as long as it takes (lib/sync/outcome.ts: `retryDelay` doubling up to `retryDelayMax`);
 * pg-boss's own retries (`retryLimit`, same delays) only bring back a job whose worker died or
 * that threw unexpectedly.
 */
export interface RetryOptions {
  retryLimit: number;
  /** Seconds before the first retry; doubles each time, with jitter. Fractions are fine. */
  retryDelay: number;
  /** The longest wait between two attempts, in seconds. */
  retryDelayMax: number;
  /** A job running longer than this is presumed dead (its worker killed) and retried. */
  expireInSeconds: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  retryLimit: 8,
  retryDelay: 2,
  retryDelayMax: 600,
  // A send waits at most 20 s for a rate slot, then makes at most two 30 s calls (one after a
  // token refresh), plus the database work.
  expireInSeconds: 120,
};

/** pg-boss's shortest heartbeat: a bulk job whose worker died is retried this long after. */
export const BULK_HEARTBEAT_SECONDS = 10;

/** The sync code's own retry policy from the worker's options. */
export function retryPolicyOf(retry: RetryOptions): RetryPolicy {
  return { firstDelayMs: retry.retryDelay * 1000, maxDelayMs: retry.retryDelayMax * 1000 };
}

/** Creates (or updates) every queue; safe to call from every process at start. */
export async function ensureQueues(boss: PgBoss, retry: RetryOptions = DEFAULT_RETRY): Promise<void> {
  // pg-boss counts in whole seconds.
  const jobRetry = {
    retryLimit: retry.retryLimit,
    retryDelay: Math.max(1, Math.round(retry.retryDelay)),
    expireInSeconds: retry.expireInSeconds,
  };
  const retryDelayMax = Math.max(jobRetry.retryDelay, Math.round(retry.retryDelayMax));
  const queues: [string, Omit<Queue, "name">][] = [
    [
      SEND_DOCUMENT_QUEUE,
      { policy: "stately", retryBackoff: true, notify: true, retryDelayMax, ...jobRetry },
    ],
    // A bulk send may rightly run for many minutes (Xero's 60 calls a minute), so its expiry is long;
    // the heartbeat (pg-boss sends it while the handler runs) is what frees the type's one bulk slot
    // within seconds when a worker is killed mid-send, instead of blocking "Send unsent" for an hour.
    [
      SEND_BULK_QUEUE,
      {
        policy: "stately",
        notify: true,
        retryLimit: 3,
        expireInSeconds: 3600,
        heartbeatSeconds: BULK_HEARTBEAT_SECONDS,
      },
    ],
    [RESUME_QUEUE, { policy: "singleton", retryLimit: 0 }],
    [KEEP_ALIVE_QUEUE, { policy: "singleton", retryLimit: 2 }],
    [READ_BACK_QUEUE, { policy: "stately", notify: true, retryLimit: 5, retryDelay: 5, retryBackoff: true }],
    [READ_BACK_POLL_QUEUE, { policy: "stately", notify: true, retryLimit: 0 }],
  ];
  for (const [name, options] of queues) {
    await boss.createQueue(name, options);
    // createQueue leaves an existing queue alone; retry settings may have changed since.
    const { policy: _policy, retryDelayMax: _max, ...changeable } = options;
    await boss.updateQueue(name, changeable);
  }
}
