import type { Db } from "@/lib/db/client";
import {
  invoicesOfOrder,
  loadSyncDocument,
  mirrorXeroNumber,
  type SyncDocument,
} from "@/lib/db/queries/sync-documents";
import { getXeroSettings } from "@/lib/db/queries/xero-settings";
import {
  claimSyncState,
  followOrderDraft,
  getSyncState,
  insertSyncLog,
  markSent,
  releaseSyncState,
  savePendingCreate,
} from "@/lib/db/queries/sync-states";
import type { DocumentSyncState, PendingCreate } from "@/lib/db/schema";
import { ensureXeroContact } from "@/lib/xero/contacts";
import {
  createXeroDocuments,
  LOCKED_XERO_STATUSES,
  updateXeroDocument,
  type XeroDocumentPayload,
  type XeroDocumentResult,
} from "@/lib/xero/documents";
import { XeroError } from "@/lib/xero/errors";
import { withXero, type XeroApi } from "@/lib/xero/session";
import { replayBatch } from "./bulk-send";
import { judgeFailure, NothingToSend, recordFailure, SendLater } from "./outcome";
import { buildPayload, createKey, ENDPOINT } from "./payload";
import type { SendDocumentJob } from "./queues";

/** What the worker passes every send. */
export interface SendOptions {
  appUrl: string;
  /** Time limit of one Xero call. */
  timeoutMs: number;
  /** How long a sender holds a document; longer than a send can take. */
  leaseMs: number;
}

export interface Attempt {
  retryCount: number;
  retryLimit: number;
}

interface Sent {
  operation: string;
  result: XeroDocumentResult;
}

/**
 * Sends one document to Xero as it is now. A stored Xero id means update, never create; a create
 * is first persisted with its Idempotency-Key (record + revision), so a lost answer — a timeout, a
 * worker killed mid-send — is resent byte for byte and Xero answers it from its idempotency store
 * instead of creating twice. Throws only to ask pg-boss for a retry with backoff.
 */
export async function sendDocument(
  db: Db,
  job: SendDocumentJob,
  options: SendOptions,
  attempt: Attempt,
): Promise<void> {
  const existing = await getSyncState(db, job.type, job.id);
  if (!existing || existing.state === "locked") return;
  // The same job delivered twice, or a change already sent by an earlier job: nothing to do.
  if (existing.xeroId && existing.sentRevision === existing.revision && !existing.pendingCreate) {
    if (existing.state !== "sent") await releaseSyncState(db, job.type, job.id, { state: "sent" });
    return;
  }
  const state = await claimSyncState(db, job.type, job.id, options.leaseMs);
  if (!state) throw new SendLater("Another worker is sending this document.");

  const started = performance.now();
  const doc = await loadSyncDocument(db, job.type, job.id);
  if (!doc) {
    await releaseSyncState(db, job.type, job.id, {
      state: "not_sent",
      lastError: "The document no longer exists.",
    });
    return;
  }
  let operation = state.xeroId ? "update" : "create";
  try {
    const contactId = await ensureContact(db, doc);
    if (!contactId) return await holdForContact(db, doc, state, performance.now() - started);
    doc.party.xeroContactId = contactId;
    const sent = await withXero(db, (api) => deliver(db, api, doc, state, options), {
      timeoutMs: options.timeoutMs,
    });
    operation = sent.operation;
    await db.transaction(async (tx) => {
      await markSent(tx, doc.type, doc.id, {
        revision: state.revision,
        xeroId: sent.result.id,
        xeroNumber: sent.result.number,
        xeroStatus: sent.result.status,
        xeroTotal: sent.result.total,
        factoryTotal: doc.total,
      });
      if (doc.type === "invoice" && doc.parent) {
        await followOrderDraft(tx, doc.parent.id, {
          xeroId: sent.result.id,
          xeroStatus: sent.result.status,
        });
      }
    });
    await mirrorXeroNumber(db, doc.type, doc.id, sent.result.id, sent.result.number);
    await insertSyncLog(db, {
      recordType: doc.type,
      recordId: doc.id,
      recordNumber: doc.number,
      operation,
      outcome: "success",
      durationMs: performance.now() - started,
      attempt: state.attempts,
      xeroId: sent.result.id,
      message: sent.result.number ? `Xero number ${sent.result.number}` : null,
    });
  } catch (error) {
    const verdict = judgeFailure(error, attempt.retryCount < attempt.retryLimit);
    await recordFailure(db, { type: doc.type, id: doc.id, number: doc.number }, verdict, {
      operation,
      attempt: state.attempts,
      durationMs: performance.now() - started,
    });
    if (verdict.retry) throw error;
  }
}

/** Contacts first: the linked contact, or one created or matched now when settings allow it. */
async function ensureContact(db: Db, doc: SyncDocument): Promise<string | null> {
  if (doc.party.xeroContactId) return doc.party.xeroContactId;
  const settings = await getXeroSettings(db);
  const create =
    doc.party.kind === "customer"
      ? settings.createContactForNewCustomers
      : settings.createContactForNewSuppliers;
  if (!create) return null;
  const outcome = await ensureXeroContact(db, { kind: doc.party.kind, id: doc.party.id });
  return outcome.status === "linked" ? outcome.contactId : null;
}

