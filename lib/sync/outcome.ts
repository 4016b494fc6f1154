import type { Db } from "@/lib/db/client";
import { insertSyncLog, releaseSyncState } from "@/lib/db/queries/sync-states";
import type { SyncDocumentType, SyncOutcome, SyncState } from "@/lib/db/schema";
import { NEEDS_RECONNECT_MESSAGE, XeroError } from "@/lib/xero/api/errors";
import { MappingError } from "@/lib/xero/mappers";

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

/** What a failure means for the document: its new state, the log outcome, and whether to retry. */
export interface FailureVerdict {
  state: SyncState;
  outcome: SyncOutcome;
  message: string;
  retry: boolean;
  status: number | null;
}

/**
 * Errors are for people (design.md §4): auth holds the document until reconnected; validation and
 * mapping problems wait for a person with Xero's own words; locked documents stop for good;
 * rate limits, timeouts, network errors and 5xx retry with backoff until the retries run out.
 */
export function judgeFailure(error: unknown, retriesLeft: boolean): FailureVerdict {
  if (error instanceof MappingError) {
    return { state: "failed", outcome: "failed", message: error.message, retry: false, status: null };
  }
  if (error instanceof NothingToSend) {
    return { state: "not_sent", outcome: "skipped", message: error.message, retry: false, status: null };
  }
  if (error instanceof SendLater) {
    return { state: "queued", outcome: "retrying", message: error.message, retry: true, status: null };
  }
  if (error instanceof XeroError) {
    switch (error.kind) {
      case "auth":
        return {
          state: "waiting_reconnect",
          outcome: "waiting",
          message: error.status ? `${NEEDS_RECONNECT_MESSAGE} (${error.message})` : error.message,
          retry: false,
          status: error.status || null,
        };
      case "validation":
        return {
          state: "failed",
          outcome: "failed",
          message: error.message,
          retry: false,
          status: error.status,
        };
      case "locked":
        return {
          state: "locked",
          outcome: "locked",
          message: error.message,
          retry: false,
          status: error.status,
        };
      case "not_found":
        return {
          state: "locked",
          outcome: "locked",
          message: `The document no longer exists in Xero (${error.message}).`,
          retry: false,
          status: error.status,
        };
      case "rate_limit":
      case "transient":
        return retriesLeft
          ? {
              state: "queued",
              outcome: "retrying",
              message: error.message,
              retry: true,
              status: error.status || null,
            }
          : {
              state: "failed",
              outcome: "failed",
              message: error.message,
              retry: false,
              status: error.status || null,
            };
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return retriesLeft
    ? { state: "queued", outcome: "retrying", message, retry: true, status: null }
    : { state: "failed", outcome: "failed", message, retry: false, status: null };
}

/** Stores a failure on the document and in the sync log. */
export async function recordSendFailure(
  db: Db,
  doc: { type: SyncDocumentType; id: string; number: string | null },
  verdict: FailureVerdict,
  details: { operation: string; attempt: number; durationMs: number },
): Promise<void> {
  await releaseSyncState(db, doc.type, doc.id, { state: verdict.state, lastError: verdict.message });
  await insertSyncLog(db, {
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
}
