import type { Db } from "@/lib/db/client";
import { markAllocationWaiting, settleAllocation } from "@/lib/db/queries/credit-notes";
import { loadSyncDocument, type SyncDocument } from "@/lib/db/queries/sync-documents";
import {
  claimSyncState,
  endRefusedRequests,
  followOrderDraft,
  getSyncState,
  insertSyncLog,
  markSent,
  storeXeroStatus,
  markUnchanged,
  releaseSyncState,
  savePendingCreate,
} from "@/lib/db/queries/sync-states";
import type { DocumentSyncState, PendingCreate, SyncState } from "@/lib/db/schema";
import { ensureXeroContact } from "@/lib/linking/contacts";
import {
  createXeroDocuments,
  updateXeroDocument,
  type XeroDocumentPayload,
  type XeroDocumentResult,
} from "@/lib/xero/api/documents";
import { XeroError } from "@/lib/xero/api/errors";
import { withXero, type XeroApi } from "@/lib/xero/api/session";
import { logger } from "@/lib/ops/logger";
import { allocateCredit, releaseCredit } from "./allocation";
import { replayBatch } from "./bulk-send";
import type { HeldDocuments } from "./held-documents";
import { judgeFailure, NothingToSend, recordSendFailure, SendLater, type RetryPolicy } from "./outcome";
import { buildPayload, createKey, ENDPOINT, payloadHash, updateKey, withNotes } from "./payload";
import {
  isDefiniteRefusal,
  isEnding,
  lockedReason,
  pendingAllocation,
  planSend,
  statusSteps,
  type CreditAllocation,
  statusToSend,
  type SendFacts,
  type SendPlan,
} from "./planner";
import type { SendDocumentJob } from "./queues";
import { loadSendFacts } from "./send-facts";

/** What the worker passes every send. */
export interface SendOptions {
  appUrl: string;
  /** Time limit of one Xero call. */
  timeoutMs: number;
  /** How long a sender holds a document; longer than a send can take. */
  leaseMs: number;
  /** When a document Xero could not answer goes again. */
  retry: RetryPolicy;
  /** The worker's record of the documents it holds, so it can let go of them when it stops. */
  held?: HeldDocuments;
}

interface Sent {
  operation: string;
  result: XeroDocumentResult;
  /** What the payload Xero took shortened to Xero's limits (lib/xero/limits.ts). */
  notes: string[];
  /** The revision Xero now holds, when not the one claimed (a replay of an older create). */
  revision?: number;
  /** The hash of the payload Xero took whole; absent when the send carried only a status. */
  payloadHash?: string;
}

/** A plan that makes calls to Xero. */
type SendingPlan = Extract<SendPlan, { kind: "create" | "update" | "take_over_draft" | "replay" | "status" }>;

/**
 * Sends one document to Xero as it is now, doing what the planner (lib/sync/planner.ts) decides. A
 * create is first persisted with its Idempotency-Key (record + revision), so a lost answer — a
 * timeout, a worker killed mid-send — is resent byte for byte and Xero answers it from its
 * idempotency store instead of creating twice. A failure is recorded and, when the document goes
 * again by itself, its next job scheduled (lib/sync/outcome.ts); it throws only when another
 * sender holds the document, to ask pg-boss for a retry.
 */
export async function sendDocument(db: Db, job: SendDocumentJob, options: SendOptions): Promise<void> {
  const existing = await getSyncState(db, job.type, job.id);
  if (!existing || existing.state === "locked") return;
  const state = await claimSyncState(db, job.type, job.id, options.leaseMs);
  if (!state) throw new SendLater("Another worker is sending this document.");
  options.held?.add(job.type, [job.id]);
  try {
    await sendClaimed(db, job, existing, state, options);
  } finally {
    options.held?.delete(job.type, [job.id]);
  }
}

