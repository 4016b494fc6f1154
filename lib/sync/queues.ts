import type { PgBoss, Queue } from "pg-boss";
import type { SyncDocumentType } from "@/lib/db/schema";

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
/** The daily token keep-alive (refresh tokens die after 60 days unused: certification 8.3). */
export const KEEP_ALIVE_QUEUE = "xero-keep-alive";

/** A job names the document, never a payload: the worker sends the document as it is now. */
export interface SendDocumentJob {
  type: SyncDocumentType;
  id: string;
}

export interface SendBulkJob {
  type: SyncDocumentType;
}

export const documentKey = (job: SendDocumentJob): string => `${job.type}:${job.id}`;

/** How failed sends come back: exponential backoff with jitter (pg-boss retryBackoff), capped. */
export interface RetryOptions {
  retryLimit: number;
  /** Seconds before the first retry; doubles each time, with jitter. */
  retryDelay: number;
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

/** Creates (or updates) every queue; safe to call from every process at start. */
export async function ensureQueues(boss: PgBoss, retry: RetryOptions = DEFAULT_RETRY): Promise<void> {
  const { retryDelayMax, ...rest } = retry;
  const queues: [string, Omit<Queue, "name">][] = [
    [SEND_DOCUMENT_QUEUE, { policy: "stately", retryBackoff: true, notify: true, retryDelayMax, ...rest }],
    [SEND_BULK_QUEUE, { policy: "stately", notify: true, retryLimit: 3, expireInSeconds: 3600 }],
    [RESUME_QUEUE, { policy: "singleton", retryLimit: 0 }],
    [KEEP_ALIVE_QUEUE, { policy: "singleton", retryLimit: 2 }],
  ];
  for (const [name, options] of queues) {
    await boss.createQueue(name, options);
    // createQueue leaves an existing queue alone; retry settings may have changed since.
    const { policy: _policy, retryDelayMax: _max, ...changeable } = options;
    await boss.updateQueue(name, changeable);
  }
}
