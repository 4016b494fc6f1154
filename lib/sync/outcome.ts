import type { Db } from "@/lib/db/client";
import { insertSyncLog, releaseSyncState } from "@/lib/db/queries/sync-states";
import type { SyncDocumentType, SyncOutcome, SyncState } from "@/lib/db/schema";
import { NEEDS_RECONNECT_MESSAGE, XeroError } from "@/lib/xero/api/errors";
import { MappingError } from "@/lib/xero/mappers";
import { enqueueDocuments } from "./enqueue";

/** A send that must wait its turn (another sender holds the document, or its order is on its way). */
export class SendLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SendLater";
  }
}

/** Nothing to send, and nothing to retry: the reason is shown on the document. */
export class NothingToSend extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NothingToSend";
  }
}

/**
 * How a document that Xero could not answer comes back: after `firstDelayMs`, doubling with each
 * failed attempt up to `maxDelayMs`, and never giving up. Transient means wait, not fail
 * (docs/sync.md#errors-are-for-people): an outage of any length ends with the document in Xero, not `failed`.
 */
export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { firstDelayMs: 2000, maxDelayMs: 600_000 };

/**
 * The wait after failed attempt number `attempt` (1 = the first): `firstDelayMs · 2^(attempt-1)`,
 * capped, with "equal jitter" (half fixed, half random) so documents that failed together don't all
 * come back in the same second.
 */
export function backoffDelayMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** A few seconds' spread over Xero's Retry-After, so a crowd held by one 429 doesn't return at once. */
const RATE_LIMIT_SPREAD_MS = 2000;

/** What a failure means for the document: its new state, the log outcome, and when it goes again. */
export interface FailureVerdict {
  state: SyncState;
  outcome: SyncOutcome;
  message: string;
  status: number | null;
  /** When the document goes again by itself; null when it waits for a person or an event (a reconnect, a contact link). */
  retryInMs: number | null;
  /**
   * False when the failure was not the document's attempt failing: Xero's rate limit (a 429, or our
   * share of Xero's budget used up) or another sender holding it. The attempt count stays, and the
   * backoff does not grow.
   */
  countsAsAttempt: boolean;
}

/**
 * Errors are for people (docs/sync.md#errors-are-for-people), and only Xero's definite refusals need one:
 * - validation and mapping problems: `failed`, with Xero's own words, until a person acts;
 * - locked or gone in Xero: `locked`, nothing retries;
 * - auth: held until an admin reconnects;
 * - rate limits: queued until Xero's Retry-After (or our budget's window) has passed, without
 *   counting as an attempt;
 * - anything else (unreachable, timeouts, 5xx, an unexpected error): `waiting_for_xero`, back with
 *   {@link backoffDelayMs} after attempt number `attempt`, for as long as it takes.
 */
export function judgeFailure(
  error: unknown,
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): FailureVerdict {
  const person = (state: SyncState, outcome: SyncOutcome, message: string, status: number | null) => ({
    state,
    outcome,
    message,
    status,
    retryInMs: null,
    countsAsAttempt: true,
  });
  if (error instanceof MappingError) return person("failed", "failed", error.message, null);
  if (error instanceof NothingToSend) return person("not_sent", "skipped", error.message, null);
  if (error instanceof SendLater) {
    return {
      state: "queued",
      outcome: "waiting",
      message: error.message,
      status: null,
      retryInMs: backoffDelayMs(1, policy, random) + policy.firstDelayMs,
      countsAsAttempt: false,
    };
  }
  if (error instanceof XeroError) {
    const status = error.status || null;
    switch (error.kind) {
      case "auth":
        return person(
          "waiting_reconnect",
          "waiting",
          error.status ? `${NEEDS_RECONNECT_MESSAGE} (${error.message})` : error.message,
          status,
        );
      case "validation":
        return person("failed", "failed", error.message, status);
      case "locked":
        return person("locked", "locked", error.message, status);
      case "not_found":
        return person(
          "locked",
          "locked",
          `The document no longer exists in Xero (${error.message}).`,
          status,
        );
      case "rate_limit":
        return {
          state: "queued",
          outcome: "waiting",
          message: error.status === 429 ? rateLimitMessage(error) : error.message,
          status,
          retryInMs: (error.retryAfterSeconds ?? 60) * 1000 + Math.round(RATE_LIMIT_SPREAD_MS * random()),
          countsAsAttempt: false,
        };
      case "transient":
        break;
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    state: "waiting_for_xero",
    outcome: "retrying",
    message,
    status: error instanceof XeroError ? error.status || null : null,
    retryInMs: backoffDelayMs(attempt, policy, random),
    countsAsAttempt: true,
  };
}

/** Xero's 429, in the words the rate limiter uses for the same wait (lib/xero/rate-limit.ts). */
function rateLimitMessage(error: XeroError): string {
  const limit =
    error.rateLimitProblem === "day"
      ? "daily call limit"
      : error.rateLimitProblem === "minute"
        ? "minute limit"
        : "rate limit";
  return `Waiting for Xero's ${limit} (${error.message})`;
}

/**
 * Stores a failure on the document and in the sync log and, when the document goes again by itself,
 * schedules its job for then — all in one transaction, so a crash cannot leave a waiting document
 * without the job that ends its wait (the minute's sweep re-queues one anyway: lib/sync/resume.ts).
 */
export async function recordSendFailure(
  db: Db,
  doc: { type: SyncDocumentType; id: string; number: string | null },
  verdict: FailureVerdict,
  details: { operation: string; attempt: number; durationMs: number },
): Promise<void> {
  const nextAttemptAt = verdict.retryInMs === null ? null : new Date(Date.now() + verdict.retryInMs);
  await db.transaction(async (tx) => {
    await releaseSyncState(tx, doc.type, doc.id, {
      state: verdict.state,
      lastError: verdict.message,
      nextAttemptAt,
      // The claim counted this attempt; a wait for Xero's rate limit is not one.
      ...(verdict.countsAsAttempt ? {} : { attempts: Math.max(0, details.attempt - 1) }),
    });
    await insertSyncLog(tx, {
      recordType: doc.type,
      recordId: doc.id,
      recordNumber: doc.number,
      operation: details.operation,
      outcome: verdict.outcome,
      durationMs: details.durationMs,
      message: verdict.message,
      attempt: details.attempt,
      httpStatus: verdict.status,
    });
    if (nextAttemptAt)
      await enqueueDocuments(tx, [{ type: doc.type, id: doc.id }], { startAfter: nextAttemptAt });
  });
}
