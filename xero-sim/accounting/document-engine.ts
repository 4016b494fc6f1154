import { header, json, type SimResponse } from "../http/types.ts";
import { newId } from "../state/ids.ts";
import type { DocumentRecord, OrgRecord } from "../state/types.ts";
import { batchResponse, type ElementOutcome } from "./batch.ts";
import {
  buildLines,
  currencyError,
  currencyRate,
  dateInput,
  documentToWire,
  linesAsInputs,
  lockDateError,
  resolveContact,
  type Side,
} from "./documents.ts";
import { notFound } from "./errors.ts";
import { documentPdf } from "./pdf.ts";
import { nextNumber } from "./numbering.ts";
import type { EventCategory } from "../ops/changes.ts";
import {
  announceWrites,
  bodyElements,
  filterList,
  isResponse,
  type OperationContext,
  type OperationSpec,
} from "./operation.ts";
import { createRefusal, editRefusal, statusChangeRefusal, type LifecycleKind } from "./lifecycle.ts";
import type { LineAmountMode } from "./totals.ts";
import { asText, envelope, paginate, today } from "./wire.ts";

/**
 * One engine for the three document types (invoices, quotes, purchase orders): they differ only
 * in names, statuses, numbering and a few fields, which a {@link DocumentType} describes.
 */
export interface DocumentType<R extends DocumentRecord> {
  key: "Invoices" | "Quotes" | "PurchaseOrders" | "CreditNotes";
  collection: "invoices" | "quotes" | "purchaseOrders" | "creditNotes";
  idField: string;
  numberField: string;
  label: string;
  errorFlag?: "HasErrors";
  /** The webhook category its changes are announced under (ops/changes.ts); none for quotes and POs. */
  eventCategory?: EventCategory;
  dateFields: string[];
  /** Client-settable fields copied through as sent. */
  passthrough: string[];
  side(input: Record<string, unknown>): Side;
  /** Extra checks on the merged input (e.g. invoice Type); returns error messages. */
  check?(merged: Record<string, unknown>, existing: R | undefined): string[];
  parseMode(value: unknown): LineAmountMode | null;
  formatMode(mode: LineAmountMode): string;
  defaultStatus: string;
  /** Which status rules apply (./lifecycle.ts, the one place that knows them). */
  lifecycle: LifecycleKind;
  /** Statuses that post to the ledger: full validation and lock dates apply. */
  posted: Set<string>;
  allowDiscount(side: Side): boolean;
  requireDate: boolean;
  /** Automatic numbers: prefix and the org counter they advance (Xero's `INV-0001`, `QU-0001`, `PO-0001`). */
  numbering: { prefix: string; counter: keyof OrgRecord["counters"] };
  /** Whether this document takes part in numbering and uniqueness (bills do not: their number is the supplier's). */
  numbered(merged: Record<string, unknown>): boolean;
  duplicateNumber(number: string): string;
  /** Type-specific fields computed after totals (e.g. AmountDue). */
  finish(record: R, org: OrgRecord): void;
}

function collection<R extends DocumentRecord>(org: OrgRecord, type: DocumentType<R>): Map<string, R> {
  return org[type.collection] as unknown as Map<string, R>;
}

/** number → id of the numbered documents of a collection, kept current on save (uniqueness without scans). */
const numberIndexes = new WeakMap<Map<string, DocumentRecord>, Map<string, string>>();
function numberIndex<R extends DocumentRecord>(org: OrgRecord, type: DocumentType<R>): Map<string, string> {
  const records = collection(org, type);
  let index = numberIndexes.get(records);
  if (!index) {
    index = new Map();
    for (const r of records.values()) {
      const number = r[type.numberField];
      if (typeof number === "string" && type.numbered(r)) index.set(number, r[type.idField] as string);
    }
    numberIndexes.set(records, index);
  }
  return index;
}

