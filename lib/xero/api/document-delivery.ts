import type { XeroDocumentEndpoint } from "./documents";
import { XeroError } from "./errors";
import type { XeroApi } from "./session";

/**
 * How Xero hands a document to people: its PDF as Xero renders it, the online invoice link, and
 * "email the invoice to its contact" (xero_accounting.yaml `getInvoiceAsPdf`, `getOnlineInvoice`,
 * `emailInvoice`; docs/xero/api-behaviour.md). Xero decides which documents allow what; its refusals
 * arrive as {@link XeroError}s with Xero's own message.
 */

/** Every endpoint Xero renders as a PDF: the document endpoints, and credit notes. */
export type XeroPdfEndpoint = XeroDocumentEndpoint | "credit_notes";

/** xero-node types the body as a Buffer; axios may hand over an ArrayBuffer or a typed array. */
type PdfCall = (api: XeroApi, xeroId: string) => Promise<{ body: Buffer | ArrayBuffer | Uint8Array }>;

/** xero-node's call per endpoint; each sends `Accept: application/pdf` and answers the bytes. */
const PDF_CALLS: Record<XeroPdfEndpoint, PdfCall> = {
  invoices: ({ accounting, tenantId }, id) => accounting.getInvoiceAsPdf(tenantId, id),
  quotes: ({ accounting, tenantId }, id) => accounting.getQuoteAsPdf(tenantId, id),
  purchase_orders: ({ accounting, tenantId }, id) => accounting.getPurchaseOrderAsPdf(tenantId, id),
  credit_notes: ({ accounting, tenantId }, id) => accounting.getCreditNoteAsPdf(tenantId, id),
};

/** GET /{Endpoint}/{id} as `application/pdf`: the document as Xero renders it. */
export async function getXeroPdf(api: XeroApi, endpoint: XeroPdfEndpoint, xeroId: string): Promise<Buffer> {
  const { body } = await PDF_CALLS[endpoint](api, xeroId);
  const bytes = Buffer.isBuffer(body)
    ? body
    : Buffer.from(body instanceof ArrayBuffer ? new Uint8Array(body) : body);
  if (bytes.subarray(0, 5).toString("latin1") !== "%PDF-") {
    throw new XeroError({ kind: "transient", message: "Xero answered something other than a PDF" });
  }
  return bytes;
}

/** GET /Invoices/{id}/OnlineInvoice: the link a customer opens to see (and pay) a sales invoice. */
export async function getOnlineInvoiceUrl(
  { accounting, tenantId }: XeroApi,
  invoiceId: string,
): Promise<string> {
  const { body } = await accounting.getOnlineInvoice(tenantId, invoiceId);
  const url = body.onlineInvoices?.[0]?.onlineInvoiceUrl;
  if (!url)
    throw new XeroError({ kind: "transient", message: "Xero answered without an online invoice link" });
  return url;
}

/**
 * POST /Invoices/{id}/Email (204): Xero emails the invoice to its contact's address from its own
 * template. The Idempotency-Key makes a repeated request (a double click, a lost answer) send one email.
 */
export async function emailXeroInvoice(
  { accounting, tenantId }: XeroApi,
  invoiceId: string,
  idempotencyKey: string,
): Promise<void> {
  await accounting.emailInvoice(tenantId, invoiceId, {}, idempotencyKey);
}