async function sendClaimed(
  db: Db,
  job: SendDocumentJob,
  existing: DocumentSyncState,
  state: DocumentSyncState,
  options: SendOptions,
): Promise<void> {
  const started = performance.now();
  const doc = await loadSyncDocument(db, job.type, job.id);
  if (!doc) {
    await releaseSyncState(db, job.type, job.id, {
      state: "not_sent",
      lastError: "The document no longer exists.",
    });
    return;
  }
  const facts = (await loadSendFacts(db, [{ doc, state }], { appUrl: options.appUrl })).get(doc.id);
  if (!facts) throw new Error(`No send facts for ${doc.type} ${doc.id}`);
  const plan = planSend(facts);
  let operation =
    plan.kind === "status"
      ? `status ${[plan.heldStatus, ...plan.steps].join(" → ")}`
      : state.xeroId
        ? "update"
        : "create";
  try {
    if (plan.kind === "skip" && plan.unchanged) {
      // Only what Xero doesn't keep changed: Xero holds this revision too. No call, no log entry.
      await markUnchanged(db, doc.type, doc.id, {
        revision: state.revision,
        attemptsBefore: existing.attempts,
      });
      return;
    }
    if (plan.kind === "skip" && plan.upToDate) {
      // The same job delivered twice, or a change already sent by an earlier job.
      await releaseSyncState(db, doc.type, doc.id, { state: "sent", attempts: existing.attempts });
      return;
    }
    if (plan.kind === "skip") throw new NothingToSend(plan.message);
    if (
      plan.kind === "wait" &&
      (plan.reason === "order" || plan.reason === "invoice" || plan.reason === "credited")
    )
      throw new SendLater(plan.message);
    if (plan.kind === "wait") {
      // A currency the organisation has not enabled needs a person (enable it, or change the
      // document): failed, with the planner's message; it never retries by itself.
      const held =
        plan.reason === "contact"
          ? "waiting_for_contact"
          : plan.reason === "currency"
            ? "failed"
            : "waiting_reconnect";
      return await hold(
        db,
        doc,
        { operation, attempt: state.attempts, state: held, message: plan.message },
        started,
      );
    }
    if (plan.kind === "locked") throw new XeroError({ kind: "locked", message: plan.message });
    if (plan.kind === "allocate") {
      operation = "allocate";
      return await allocate(db, doc, plan.xeroId, plan.allocateTo, state, options, started);
    }

    if ("createContact" in plan && plan.createContact) {
      const contactId = await createContact(db, doc);
      if (!contactId) {
        const message = `Link ${doc.party.name} to a Xero contact: the ${doc.party.kind} isn't linked yet.`;
        return await hold(
          db,
          doc,
          { operation, attempt: state.attempts, state: "waiting_for_contact", message },
          started,
        );
      }
      doc.party.xeroContactId = contactId;
    }
    const sent = await withXero(db, (api) => deliver(db, api, doc, facts, plan, options), {
      timeoutMs: options.timeoutMs,
    });
    operation = sent.operation;
    await db.transaction(async (tx) => {
      await markSent(tx, doc.type, doc.id, {
        revision: sent.revision ?? state.revision,
        xeroId: sent.result.id,
        xeroNumber: sent.result.number,
        xeroStatus: sent.result.status,
        xeroTotal: sent.result.total,
        factoryTotal: doc.total,
        xeroCurrencyRate: sent.result.currencyRate,
        xeroNotes: sent.notes,
        sentSnapshot: sent.result.snapshot,
        payloadHash: sent.payloadHash,
        xeroUpdatedAt: sent.result.updatedAt,
      });
      if (doc.type === "invoice" && doc.parent) {
        await followOrderDraft(tx, doc.parent.id, {
          xeroId: sent.result.id,
          xeroStatus: sent.result.status,
          xeroUpdatedAt: sent.result.updatedAt,
        });
      }
      await insertSyncLog(tx, {
        recordType: doc.type,
        recordId: doc.id,
        recordNumber: doc.number,
        operation,
        outcome: "success",
        durationMs: performance.now() - started,
        attempt: state.attempts,
        xeroId: sent.result.id,
        message: withNotes(sent.result.number ? `Xero number ${sent.result.number}` : null, sent.notes),
      });
    });
    logger.info(
      { operation, xeroNumber: sent.result.number, durationMs: Math.round(performance.now() - started) },
      "Sent to Xero.",
    );
    const allocateTo = pendingAllocation(facts);
    if (allocateTo) {
      operation = "allocate";
      await allocate(db, doc, sent.result.id, allocateTo, state, options, performance.now());
    }
  } catch (error) {
    const verdict = judgeFailure(error, state.attempts, options.retry);
    logger.warn(
      {
        err: error,
        operation,
        state: verdict.state,
        httpStatus: verdict.status,
        retryInMs: verdict.retryInMs,
      },
      "The send did not go through.",
    );
    // Ended before the failure is shown, so whoever sees "failed" sees the request ended too.
    if (isDefiniteRefusal(error)) await endRefusedRequests(db, doc.type, [doc.id]);
    await recordSendFailure(db, { type: doc.type, id: doc.id, number: doc.number }, verdict, {
      operation,
      attempt: state.attempts,
      durationMs: performance.now() - started,
    });
  }
}