function saveDocument<R extends DocumentRecord>(
  org: OrgRecord,
  type: DocumentType<R>,
  input: Record<string, unknown>,
  existing: R | undefined,
  unitdp: 2 | 4,
): ElementOutcome {
  if (existing) {
    const frozen = editRefusal(type.lifecycle, existing);
    if (frozen) return { ok: false, errors: [frozen] };
  }
  const merged: Record<string, unknown> = { ...(existing ?? {}), ...input };
  const errors: string[] = [...(type.check?.(merged, existing) ?? [])];
  const status = typeof input.Status === "string" ? input.Status : (existing?.Status ?? type.defaultStatus);
  const statusRefusal = existing
    ? statusChangeRefusal(type.lifecycle, existing, status)
    : createRefusal(type.lifecycle, status);
  if (statusRefusal) errors.push(statusRefusal);
  const contactOutcome =
    input.Contact !== undefined || !existing ? resolveContact(org, merged.Contact) : undefined;
  if (contactOutcome && "error" in contactOutcome) errors.push(contactOutcome.error);
  const mode = type.parseMode(merged.LineAmountTypes);
  if (mode === null)
    errors.push(
      `LineAmountTypes ${asText(merged.LineAmountTypes)} is not valid for a ${type.label.toLowerCase()}.`,
    );
  const day = dateInput(merged.Date, "Date", errors) ?? (type.requireDate ? undefined : today(org));
  if (!day) errors.push("Date must be specified.");
  const days: Record<string, string | undefined> = { Date: day };
  for (const field of type.dateFields.filter((f) => f !== "Date"))
    days[field] = dateInput(merged[field], field, errors);
  const currency = merged.CurrencyCode ?? org.BaseCurrency;
  const currencyProblem = currencyError(org, currency);
  if (currencyProblem) errors.push(currencyProblem);
  const rate = currencyProblem
    ? undefined
    : currencyRate(org, asText(currency), input.CurrencyRate, existing);
  if (rate && "error" in rate) errors.push(rate.error);
  if (day && type.posted.has(status)) {
    const locked = lockDateError(org, day);
    if (locked) errors.push(locked);
  }
  const side = type.side(merged);
  const lineInputs = Array.isArray(input.LineItems)
    ? (input.LineItems as Record<string, unknown>[])
    : linesAsInputs(existing?.LineItems ?? []);
  const built = buildLines(org, lineInputs, {
    side,
    mode: mode ?? "Exclusive",
    unitdp,
    allowDiscount: type.allowDiscount(side),
    requireAccounts: type.posted.has(status),
    previous: existing?.LineItems,
  });
  if ("errors" in built) errors.push(...built.errors);
  const numbers = numberIndex(org, type);
  const selfId = existing?.[type.idField];
  let number =
    typeof merged[type.numberField] === "string" ? (merged[type.numberField] as string) : undefined;
  if (number && type.numbered(merged)) {
    const holder = numbers.get(number);
    if (holder !== undefined && holder !== selfId) errors.push(type.duplicateNumber(number));
  }
  if (errors.length || "errors" in built || !day) return { ok: false, errors: [...new Set(errors)] };
  if (!number && type.numbered(merged)) {
    const [next, counter] = nextNumber(
      type.numbering.prefix,
      org.counters[type.numbering.counter] ?? 0,
      (n) => numbers.has(n),
    );
    org.counters[type.numbering.counter] = counter;
    number = next;
  }
  const contact = contactOutcome && "contact" in contactOutcome ? contactOutcome.contact : undefined;
  const record = {
    ...(existing ?? {}),
    ...Object.fromEntries(type.passthrough.filter((f) => input[f] !== undefined).map((f) => [f, input[f]])),
    [type.idField]: existing ? existing[type.idField] : newId(),
    ...(number ? { [type.numberField]: number } : {}),
    Contact: contact ? { ContactID: contact.ContactID, Name: contact.Name } : existing?.Contact,
    Date: day,
    ...Object.fromEntries(Object.entries(days).filter(([k]) => k !== "Date")),
    Status: status,
    LineAmountTypes: type.formatMode(mode ?? "Exclusive"),
    CurrencyCode: currency,
    ...(rate && "rate" in rate ? { CurrencyRate: rate.rate } : {}),
    LineItems: built.lines,
    ...built.totals,
    UpdatedDateUTC: Date.now(),
  } as unknown as R;
  type.finish(record, org);
  const previousNumber = existing?.[type.numberField];
  if (typeof previousNumber === "string" && numbers.get(previousNumber) === selfId)
    numbers.delete(previousNumber);
  if (number && type.numbered(record)) numbers.set(number, record[type.idField] as string);
  collection(org, type).set(record[type.idField] as string, record);
  return { ok: true, wire: documentToWire(org, record, type.dateFields) };
}

function findForUpsert<R extends DocumentRecord>(
  org: OrgRecord,
  type: DocumentType<R>,
  input: Record<string, unknown>,
) {
  const id = input[type.idField];
  if (typeof id === "string") return collection(org, type).get(id.toLowerCase()) ?? "missing";
  return undefined;
}

function write<R extends DocumentRecord>(
  c: OperationContext,
  type: DocumentType<R>,
  mode: "create" | "upsert",
  forcedId?: string,
) {
  const inputs = bodyElements(c, type.key);
  const created: boolean[] = [];
  const outcomes = inputs.map((input, i): ElementOutcome => {
    const tooLong = c.lengthErrors(type.key.slice(0, -1), input);
    if (tooLong.length) return { ok: false, errors: tooLong };
    if (forcedId) return saveDocument(c.org, type, input, collection(c.org, type).get(forcedId), c.unitdp);
    const existing = findForUpsert(c.org, type, input);
    if (existing === "missing") return { ok: false, errors: [`${type.label} could not be found`] };
    if (existing && mode === "create") {
      return { ok: false, errors: [`${type.label} already exists. Use POST to update it.`] };
    }
    created[i] = existing === undefined;
    return saveDocument(c.org, type, input, existing, c.unitdp);
  });
  if (type.eventCategory) announceWrites(c, type.eventCategory, type.idField, outcomes, created);
  return batchResponse(type.key, inputs, outcomes, c.summarizeErrors, type.errorFlag);
}