async function holdForContact(
  db: Db,
  doc: SyncDocument,
  state: DocumentSyncState,
  durationMs: number,
): Promise<void> {
  const message = `Link ${doc.party.name} to a Xero contact: the ${doc.party.kind} isn't linked yet.`;
  await releaseSyncState(db, doc.type, doc.id, { state: "waiting_for_contact", lastError: message });
  await insertSyncLog(db, {
    recordType: doc.type,
    recordId: doc.id,
    recordNumber: doc.number,
    operation: "create",
    outcome: "waiting",
    durationMs,
    message,
    attempt: state.attempts,
  });
}

/** Picks create, update, replay or "take over the order's draft", and makes the call(s). */
async function deliver(
  db: Db,
  api: XeroApi,
  doc: SyncDocument,
  state: DocumentSyncState,
  options: SendOptions,
): Promise<Sent> {
  const endpoint = ENDPOINT[doc.type];
  // A create whose answer never came: settle it first, exactly as it was sent.
  let xeroId = state.xeroId;
  let replayed: XeroDocumentResult | undefined;
  if (!xeroId && state.pendingCreate) {
    replayed = await replayCreate(db, api, doc, state.pendingCreate);
    xeroId = replayed.id;
    if (state.pendingCreate.revision === state.revision)
      return { operation: "create (replayed)", result: replayed };
  }

  if (doc.type === "sales_order" && !xeroId) {
    const taken = await orderInvoicedInXero(db, doc.id);
    if (taken) throw new NothingToSend(`Not sent: invoice ${taken} already carries this order in Xero.`);
  }
  if (doc.type === "sales_order" && xeroId) {
    const [first] = await invoicesOfOrder(db, doc.id);
    const firstState = first && (await getSyncState(db, "invoice", first.id));
    if (firstState?.xeroId === xeroId) {
      throw new NothingToSend(
        `The order's Xero draft became invoice ${first?.number ?? ""}; edit the invoice instead.`,
      );
    }
  }

  const payload = await buildPayload(db, doc, options.appUrl);
  if (xeroId) {
    const result = await updateXeroDocument(api, endpoint, xeroId, payload);
    assertEditable(result);
    return { operation: replayed ? "create (replayed) + update" : "update", result };
  }
  if (doc.type === "invoice") {
    const draft = await orderDraftFor(db, doc);
    if (draft) {
      try {
        const result = await updateXeroDocument(api, endpoint, draft, payload);
        assertEditable(result);
        return { operation: "update order draft to AUTHORISED", result };
      } catch (error) {
        // The order's draft was deleted or voided in Xero: the invoice gets a document of its own.
        if (!(error instanceof XeroError && (error.kind === "not_found" || error.kind === "locked")))
          throw error;
      }
    }
  }
  const pending: PendingCreate = {
    idempotencyKey: createKey(doc.type, doc.id, state.revision),
    revision: state.revision,
    payload,
  };
  await savePendingCreate(db, doc.type, doc.id, pending);
  return { operation: "create", result: await createOne(api, endpoint, payload, pending.idempotencyKey) };
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

function assertEditable(result: XeroDocumentResult): void {
  if (result.status && LOCKED_XERO_STATUSES.has(result.status)) {
    throw new XeroError({
      kind: "locked",
      status: 400,
      message: `The document is ${result.status.toLowerCase()} in Xero.`,
    });
  }
}

/**
 * The order's DRAFT in Xero, if this invoice is the one to take it over: the order's first invoice.
 * Later partial invoices (and any invoice when the order never reached Xero) get their own.
 * While the order itself is still on its way to Xero, the invoice waits for it.
 */
async function orderDraftFor(db: Db, invoice: SyncDocument): Promise<string | null> {
  if (!invoice.parent) return null;
  const order = await getSyncState(db, "sales_order", invoice.parent.id);
  if (!order?.xeroId && (order?.state === "queued" || order?.state === "sending" || order?.pendingCreate)) {
    throw new SendLater(`Waiting for order ${invoice.parent.number} to reach Xero.`);
  }
  if (!order?.xeroId || (order.xeroStatus && LOCKED_XERO_STATUSES.has(order.xeroStatus))) return null;
  const [first] = await invoicesOfOrder(db, invoice.parent.id);
  return first?.id === invoice.id ? order.xeroId : null;
}

/** An invoice of this order that is already in Xero (so the order needs no draft of its own). */
async function orderInvoicedInXero(db: Db, salesOrderId: string): Promise<string | null> {
  for (const invoice of await invoicesOfOrder(db, salesOrderId)) {
    const state = await getSyncState(db, "invoice", invoice.id);
    if (state?.xeroId || state?.pendingCreate) return invoice.number;
  }
  return null;
}