/**
 * Allocates a credit note Xero holds to its invoice (bill) (lib/sync/allocation.ts), then records the
 * allocation as settled with its sync log in one transaction; one waiting for its invoice (bill) to be
 * approved in Xero is logged and left unsettled, for read-back to queue again. A failure is the send's failure: the
 * credit note stays unsettled, and its next attempt plans the allocation again (never the create).
 * Its refusal (Xero's own words) waits for a person; no revision is spent, as nothing was created.
 */
async function allocate(
  db: Db,
  doc: SyncDocument,
  creditXeroId: string,
  to: CreditAllocation,
  state: DocumentSyncState,
  options: SendOptions,
  started: number,
): Promise<void> {
  try {
    const outcome = await withXero(db, (api) => allocateCredit(api, doc, creditXeroId, to), {
      timeoutMs: options.timeoutMs,
    });
    await db.transaction(async (tx) => {
      // An allocation waiting for its invoice (bill) to be approved in Xero stays unsettled.
      if (outcome.pending) await markAllocationWaiting(tx, doc.id);
      else await settleAllocation(tx, doc.id, outcome.amount);
      await releaseSyncState(tx, doc.type, doc.id, { state: "sent", lastError: null, attempts: 0 });
      // PAID once all is allocated: no fresh copy says so, so it is stored with the time of the copy
      // read before allocating, and a copy read back from before the allocation can't undo it.
      if (outcome.status) {
        await storeXeroStatus(tx, doc.type, doc.id, {
          xeroStatus: outcome.status,
          xeroUpdatedAt: outcome.updatedAt,
        });
      }
      await insertSyncLog(tx, {
        recordType: doc.type,
        recordId: doc.id,
        recordNumber: doc.number,
        operation: "allocate",
        outcome: "success",
        durationMs: performance.now() - started,
        attempt: state.attempts,
        xeroId: creditXeroId,
        message: outcome.message,
      });
    });
  } catch (error) {
    const verdict = judgeFailure(error, state.attempts, options.retry);
    logger.warn(
      { err: error, operation: "allocate", state: verdict.state },
      "The allocation did not go through.",
    );
    await recordSendFailure(db, { type: doc.type, id: doc.id, number: doc.number }, verdict, {
      operation: "allocate",
      attempt: state.attempts,
      durationMs: performance.now() - started,
    });
  }
}

/**
 * Contacts first: a contact created or matched now for an unlinked party (settings allow it), one
 * party at a time (`ensureXeroContact` holds the party's lock) — a second document of the same new
 * customer waits for the first's contact and then finds the party linked, instead of racing it to Xero.
 */
async function createContact(db: Db, doc: SyncDocument): Promise<string | null> {
  const outcome = await ensureXeroContact(db, { kind: doc.party.kind, id: doc.party.id });
  return outcome.status === "linked" ? outcome.contactId : null;
}

/** Holds the document without failing it: it goes again once the reason has gone (resume.ts). */
async function hold(
  db: Db,
  doc: SyncDocument,
  held: {
    operation: string;
    attempt: number;
    state: Extract<SyncState, "waiting_for_contact" | "waiting_reconnect" | "failed">;
    message: string;
  },
  started: number,
): Promise<void> {
  const outcome = held.state === "failed" ? "failed" : "waiting";
  await recordSendFailure(
    db,
    doc,
    {
      state: held.state,
      outcome,
      message: held.message,
      status: null,
      retryInMs: null,
      countsAsAttempt: true,
    },
    { operation: held.operation, attempt: held.attempt, durationMs: performance.now() - started },
  );
}

