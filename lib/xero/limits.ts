/**
 * Xero's string limits for every field Factory sends, in one table: the form schemas refuse longer
 * input with it and the mappers cut what still does not fit (records saved before a form knew the
 * limit, values Factory composes), so nothing over-long reaches Xero. Each key is the spec's schema
 * and property (`xero-sim/openapi/xero_accounting.yaml`, an unmodified copy of Xero's OpenAPI
 * document); `tests/unit/xero/limits.test.ts` checks the table against the spec and walks the
 * mappers' output for fields it does not know.
 *
 * How lengths are counted: Xero does not say. `maxLength` in JSON Schema counts code points, but
 * Xero's servers may count UTF-16 code units (an emoji is two). Factory counts UTF-16 code units
 * (`String.length`, which is also what zod's `.max()` and the simulator count): never fewer than
 * code points or graphemes, so a value that fits by this count fits however Xero counts.
 */

export interface XeroStringLimit {
  /** The most UTF-16 code units the field may hold. */
  max: number;
  /** How a note names the field when a value is shortened ("Reference shortened to …"). */
  label: string;
  /**
   * Where the number comes from: the spec's `maxLength`; the spec's description of the field
   * (no `maxLength` keyword); or Factory's own cap on a field the spec leaves open, with the reason
   * at the entry.
   */
  source: "spec" | "spec description" | "factory";
}

export const XERO_STRING_LIMITS = {
  // Contact (:21180).
  "Contact.Name": { max: 255, label: "Name", source: "spec" }, // :21207-21209
  "Contact.ContactNumber": { max: 50, label: "Contact code", source: "spec" }, // :21192-21194
  "Contact.EmailAddress": { max: 255, label: "Email", source: "spec" }, // :21223-21225
  "Contact.TaxNumber": { max: 50, label: "Tax number", source: "spec" }, // :21235-21237
  // Address (:20276), a contact's billing (POBOX) and delivery (STREET) address.
  "Address.AddressLine1": { max: 500, label: "Address line 1", source: "spec" }, // :20286-20288
  "Address.AddressLine2": { max: 500, label: "Address line 2", source: "spec" }, // :20290-20292
  "Address.AddressLine3": { max: 500, label: "Address line 3", source: "spec" }, // :20294-20296
  "Address.AddressLine4": { max: 500, label: "Address line 4", source: "spec" }, // :20298-20300
  "Address.City": { max: 255, label: "City", source: "spec" }, // :20302-20304
  "Address.Region": { max: 255, label: "Region", source: "spec" }, // :20306-20308
  "Address.PostalCode": { max: 50, label: "Postcode", source: "spec" }, // :20310-20312
  "Address.Country": { max: 50, label: "Country", source: "spec" }, // :20314-20316
  // Phone (:20323).
  "Phone.PhoneNumber": { max: 50, label: "Phone", source: "spec" }, // :20335-20337
  "Phone.PhoneAreaCode": { max: 10, label: "Phone area code", source: "spec" }, // :20339-20341
  "Phone.PhoneCountryCode": { max: 20, label: "Phone country code", source: "spec" }, // :20343-20345
  // ContactPerson (:21518) has no limits of its own; Contact.FirstName/LastName take 255 (:21211-21217).
  "ContactPerson.FirstName": { max: 255, label: "Contact person's first name", source: "factory" },
  "ContactPerson.LastName": { max: 255, label: "Contact person's last name", source: "factory" },
  "ContactPerson.EmailAddress": { max: 255, label: "Contact person's email", source: "factory" },
  // Item (:22582).
  "Item.Code": { max: 30, label: "Item code", source: "spec" }, // :22586-22588
  "Item.Name": { max: 50, label: "Item name", source: "spec" }, // :22593-22595
  "Item.Description": { max: 4000, label: "Item description", source: "spec" }, // :22603-22605
  "Item.PurchaseDescription": { max: 4000, label: "Item purchase description", source: "spec" }, // :22607-22609
  // Documents.
  /** The supplier's invoice number on a bill (ACCPAY), Xero's "Reference" on screen. */
  "Invoice.InvoiceNumber": { max: 255, label: "Supplier invoice number", source: "spec" }, // :22358-22360
  /**
   * No limit in the spec since its v2.6.1, which dropped the 255 because Xero's own screen takes
   * longer references (XeroAPI/Xero-OpenAPI#331). SDKs generated from the older spec refuse to read
   * a longer one (XeroAPI/xero-python#34), so other apps reading the organisation's invoices could
   * fail on it: Factory keeps its references to that 255.
   */
  "Invoice.Reference": { max: 255, label: "Reference", source: "factory" }, // :22362-22364
  "Quote.Reference": { max: 4000, label: "Reference", source: "spec" }, // :24261-24263
  /** No limit in the spec (:21680-21682); the same 255 as an invoice's reference. */
  "CreditNote.Reference": { max: 255, label: "Reference", source: "factory" },
  /** A supplier credit's number is the supplier's own (:21677-21679, no limit); 255 as a bill's. */
  "CreditNote.CreditNoteNumber": { max: 255, label: "Supplier credit note number", source: "factory" },
  /** No limit in the spec (:24128); the same 255 as an invoice's reference, so the two read alike. */
  "PurchaseOrder.Reference": { max: 255, label: "Reference", source: "factory" },
  "PurchaseOrder.DeliveryInstructions": {
    max: 500,
    label: "Delivery instructions",
    source: "spec description", // :24159-24161 "A free text feild for instructions (500 characters max)"
  },
  /**
   * No limit in the spec (:20677-20679 asks only for at least 1 character); a line's description
   * usually comes from an item's, so Factory caps it at Item.Description's 4,000.
   */
  "LineItem.Description": { max: 4000, label: "Line description", source: "factory" },
} as const satisfies Record<string, XeroStringLimit>;

