import type { InvoiceRecord } from "../state/types.ts";
import { documentOperations, type DocumentType } from "./document-engine.ts";
import { settle } from "./payments.ts";
import type { LineAmountMode } from "./totals.ts";
import { asText } from "./wire.ts";

const MODES = new Set(["Exclusive", "Inclusive", "NoTax"]);

/**
 * Sales invoices (ACCREC) and bills (ACCPAY), per developer.xero.com/documentation/api/invoices:
 * created as DRAFT, SUBMITTED or AUTHORISED; DRAFT/SUBMITTED may be DELETED, AUTHORISED only
 * VOIDED; PAID is set by payments (payments.ts); money applied freezes the document (invoice-status.ts).
 * ACCREC numbers are unique and generated when missing; ACCPAY numbers are the supplier's own.
 */
export const invoiceType: DocumentType<InvoiceRecord> = {
  key: "Invoices",
  collection: "invoices",
  idField: "InvoiceID",
  numberField: "InvoiceNumber",
  label: "Invoice",
  errorFlag: "HasErrors",
  eventCategory: "INVOICE",
  dateFields: ["Date", "DueDate", "ExpectedPaymentDate", "FullyPaidOnDate"],
  passthrough: ["Type", "Reference", "Url", "SentToContact", "BrandingThemeID"],
  side: (input) => (input.Type === "ACCPAY" ? "purchases" : "sales"),
  check(merged, existing) {
    if (merged.Type !== "ACCREC" && merged.Type !== "ACCPAY") {
      return [
        `Invoice Type must be ACCREC or ACCPAY; the simulator does not support "${asText(merged.Type ?? "")}".`,
      ];
    }
    if (existing && existing.Type !== merged.Type) return ["The invoice type cannot be changed."];
    return [];
  },
  parseMode: (value) =>
    value === undefined ? "Exclusive" : MODES.has(asText(value)) ? (value as LineAmountMode) : null,
  formatMode: (mode) => mode,
  defaultStatus: "DRAFT",
  lifecycle: "invoice",
  posted: new Set(["SUBMITTED", "AUTHORISED"]),
  allowDiscount: (side) => side === "sales",
  requireDate: false,
  numbering: { prefix: "INV-", counter: "invoice" },
  numbered: (merged) => merged.Type === "ACCREC",
  duplicateNumber: () => "Invoice # must be unique.",
  finish(record, org) {
    // Xero lists these on every invoice, empty or zero until money is applied (spec example, GET /Invoices).
    record.Payments ??= [];
    record.AmountCredited ??= 0;
    settle(record);
    // Reference is an ACCREC field; on a bill the supplier's number goes in InvoiceNumber.
    if (record.Type === "ACCPAY") delete record.Reference;
    // Xero flags a contact as customer/supplier once it has an invoice or bill (xero-sim/openapi/xero_accounting.yaml:21263).
    const contact = org.contacts.get(record.Contact.ContactID);
    if (contact) contact[record.Type === "ACCREC" ? "IsCustomer" : "IsSupplier"] = true;
  },
};

const listOf = (q: unknown) =>
  Array.isArray(q) ? new Set((q as string[]).map((s) => s.toLowerCase())) : undefined;

export const invoiceOperations = documentOperations(
  invoiceType,
  {
    list: "getInvoices",
    get: ["getInvoice"],
    create: "createInvoices",
    upsert: "updateOrCreateInvoices",
    update: "updateInvoice",
  },
  (records, q) => {
    const ids = listOf(q.IDs);
    const numbers = listOf(q.InvoiceNumbers);
    const contacts = listOf(q.ContactIDs);
    const statuses = listOf(q.Statuses);
    const term = typeof q.searchTerm === "string" ? q.searchTerm.toLowerCase() : "";
    return records.filter(
      (r) =>
        (!ids || ids.has(r.InvoiceID)) &&
        (!numbers || numbers.has((r.InvoiceNumber ?? "").toLowerCase())) &&
        (!contacts || contacts.has(r.Contact.ContactID)) &&
        (statuses ? statuses.has(r.Status.toLowerCase()) : ids !== undefined || r.Status !== "DELETED") &&
        (!term || [r.InvoiceNumber, r.Reference].some((f) => f?.toLowerCase().includes(term))),
    );
  },
);