/** Makes the call(s) the plan names. */
async function deliver(
  db: Db,
  api: XeroApi,
  doc: SyncDocument,
  facts: SendFacts,
  plan: SendingPlan,
  options: SendOptions,
): Promise<Sent> {
  const endpoint = ENDPOINT[doc.type];
  switch (plan.kind) {
    case "replay": {
      const replayed = await replayCreate(db, api, doc, plan.pending);
      const notes = plan.pending.notes ?? [];
      const replayedHash = payloadHash(plan.pending.payload);
      if (plan.pending.revision === facts.state.revision)
        return { operation: "create (replayed)", result: replayed, notes, payloadHash: replayedHash };
      // Factory changed the document since that create: plan again with Xero's answer in hand.
      const next = planSend({
        ...facts,
        state: {
          ...facts.state,
          xeroId: replayed.id,
          xeroStatus: replayed.status,
          sentRevision: plan.pending.revision,
          pendingCreate: null,
          sentPayloadHash: replayedHash,
        },
        // Compared with what the replay sent, as the planner would after storing it.
        payloadHash: await buildPayload(db, doc, options.appUrl).then(payloadHash, () => null),
      });
      if (next.kind === "skip" && next.unchanged)
        return { operation: "create (replayed)", result: replayed, notes, payloadHash: replayedHash };
      if (next.kind !== "update" && next.kind !== "status") {
        return {
          operation: "create (replayed)",
          result: replayed,
          revision: plan.pending.revision,
          notes,
          payloadHash: replayedHash,
        };
      }
      const updated = await deliver(db, api, doc, facts, next, options);
      return {
        operation: `create (replayed) + ${updated.operation}`,
        result: updated.result,
        notes: updated.notes,
        payloadHash: updated.payloadHash ?? replayedHash,
      };
    }
    case "status": {
      const notes: string[] = [];
      // A credit note is voided once its allocation is off again (the planner's creditRelease).
      const released = plan.release ? await releaseCredit(api, plan.xeroId, plan.release) : null;
      const moved = await moveStatus(db, api, doc, facts, plan.xeroId, plan.steps, options, notes);
      const unallocated =
        released && plan.release && Number(released) > 0
          ? `allocation of ${released} to ${plan.release.type} ${plan.release.number} removed + `
          : "";
      return {
        operation: `${unallocated}status ${[plan.heldStatus, ...plan.steps].join(" → ")}`,
        result: moved.result,
        notes,
        payloadHash: moved.payloadHash,
      };
    }
    case "update": {
      const notes: string[] = [];
      const built = await buildPayload(db, doc, options.appUrl, notes);
      const key = updateKey(doc.type, doc.id, facts.state.revision, "update");
      const result = await updateXeroDocument(
        api,
        endpoint,
        plan.xeroId,
        forward(doc, built, plan.heldStatus),
        key,
      );
      assertEditable(doc, result);
      return { operation: "update", result, notes, payloadHash: payloadHash(built) };
    }
    case "take_over_draft": {
      const notes: string[] = [];
      const payload = await buildPayload(db, doc, options.appUrl, notes);
      try {
        const key = updateKey(doc.type, doc.id, facts.state.revision, "take-over");
        const result = await updateXeroDocument(
          api,
          endpoint,
          plan.xeroId,
          forward(doc, payload, plan.heldStatus),
          key,
        );
        assertEditable(doc, result);
        return {
          operation: "update order draft to AUTHORISED",
          result,
          notes,
          payloadHash: payloadHash(payload),
        };
      } catch (error) {
        // The order's draft was deleted or voided in Xero: the invoice gets a document of its own.
        if (!(error instanceof XeroError && (error.kind === "not_found" || error.kind === "locked")))
          throw error;
      }
      return {
        operation: "create",
        result: await create(db, api, doc, facts, payload, notes),
        notes,
        payloadHash: payloadHash(payload),
      };
    }
    case "create": {
      const notes: string[] = [];
      const payload = await buildPayload(db, doc, options.appUrl, notes);
      const created = await create(db, api, doc, facts, payload, notes);
      const hash = payloadHash(payload);
      const steps = plan.then ? (statusSteps(doc.type, created.status, plan.then) ?? []) : [];
      if (steps.length === 0) return { operation: "create", result: created, notes, payloadHash: hash };
      // Accepted, billed… before it ever reached Xero: created as the mapper says, then moved on. A
      // step that fails leaves the create stored, so the next attempt replays it and moves on again.
      const moved = await moveStatus(db, api, doc, facts, created.id, steps, options, notes);
      return {
        operation: `create + status ${[created.status, ...steps].join(" → ")}`,
        result: moved.result,
        notes,
        payloadHash: hash,
      };
    }
  }
}

