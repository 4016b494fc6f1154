import type { CreditNote, Invoice, LineItem, PurchaseOrder, Quote } from "xero-node";
import type { SentSnapshot } from "@/lib/db/schema";
import type { XeroApi } from "./session";

/**
 * Reading back what became of documents Factory sent: Xero's copy of each, in Factory's terms.
 * Xero docs (invoices): `GET /Invoices?IDs=…` reads many at once, `If-Modified-Since` with `page`
 * reads what changed (100 a page by default); credit notes and payments show up as changes to
 * their invoices, so reading the invoice again is enough.
 */

/** Xero's copy of one document, as read back. Money as 2-dp strings, days as YYYY-MM-DD. */
export interface XeroDocumentCopy {
  id: string;
  status: string | null;
  total: string | null;
  amountPaid: string | null;
  amountDue: string | null;
  amountCredited: string | null;
  fullyPaidOn: string | null;
  date: string | null;
  dueDate: string | null;
  /** Xero's UpdatedDateUTC: the order of copies of one document. */
  updatedAt: Date;
  contactId: string | null;
  lines: { description: string; quantity: string; unitAmount: string; lineAmount: string }[];
}

/** A page of documents changed since a time (Xero pages at 100). */
export const READ_BACK_BATCH = 100;

/**
 * The most IDs one read names: Xero's gateway answers 404 to a query much over 2,048 characters,
 * so 52 GUIDs pass and 53 do not (Xero-Java#328, Xero-OpenAPI#534, Xero-NetStandard#413).
 */
export const READ_BACK_IDS = 50;

const money = (value: number | undefined | null, dp = 2): string | null =>
  value === undefined || value === null ? null : value.toFixed(dp);