export type XeroLimitKey = keyof typeof XERO_STRING_LIMITS;

/** The most UTF-16 code units `key` may hold (see the module comment for why code units). */
export const xeroMax = (key: XeroLimitKey): number => XERO_STRING_LIMITS[key].max;

/**
 * A document's reference is Factory's number(s) and then the party's reference
 * ("SI-00003 · SO-00042 · PO 4471"). The reference field of the forms leaves this much of Xero's 255
 * for the numbers: two numbers of up to 10 digits each and the separators, so a reference the form
 * accepted always reaches Xero whole.
 */
export const REFERENCE_PREFIX_ROOM = 32;
export const MAX_PARTY_REFERENCE = xeroMax("Invoice.Reference") - REFERENCE_PREFIX_ROOM;

const ELLIPSIS = "…";
// Made on first use: the form schemas import this module in the browser, and only a cut needs it.
let graphemes: Intl.Segmenter | undefined;

/**
 * `value` cut to at most `max` UTF-16 code units on a grapheme boundary, ending in "…" to show it
 * was cut: an emoji, a flag or a letter with its combining marks is kept whole or dropped whole,
 * never split into a half Xero would store as "�".
 */
export function cutToLength(value: string, max: number): string {
  if (value.length <= max) return value;
  const room = Math.max(0, max - ELLIPSIS.length);
  let end = 0;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  for (const { index, segment } of graphemes.segment(value)) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  return `${value.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/** What a note says when a value was shortened, e.g. "Reference shortened to Xero's 255 characters". */
export const shortenedNote = (key: XeroLimitKey): string =>
  `${XERO_STRING_LIMITS[key].label} shortened to Xero's ${xeroMax(key).toLocaleString("en-NZ")} characters`;

/**
 * `value` as Xero will take it: cut to the field's limit when longer, with a note added to `notes`
 * (once per field) so the person can see it was shortened.
 */
export function fitToXero(value: string, key: XeroLimitKey, notes?: string[]): string {
  const max = xeroMax(key);
  if (value.length <= max) return value;
  const note = shortenedNote(key);
  if (notes && !notes.includes(note)) notes.push(note);
  return cutToLength(value, max);
}