/** GET list: the type-specific filters run first, then If-Modified-Since/where/order, then paging. */
function list<R extends DocumentRecord>(
  c: OperationContext,
  type: DocumentType<R>,
  narrow: (records: R[], q: Record<string, unknown>) => R[],
  paged: boolean,
): SimResponse {
  const records = narrow([...collection(c.org, type).values()], c.op.query);
  const filtered = filterList(c, records);
  if (isResponse(filtered)) return filtered;
  const page = paged ? paginate(filtered, c.op.query.page, c.op.query.pageSize) : { items: filtered };
  return json(
    200,
    envelope(
      type.key,
      page.items.map((r) => documentToWire(c.org, r, type.dateFields)),
      "pagination" in page && page.pagination ? { pagination: page.pagination } : {},
    ),
  );
}

/** The document a GET names by id (or number), or Xero's 404. */
export function findDocument<R extends DocumentRecord>(
  c: OperationContext,
  type: DocumentType<R>,
): R | SimResponse {
  const id = (c.op.pathParams[type.idField] ?? "").toLowerCase();
  const number = c.op.pathParams[type.numberField];
  const record = number
    ? [...collection(c.org, type).values()].find((r) => r[type.numberField] === number)
    : collection(c.org, type).get(id);
  return record ?? notFound(`${type.label} ${id || number || ""} was not found`);
}

/** The document rendered as Xero's PDF (a bill is headed "Bill", a sales invoice "Invoice"). */
export function renderDocument<R extends DocumentRecord>(
  c: OperationContext,
  type: DocumentType<R>,
): SimResponse {
  const record = findDocument(c, type);
  if (isResponse(record)) return record;
  const heading = record.Type === "ACCPAY" ? "Bill" : type.label;
  const number = record[type.numberField];
  return documentPdf(c.org, record, heading.toUpperCase(), typeof number === "string" ? number : undefined);
}

/**
 * GET one document. Xero renders it as a PDF instead when the request accepts `application/pdf`
 * (xero-node's getInvoiceAsPdf etc. call this path with that header; docs: requests-and-responses).
 */
function getOne<R extends DocumentRecord>(c: OperationContext, type: DocumentType<R>): SimResponse {
  if (header(c.req, "accept")?.includes("application/pdf")) return renderDocument(c, type);
  const record = findDocument(c, type);
  if (isResponse(record)) return record;
  return json(200, envelope(type.key, [documentToWire(c.org, record, type.dateFields)]));
}

/** The standard list/get/create/upsert/update operations for a document type. */
export function documentOperations<R extends DocumentRecord>(
  type: DocumentType<R>,
  ids: { list: string; get: string[]; create: string; upsert: string; update: string },
  narrow: (records: R[], q: Record<string, unknown>) => R[],
): Record<string, OperationSpec> {
  const scope = "accounting.invoices" as const;
  const ops: Record<string, OperationSpec> = {
    [ids.list]: { scope, write: false, handle: (c) => list(c, type, narrow, true) },
    [ids.create]: { scope, write: true, handle: (c) => write(c, type, "create") },
    [ids.upsert]: { scope, write: true, handle: (c) => write(c, type, "upsert") },
    [ids.update]: {
      scope,
      write: true,
      handle: (c) => {
        const id = (c.op.pathParams[type.idField] ?? "").toLowerCase();
        if (!collection(c.org, type).has(id)) return notFound(`${type.label} ${id} was not found`);
        return write(c, type, "upsert", id);
      },
    },
  };
  for (const get of ids.get) ops[get] = { scope, write: false, handle: (c) => getOne(c, type) };
  return ops;
}

/**
 * A status change made by a person in Xero's own screens (the admin page's buttons): the same rules
 * (./lifecycle.ts) and the same stored record as an API update naming only the new `Status`.
 */
export function changeStatus<R extends DocumentRecord>(
  org: OrgRecord,
  type: DocumentType<R>,
  id: string,
  status: string,
): ElementOutcome {
  const existing = collection(org, type).get(id.toLowerCase());
  if (!existing) return { ok: false, errors: [`${type.label} could not be found`] };
  return saveDocument(org, type, { Status: status }, existing, 4);
}

/**
 * An edit made by a person in Xero's own screens (the admin API's edit lever): the fields given, as
 * an API update would send them (`LineItems` replace the lines), through the same rules, so an edit
 * Xero would refuse (an INVOICED quote, a BILLED order) is refused here too. UpdatedDateUTC moves.
 */
export function editDocument<R extends DocumentRecord>(
  org: OrgRecord,
  type: DocumentType<R>,
  id: string,
  input: Record<string, unknown>,
  unitdp: 2 | 4,
): ElementOutcome {
  const existing = collection(org, type).get(id.toLowerCase());
  if (!existing) return { ok: false, errors: [`${type.label} could not be found`] };
  return saveDocument(org, type, input, existing, unitdp);
}