/** xero-node turns Xero's `/Date(ms+0000)/` into a Date even where it types a string. */
function dayOf(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : null;
  return !date || Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/** A copy's lines: quantities and unit amounts to 4 decimals, line amounts to 2. */
function linesOf(lineItems: readonly LineItem[] | undefined): XeroDocumentCopy["lines"] {
  return (lineItems ?? []).map((line) => ({
    description: line.description ?? "",
    quantity: money(line.quantity, 4) ?? "0.0000",
    unitAmount: money(line.unitAmount, 4) ?? "0.0000",
    lineAmount: money(line.lineAmount) ?? "0.00",
  }));
}

function instantOf(value: unknown): Date {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : null;
  return !date || Number.isNaN(date.getTime()) ? new Date(0) : date;
}

/** A copy's UpdatedDateUTC, or null where Xero gave none (a copy reads a missing one as the epoch). */
export function copyTimeOf(copy: Pick<XeroDocumentCopy, "updatedAt">): Date | null {
  return copy.updatedAt.getTime() === 0 ? null : copy.updatedAt;
}

export function invoiceCopy(invoice: Invoice): XeroDocumentCopy {
  return {
    id: (invoice.invoiceID ?? "").toLowerCase(),
    status: invoice.status === undefined ? null : String(invoice.status),
    total: money(invoice.total),
    amountPaid: money(invoice.amountPaid),
    amountDue: money(invoice.amountDue),
    amountCredited: money(invoice.amountCredited),
    fullyPaidOn: dayOf(invoice.fullyPaidOnDate),
    date: dayOf(invoice.date),
    dueDate: dayOf(invoice.dueDate),
    updatedAt: instantOf(invoice.updatedDateUTC),
    contactId: invoice.contact?.contactID?.toLowerCase() ?? null,
    lines: linesOf(invoice.lineItems),
  };
}

/** What drift compares of a copy: Xero's copy as it answered Factory's own send. */
export function snapshotOf(copy: XeroDocumentCopy): SentSnapshot {
  return {
    contactId: copy.contactId,
    date: copy.date,
    dueDate: copy.dueDate,
    status: copy.status,
    total: copy.total,
    lines: copy.lines,
  };
}

/** Unit amounts as Factory sends them (4 decimals), so drift compares like with like. */
const UNIT_DP = 4;

/** Invoices (sales orders' drafts, invoices, bills) by id, one call for up to {@link READ_BACK_IDS}. */
export async function readInvoicesByIds(
  { accounting, tenantId }: XeroApi,
  ids: readonly string[],
): Promise<XeroDocumentCopy[]> {
  if (ids.length === 0) return [];
  if (ids.length > READ_BACK_IDS) throw new Error(`At most ${READ_BACK_IDS} ids a read`);
  const { body } = await accounting.getInvoices(
    tenantId,
    undefined,
    undefined,
    undefined,
    [...ids],
    undefined,
    undefined,
    undefined,
    1,
    undefined,
    undefined,
    UNIT_DP,
    undefined,
    READ_BACK_BATCH,
  );
  return (body.invoices ?? []).map(invoiceCopy);
}

/**
 * One page of the invoices Xero changed since `since` (`If-Modified-Since`), oldest change first.
 * `more` says whether another page may follow (this one was full).
 */
export async function readInvoicesChangedSince(
  { accounting, tenantId }: XeroApi,
  since: Date,
  page: number,
): Promise<{ copies: XeroDocumentCopy[]; more: boolean }> {
  const { body } = await accounting.getInvoices(
    tenantId,
    since,
    undefined,
    "UpdatedDateUTC ASC",
    undefined,
    undefined,
    undefined,
    undefined,
    page,
    undefined,
    undefined,
    UNIT_DP,
    undefined,
    READ_BACK_BATCH,
  );
  const invoices = body.invoices ?? [];
  return { copies: invoices.map(invoiceCopy), more: invoices.length >= READ_BACK_BATCH };
}

/**
 * A credit note's copy in the same terms: its remaining credit is what is still "due" on it (Xero
 * shows a fully allocated credit note as PAID).
 */
export function creditNoteCopy(credit: CreditNote): XeroDocumentCopy {
  return {
    id: (credit.creditNoteID ?? "").toLowerCase(),
    status: credit.status === undefined ? null : String(credit.status),
    total: money(credit.total),
    amountPaid: null,
    amountDue: money(credit.remainingCredit),
    amountCredited: null,
    fullyPaidOn: dayOf(credit.fullyPaidOnDate),
    date: dayOf(credit.date),
    dueDate: null,
    updatedAt: instantOf(credit.updatedDateUTC),
    contactId: credit.contact?.contactID?.toLowerCase() ?? null,
    lines: linesOf(credit.lineItems),
  };
}

/**
 * The most credit notes one read names. GET /CreditNotes has no IDs parameter (spec: where, order,
 * page only), so they are named in `where` (`CreditNoteID==Guid("…") OR …`), about 70 characters
 * each once encoded; 25 stay well inside the gateway's 2,048 (see {@link READ_BACK_IDS}).
 */
export const READ_BACK_CREDIT_NOTE_IDS = 25;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Credit notes (customer and supplier credits) by id, one call for up to {@link READ_BACK_CREDIT_NOTE_IDS}. */
export async function readCreditNotesByIds(
  { accounting, tenantId }: XeroApi,
  ids: readonly string[],
): Promise<XeroDocumentCopy[]> {
  const named = ids.filter((id) => GUID.test(id));
  if (named.length === 0) return [];
  if (named.length > READ_BACK_CREDIT_NOTE_IDS)
    throw new Error(`At most ${READ_BACK_CREDIT_NOTE_IDS} ids a read`);
  const where = named.map((id) => `CreditNoteID==Guid("${id}")`).join(" OR ");
  const { body } = await accounting.getCreditNotes(tenantId, undefined, where, undefined, 1, UNIT_DP);
  return (body.creditNotes ?? []).map(creditNoteCopy);
}

/** One page of the credit notes Xero changed since `since`, oldest change first. */
export async function readCreditNotesChangedSince(
  { accounting, tenantId }: XeroApi,
  since: Date,
  page: number,
): Promise<{ copies: XeroDocumentCopy[]; more: boolean }> {
  const { body } = await accounting.getCreditNotes(
    tenantId,
    since,
    undefined,
    "UpdatedDateUTC ASC",
    page,
    UNIT_DP,
    READ_BACK_BATCH,
  );
  const credits = body.creditNotes ?? [];
  return { copies: credits.map(creditNoteCopy), more: credits.length >= READ_BACK_BATCH };
}

/**
 * A quote's copy in the same terms: its ExpiryDate stands where an invoice's DueDate does. Quotes
 * carry no payments. Unit amounts are Xero's 2 decimals (no `unitdp` on quotes), as in the sent
 * snapshot, which is Xero's own answer too.
 */
export function quoteCopy(quote: Quote): XeroDocumentCopy {
  return {
    id: (quote.quoteID ?? "").toLowerCase(),
    status: quote.status === undefined ? null : String(quote.status),
    total: money(quote.total),
    amountPaid: null,
    amountDue: null,
    amountCredited: null,
    fullyPaidOn: null,
    date: dayOf(quote.date),
    dueDate: dayOf(quote.expiryDate),
    updatedAt: instantOf(quote.updatedDateUTC),
    contactId: quote.contact?.contactID?.toLowerCase() ?? null,
    lines: linesOf(quote.lineItems),
  };
}

/** A purchase order's copy: its DeliveryDate stands where an invoice's DueDate does. */
export function purchaseOrderCopy(order: PurchaseOrder): XeroDocumentCopy {
  return {
    id: (order.purchaseOrderID ?? "").toLowerCase(),
    status: order.status === undefined ? null : String(order.status),
    total: money(order.total),
    amountPaid: null,
    amountDue: null,
    amountCredited: null,
    fullyPaidOn: null,
    date: dayOf(order.date),
    dueDate: dayOf(order.deliveryDate),
    updatedAt: instantOf(order.updatedDateUTC),
    contactId: order.contact?.contactID?.toLowerCase() ?? null,
    lines: linesOf(order.lineItems),
  };
}

/**
 * Quotes and purchase orders have no webhooks and their GETs take no IDs (spec: getQuotes,
 * getPurchaseOrders), so they are only ever read by what changed. Their lists leave DELETED ones
 * out unless asked for by `Status` (as the simulator does; stricter than assuming they are listed),
 * so a deletion made in Xero is read with `Status=DELETED`.
 */
export type ChangedStatus = "DELETED" | undefined;

/** One page of the quotes Xero changed since `since`, oldest change first (100 a page; no pageSize). */
export async function readQuotesChangedSince(
  { accounting, tenantId }: XeroApi,
  since: Date,
  page: number,
  status?: ChangedStatus,
): Promise<{ copies: XeroDocumentCopy[]; more: boolean }> {
  const { body } = await accounting.getQuotes(
    tenantId,
    since,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    status,
    page,
    "UpdatedDateUTC ASC",
  );
  const quotes = body.quotes ?? [];
  return { copies: quotes.map(quoteCopy), more: quotes.length >= READ_BACK_BATCH };
}

/** One page of the purchase orders Xero changed since `since`, oldest change first. */
export async function readPurchaseOrdersChangedSince(
  { accounting, tenantId }: XeroApi,
  since: Date,
  page: number,
  status?: ChangedStatus,
): Promise<{ copies: XeroDocumentCopy[]; more: boolean }> {
  const { body } = await accounting.getPurchaseOrders(
    tenantId,
    since,
    status,
    undefined,
    undefined,
    "UpdatedDateUTC ASC",
    page,
    READ_BACK_BATCH,
  );
  const orders = body.purchaseOrders ?? [];
  return { copies: orders.map(purchaseOrderCopy), more: orders.length >= READ_BACK_BATCH };
}
