import {
  ObjectSerializer,
  type CreditNotes,
  type Invoices,
  type PurchaseOrders,
  type Quotes,
} from "xero-node";
import type { SentSnapshot } from "@/lib/db/schema";
import { XeroError } from "./errors";
import {
  copyTimeOf,
  creditNoteCopy,
  invoiceCopy,
  purchaseOrderCopy,
  quoteCopy,
  snapshotOf,
  type XeroDocumentCopy,
} from "./read-back";
import type {
  XeroCreditNotePayload,
  XeroInvoicePayload,
  XeroPurchaseOrderPayload,
  XeroQuotePayload,
} from "@/lib/xero/mappers";
import type { XeroApi } from "./session";

/**
 * Sending Factory documents to Xero's Quotes, Invoices, PurchaseOrders and CreditNotes endpoints. Payloads are
 * the mappers' wire JSON (PascalCase); xero-node wants its camelCase models, so they pass through
 * its own deserialiser and come out on the wire exactly as mapped. Creates always go in batches
 * with `summarizeErrors=false` (each element answered on its own, docs/xero/api-behaviour.md#batches-summarizeerrors-and-idempotency) and
 * `unitdp=4` where Xero has it, and carry an Idempotency-Key.
 */

export type XeroDocumentEndpoint = "quotes" | "invoices" | "purchase_orders" | "credit_notes";

export type XeroDocumentPayload =
  XeroQuotePayload | XeroInvoicePayload | XeroPurchaseOrderPayload | XeroCreditNotePayload;

type AnswerBody = Quotes | Invoices | PurchaseOrders | CreditNotes;

/** What Factory keeps of Xero's answer for one document. */
export interface XeroDocumentResult {
  id: string;
  number: string | null;
  status: string | null;
  /** Xero's Total as a 2-dp decimal string. */
  total: string | null;
  /**
   * Xero's CurrencyRate (units of the document's currency per unit of the base currency, up to 6
   * decimals) when it is not 1, i.e. on a foreign-currency document; else null.
   */
  currencyRate: string | null;
  /**
   * Xero's copy as it answered this send, in the terms drift compares (lib/sync/drift.ts): what
   * Factory sent, as Xero holds it. Null where read-back does not compare (credit notes).
   */
  snapshot: SentSnapshot | null;
  /**
   * Xero's UpdatedDateUTC of the copy it answered with; null when it gave none. Stored with the send,
   * so a copy read back from before this answer is known to be older (lib/db/queries/read-back.ts).
   */
  updatedAt: Date | null;
}

/** One element of a batch answer, in the order sent. */
export type XeroElementResult = { ok: true; document: XeroDocumentResult } | { ok: false; errors: string[] };

/** Unit amounts to 4 decimals (spec `unitdp`); quotes and purchase orders don't take the parameter. */
const UNIT_DP = 4;

interface AnswerElement {
  id?: string;
  number?: string;
  /** xero-node types its status enums loosely; on the wire and after deserialising they are strings. */
  status?: unknown;
  total?: number;
  currencyRate?: number;
  snapshot?: SentSnapshot;
  updatedAt: Date | null;
  failed: boolean;
  errors: string[];
}

/** What the answer element keeps of Xero's copy: the snapshot drift compares, and its time. */
function sentCopy(copy: XeroDocumentCopy): { snapshot: SentSnapshot; updatedAt: Date | null } {
  return { snapshot: snapshotOf(copy), updatedAt: copyTimeOf(copy) };
}

function answerElements(endpoint: XeroDocumentEndpoint, body: AnswerBody): AnswerElement[] {
  const messages = (errors: { message?: string }[] | undefined) =>
    (errors ?? []).map((e) => e.message ?? "").filter(Boolean);
  if (endpoint === "quotes") {
    return ((body as Quotes).quotes ?? []).map((q) => ({
      id: q.quoteID,
      number: q.quoteNumber,
      status: q.status,
      total: q.total,
      currencyRate: q.currencyRate,
      ...sentCopy(quoteCopy(q)),
      failed: String(q.statusAttributeString ?? "OK") === "ERROR" || messages(q.validationErrors).length > 0,
      errors: messages(q.validationErrors),
    }));
  }
  if (endpoint === "purchase_orders") {
    return ((body as PurchaseOrders).purchaseOrders ?? []).map((p) => ({
      id: p.purchaseOrderID,
      number: p.purchaseOrderNumber,
      status: p.status,
      total: p.total,
      currencyRate: p.currencyRate,
      ...sentCopy(purchaseOrderCopy(p)),
      failed: String(p.statusAttributeString ?? "OK") === "ERROR" || messages(p.validationErrors).length > 0,
      errors: messages(p.validationErrors),
    }));
  }
  if (endpoint === "credit_notes") {
    return ((body as CreditNotes).creditNotes ?? []).map((n) => ({
      id: n.creditNoteID,
      number: n.creditNoteNumber,
      status: n.status,
      total: n.total,
      currencyRate: n.currencyRate,
      updatedAt: copyTimeOf(creditNoteCopy(n)),
      failed: n.hasErrors === true || messages(n.validationErrors).length > 0,
      errors: messages(n.validationErrors),
    }));
  }
  return ((body as Invoices).invoices ?? []).map((i) => ({
    id: i.invoiceID,
    number: i.invoiceNumber,
    status: i.status,
    total: i.total,
    currencyRate: i.currencyRate,
    ...sentCopy(invoiceCopy(i)),
    failed: i.hasErrors === true || messages(i.validationErrors).length > 0,
    errors: messages(i.validationErrors),
  }));
}