/**
 * Takes Xero's copy through `steps`, one update each, in Xero's order: an ending (DELETED, VOIDED) as
 * the status alone, any other step as the document now is with that status. Each step has its own
 * Idempotency-Key, so a retried step is answered from Xero's store.
 */
async function moveStatus(
  db: Db,
  api: XeroApi,
  doc: SyncDocument,
  facts: SendFacts,
  xeroId: string,
  steps: readonly string[],
  options: SendOptions,
  notes: string[],
): Promise<{ result: XeroDocumentResult; payloadHash?: string }> {
  const endpoint = ENDPOINT[doc.type];
  const needsDocument = steps.some((step) => !isEnding(step));
  const payload = needsDocument ? await buildPayload(db, doc, options.appUrl, notes) : undefined;
  let result: XeroDocumentResult | undefined;
  for (const step of steps) {
    const body = (
      isEnding(step) || !payload ? { Status: step } : { ...payload, Status: step }
    ) as XeroDocumentPayload;
    const key = updateKey(doc.type, doc.id, facts.state.revision, `status-${step}`);
    result = await updateXeroDocument(api, endpoint, xeroId, body, key);
  }
  if (!result) throw new Error("A status change with no steps");
  return payload ? { result, payloadHash: payloadHash(payload) } : { result };
}

async function create(
  db: Db,
  api: XeroApi,
  doc: SyncDocument,
  facts: SendFacts,
  payload: XeroDocumentPayload,
  notes: string[],
): Promise<XeroDocumentResult> {
  const pending: PendingCreate = {
    idempotencyKey: createKey(doc.type, doc.id, facts.state.revision),
    revision: facts.state.revision,
    payload,
    ...(notes.length > 0 ? { notes } : {}),
  };
  await savePendingCreate(db, doc.type, doc.id, pending);
  return createOne(api, ENDPOINT[doc.type], payload, pending.idempotencyKey);
}

async function createOne(
  api: XeroApi,
  endpoint: (typeof ENDPOINT)[keyof typeof ENDPOINT],
  payload: XeroDocumentPayload,
  key: string,
): Promise<XeroDocumentResult> {
  const [result] = await createXeroDocuments(api, endpoint, [payload], key);
  if (!result?.ok) {
    const errors = result?.errors ?? [];
    throw new XeroError({
      kind: "validation",
      status: 400,
      message: errors.join("; "),
      validationErrors: errors,
    });
  }
  return result.document;
}

async function replayCreate(
  db: Db,
  api: XeroApi,
  doc: SyncDocument,
  pending: PendingCreate,
): Promise<XeroDocumentResult> {
  if (pending.batchIndex !== undefined) {
    const results = await replayBatch(db, api, doc.type, pending.idempotencyKey);
    const mine = results.get(doc.id);
    if (!mine) throw new SendLater("Waiting for the bulk batch this document went in.");
    if (!mine.ok) {
      throw new XeroError({
        kind: "validation",
        status: 400,
        message: mine.errors.join("; "),
        validationErrors: mine.errors,
      });
    }
    return mine.document;
  }
  return createOne(api, ENDPOINT[doc.type], pending.payload as XeroDocumentPayload, pending.idempotencyKey);
}

/** The payload with the status the planner allows: never behind what Xero holds. */
function forward(doc: SyncDocument, payload: XeroDocumentPayload, held: string | null): XeroDocumentPayload {
  const status = statusToSend(doc.type, payload.Status, held);
  if (status === payload.Status) return payload;
  const { Status: _kept, ...rest } = payload;
  return (status === undefined ? rest : { ...rest, Status: status }) as XeroDocumentPayload;
}

/** Xero answered an update with a status it no longer lets change: stop for good. */
function assertEditable(doc: SyncDocument, result: XeroDocumentResult): void {
  const locked = lockedReason(doc.type, result.status);
  if (locked) throw new XeroError({ kind: "locked", status: 400, message: locked });
}
