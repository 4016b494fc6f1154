import type { QuoteRecord } from "../state/types.ts";
import { documentOperations, type DocumentType } from "./document-engine.ts";
import type { LineAmountMode } from "./totals.ts";
import { asText } from "./wire.ts";

/** Quotes use UPPERCASE line amount types (spec `QuoteLineAmountTypes`), unlike invoices. */
const MODES: Record<string, LineAmountMode> = {
  EXCLUSIVE: "Exclusive",
  INCLUSIVE: "Inclusive",
  NOTAX: "NoTax",
};

/**
 * Quotes (developer.xero.com/documentation/api/quotes): Contact, Date and lines are required;
 * DRAFT → SENT → ACCEPTED/DECLINED → INVOICED; INVOICED and DELETED quotes cannot be edited.
 */
export const quoteType: DocumentType<QuoteRecord> = {
  key: "Quotes",
  collection: "quotes",
  idField: "QuoteID",
  numberField: "QuoteNumber",
  label: "Quote",
  dateFields: ["Date", "ExpiryDate"],
  passthrough: ["Reference", "Terms", "Title", "Summary", "BrandingThemeID"],
  side: () => "sales",
  parseMode: (value) => (value === undefined ? "Exclusive" : (MODES[asText(value)] ?? null)),
  formatMode: (mode) => Object.keys(MODES).find((k) => MODES[k] === mode) ?? "EXCLUSIVE",
  defaultStatus: "DRAFT",
  lifecycle: "quote",
  posted: new Set(),
  allowDiscount: () => true,
  requireDate: true,
  numbering: { prefix: "QU-", counter: "quote" },
  numbered: () => true,
  duplicateNumber: (number) => `Quote number ${number} already exists.`,
  finish: () => undefined,
};

export const quoteOperations = documentOperations(
  quoteType,
  {
    list: "getQuotes",
    get: ["getQuote"],
    create: "createQuotes",
    upsert: "updateOrCreateQuotes",
    update: "updateQuote",
  },
  (records, q) =>
    records.filter(
      (r) =>
        (typeof q.ContactID !== "string" || r.Contact.ContactID === q.ContactID.toLowerCase()) &&
        (typeof q.Status === "string" ? r.Status === q.Status.toUpperCase() : r.Status !== "DELETED") &&
        (typeof q.QuoteNumber !== "string" || r.QuoteNumber === q.QuoteNumber) &&
        (typeof q.DateFrom !== "string" || r.Date >= q.DateFrom) &&
        (typeof q.DateTo !== "string" || r.Date <= q.DateTo) &&
        (typeof q.ExpiryDateFrom !== "string" || (r.ExpiryDate ?? "") >= q.ExpiryDateFrom) &&
        (typeof q.ExpiryDateTo !== "string" || (r.ExpiryDate ?? "9999") <= q.ExpiryDateTo),
    ),
);