function toResult(element: AnswerElement): XeroElementResult {
  if (element.failed || !element.id) {
    return {
      ok: false,
      errors: element.errors.length ? element.errors : ["Xero did not accept the document."],
    };
  }
  return {
    ok: true,
    document: {
      id: element.id,
      number: element.number ?? null,
      status: typeof element.status === "string" ? element.status : null,
      total: element.total === undefined ? null : element.total.toFixed(2),
      currencyRate:
        element.currencyRate === undefined || element.currencyRate === 1
          ? null
          : element.currencyRate.toFixed(6),
      snapshot: element.snapshot ?? null,
      updatedAt: element.updatedAt,
    },
  };
}

const MODEL: Record<XeroDocumentEndpoint, { wrapper: string; key: string }> = {
  quotes: { wrapper: "Quotes", key: "Quotes" },
  invoices: { wrapper: "Invoices", key: "Invoices" },
  purchase_orders: { wrapper: "PurchaseOrders", key: "PurchaseOrders" },
  credit_notes: { wrapper: "CreditNotes", key: "CreditNotes" },
};

function toModel<T>(endpoint: XeroDocumentEndpoint, payloads: readonly XeroDocumentPayload[]): T {
  const { wrapper, key } = MODEL[endpoint];
  return ObjectSerializer.deserialize({ [key]: payloads }, wrapper) as T;
}

/**
 * Creates up to 50 documents in one call (Xero's recommended batch size, docs/xero/api-behaviour.md#batches-summarizeerrors-and-idempotency), answered
 * per element. A retried call with the same key and body is answered from Xero's idempotency store
 * instead of creating again.
 */
export async function createXeroDocuments(
  api: XeroApi,
  endpoint: XeroDocumentEndpoint,
  payloads: readonly XeroDocumentPayload[],
  idempotencyKey: string,
): Promise<XeroElementResult[]> {
  const { accounting, tenantId } = api;
  let body: AnswerBody;
  if (endpoint === "quotes") {
    ({ body } = await accounting.createQuotes(tenantId, toModel(endpoint, payloads), false, idempotencyKey));
  } else if (endpoint === "purchase_orders") {
    ({ body } = await accounting.createPurchaseOrders(
      tenantId,
      toModel(endpoint, payloads),
      false,
      idempotencyKey,
    ));
  } else if (endpoint === "credit_notes") {
    ({ body } = await accounting.createCreditNotes(
      tenantId,
      toModel(endpoint, payloads),
      false,
      UNIT_DP,
      idempotencyKey,
    ));
  } else {
    ({ body } = await accounting.createInvoices(
      tenantId,
      toModel(endpoint, payloads),
      false,
      UNIT_DP,
      idempotencyKey,
    ));
  }
  const results = answerElements(endpoint, body).map(toResult);
  if (results.length !== payloads.length) {
    throw new XeroError({
      kind: "transient",
      message: `Xero answered ${results.length} documents for ${payloads.length} sent`,
    });
  }
  return results;
}

/**
 * Updates one document in place (POST /{Endpoint}/{id}); the lines sent replace Xero's. Carries an
 * Idempotency-Key like a create, so a retried update (an approval whose answer was lost) is answered
 * from Xero's idempotency store rather than applied twice. A refusal
 * arrives as a {@link XeroError} (validation, or locked for a paid, voided or deleted document).
 */
export async function updateXeroDocument(
  api: XeroApi,
  endpoint: XeroDocumentEndpoint,
  xeroId: string,
  payload: XeroDocumentPayload,
  idempotencyKey: string,
): Promise<XeroDocumentResult> {
  const { accounting, tenantId } = api;
  let body: AnswerBody;
  if (endpoint === "quotes") {
    ({ body } = await accounting.updateQuote(tenantId, xeroId, toModel(endpoint, [payload]), idempotencyKey));
  } else if (endpoint === "purchase_orders") {
    ({ body } = await accounting.updatePurchaseOrder(
      tenantId,
      xeroId,
      toModel(endpoint, [payload]),
      idempotencyKey,
    ));
  } else if (endpoint === "credit_notes") {
    ({ body } = await accounting.updateCreditNote(
      tenantId,
      xeroId,
      toModel(endpoint, [payload]),
      UNIT_DP,
      idempotencyKey,
    ));
  } else {
    ({ body } = await accounting.updateInvoice(
      tenantId,
      xeroId,
      toModel(endpoint, [payload]),
      UNIT_DP,
      idempotencyKey,
    ));
  }
  const [result] = answerElements(endpoint, body).map(toResult);
  if (!result) throw new XeroError({ kind: "transient", message: "Xero answered no document" });
  if (!result.ok) {
    throw new XeroError({
      kind: "validation",
      status: 400,
      message: result.errors.join("; "),
      validationErrors: result.errors,
    });
  }
  return result.document;
}
