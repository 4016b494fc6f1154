import { Decimal } from "decimal.js";
import { json, type SimResponse } from "../http/types.ts";
import { newId } from "../state/ids.ts";
import type { CreditNoteRecord, InvoiceRecord, OrgRecord } from "../state/types.ts";
import { documentOperations, type DocumentType } from "./document-engine.ts";
import { dateInput, lockDateError } from "./documents.ts";
import { notFound, validationException } from "./errors.ts";
import { bodyElements, type OperationContext, type OperationSpec } from "./operation.ts";
import type { LineAmountMode } from "./totals.ts";
import { settle } from "./payments.ts";
import { asText, dayFields, envelope, today } from "./wire.ts";

const MODES = new Set(["Exclusive", "Inclusive", "NoTax"]);

/** The invoice type a credit note of each type may be allocated to. */
const CREDITS: Record<CreditNoteRecord["Type"], InvoiceRecord["Type"]> = {
  ACCRECCREDIT: "ACCREC",
  ACCPAYCREDIT: "ACCPAY",
};

const money = (value: Decimal.Value) => new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

const allocated = (record: CreditNoteRecord) =>
  (record.Allocations ?? []).reduce((sum, a) => sum.plus(a.Amount), new Decimal(0));

/**
 * Credit notes (developer.xero.com/documentation/api/accounting/creditnotes; spec `/CreditNotes`,
 * xero_accounting.yaml:5212): Type ACCRECCREDIT (a customer credit) or ACCPAYCREDIT (a supplier
 * credit), lines and totals worked out as on invoices (the same engine), DRAFT, SUBMITTED or
 * AUTHORISED on create, then as invoices (./lifecycle.ts). `RemainingCredit` is the total less what
 * is allocated; an allocated credit note changes no more, and a fully allocated one is PAID.
 * ACCRECCREDIT numbers follow the organisation's credit note prefix (CN-0001, Xero's default) and
 * are unique; an ACCPAYCREDIT's number is the supplier's own, as on bills. Reference is an
 * ACCRECCREDIT field (as on invoices, it is dropped from an ACCPAYCREDIT).
 */
export const creditNoteType: DocumentType<CreditNoteRecord> = {
  key: "CreditNotes",
  collection: "creditNotes",
  idField: "CreditNoteID",
  numberField: "CreditNoteNumber",
  label: "Credit Note",
  errorFlag: "HasErrors",
  eventCategory: "CREDITNOTE",
  dateFields: ["Date", "DueDate", "FullyPaidOnDate"],
  passthrough: ["Type", "Reference", "SentToContact", "BrandingThemeID"],
  side: (input) => (input.Type === "ACCPAYCREDIT" ? "purchases" : "sales"),
  check(merged, existing) {
    if (merged.Type !== "ACCRECCREDIT" && merged.Type !== "ACCPAYCREDIT") {
      return [`Credit Note Type must be ACCRECCREDIT or ACCPAYCREDIT.`];
    }
    if (existing && existing.Type !== merged.Type) return ["The credit note type cannot be changed."];
    return [];
  },
  parseMode: (value) =>
    value === undefined ? "Exclusive" : MODES.has(asText(value)) ? (value as LineAmountMode) : null,
  formatMode: (mode) => mode,
  defaultStatus: "DRAFT",
  lifecycle: "creditNote",
  posted: new Set(["SUBMITTED", "AUTHORISED"]),
  allowDiscount: (side) => side === "sales",
  requireDate: false,
  numbering: { prefix: "CN-", counter: "creditNote" },
  numbered: (merged) => merged.Type === "ACCRECCREDIT",
  duplicateNumber: () => "Credit Note # must be unique.",
  finish(record) {
    record.Allocations ??= [];
    record.RemainingCredit =
      record.Status === "VOIDED" || record.Status === "DELETED"
        ? 0
        : money(new Decimal(record.Total).minus(allocated(record))).toNumber();
    if (record.Type === "ACCPAYCREDIT") delete record.Reference;
  },
};

interface AllocationInput {
  Invoice?: { InvoiceID?: unknown };
  Amount?: unknown;
  Date?: unknown;
}

/**
 * Why Xero would refuse allocating `amount` of the credit note to the invoice, or null. Xero's
 * rules (docs, "Allocating credit notes"; xero-api.md §8): the credit note is AUTHORISED, the invoice
 * is an approved (AUTHORISED) invoice of the matching side, same contact and currency, and the amount
 * is positive and exceeds neither the invoice's AmountDue nor the credit's RemainingCredit.
 */
function allocationError(
  org: OrgRecord,
  credit: CreditNoteRecord,
  invoice: InvoiceRecord | undefined,
  amount: Decimal,
  day: string,
): string | null {
  if (credit.Status !== "AUTHORISED") return "Credit note must be AUTHORISED to be allocated.";
  if (!invoice) return "Invoice could not be found.";
  if (invoice.Type !== CREDITS[credit.Type]) {
    return `A ${credit.Type} credit note can only be allocated to an ${CREDITS[credit.Type]} invoice.`;
  }
  if (invoice.Status !== "AUTHORISED") return "Invoice must be AUTHORISED to allocate a credit note to it.";
  if (invoice.Contact.ContactID !== credit.Contact.ContactID) {
    return "The credit note and the invoice must be for the same contact.";
  }
  if (invoice.CurrencyCode !== credit.CurrencyCode) {
    return "The credit note and the invoice must be in the same currency.";
  }
  if (amount.lte(0)) return "Allocation amount must be greater than zero.";
  if (amount.gt(money(invoice.AmountDue))) {
    return `The amount allocated (${amount.toFixed(2)}) cannot be more than the invoice's amount due (${money(invoice.AmountDue).toFixed(2)}).`;
  }
  if (amount.gt(money(credit.RemainingCredit))) {
    return `The amount allocated (${amount.toFixed(2)}) cannot be more than the credit note's remaining credit (${money(credit.RemainingCredit).toFixed(2)}).`;
  }
  return lockDateError(org, day) ?? null;
}

/**
 * `PUT /CreditNotes/{CreditNoteID}/Allocations` (spec :6420): each allocation takes its amount off
 * the invoice's AmountDue (into AmountCredited) and the credit's RemainingCredit; an invoice with
 * nothing left due becomes PAID, a credit with nothing left becomes PAID. All or nothing: any refused
 * allocation refuses the request with Xero's ValidationException.
 */
function allocate(c: OperationContext): SimResponse {
  const id = (c.op.pathParams.CreditNoteID ?? "").toLowerCase();
  const credit = c.org.creditNotes.get(id);
  if (!credit) return notFound(`Credit Note ${id} was not found`);
  const inputs = bodyElements(c, "Allocations") as AllocationInput[];
  const errors: string[] = [];
  const planned: { invoice: InvoiceRecord; amount: Decimal; day: string }[] = [];
  const remaining = { credit: money(credit.RemainingCredit), due: new Map<string, Decimal>() };
  for (const input of inputs) {
    const invoiceId =
      typeof input.Invoice?.InvoiceID === "string" ? input.Invoice.InvoiceID.toLowerCase() : "";
    const invoice = c.org.invoices.get(invoiceId);
    const amount = money(typeof input.Amount === "number" ? input.Amount : Number.NaN);
    const day = dateInput(input.Date, "Date", errors) ?? today(c.org);
    // Several allocations in one request share the credit and the invoice's amount due.
    const view = invoice
      ? { ...invoice, AmountDue: (remaining.due.get(invoiceId) ?? money(invoice.AmountDue)).toNumber() }
      : undefined;
    const error = amount.isNaN()
      ? "Allocation amount must be specified."
      : allocationError(
          c.org,
          { ...credit, RemainingCredit: remaining.credit.toNumber() },
          view,
          amount,
          day,
        );
    if (error || !invoice) {
      errors.push(error ?? "Invoice could not be found.");
      continue;
    }
    remaining.credit = remaining.credit.minus(amount);
    remaining.due.set(invoiceId, money(view?.AmountDue ?? 0).minus(amount));
    planned.push({ invoice, amount, day });
  }
  if (errors.length > 0 || planned.length === 0) {
    return validationException([
      {
        Allocations: inputs,
        ValidationErrors: (errors.length ? errors : ["No allocations were given."]).map((Message) => ({
          Message,
        })),
      },
    ]);
  }
  const now = Date.now();
  const made = planned.map(({ invoice, amount, day }) => {
    const allocation = {
      AllocationID: newId(),
      Amount: amount.toNumber(),
      Date: day,
      Invoice: { InvoiceID: invoice.InvoiceID, InvoiceNumber: invoice.InvoiceNumber },
    };
    credit.Allocations.push(allocation);
    invoice.AmountCredited = money(new Decimal(invoice.AmountCredited ?? 0).plus(amount)).toNumber();
    invoice.AmountDue = money(new Decimal(invoice.AmountDue).minus(amount)).toNumber();
    if (invoice.AmountDue === 0) {
      invoice.Status = "PAID";
      invoice.FullyPaidOnDate = day;
    }
    invoice.UpdatedDateUTC = now;
    return allocation;
  });
  credit.RemainingCredit = money(new Decimal(credit.Total).minus(allocated(credit))).toNumber();
  if (credit.RemainingCredit === 0) credit.Status = "PAID";
  credit.UpdatedDateUTC = now;
  // Webhooks: the credit note and each invoice it was allocated to changed (ops/changes.ts).
  c.sim.changes.changed(c.org.tenantId, "CREDITNOTE", credit.CreditNoteID, "UPDATE", {
    Type: credit.Type,
    Status: credit.Status,
  });
  for (const { invoice } of planned)
    c.sim.changes.changed(c.org.tenantId, "INVOICE", invoice.InvoiceID, "UPDATE");
  return json(
    200,
    envelope(
      "Allocations",
      made.map(({ Date: day, ...a }) => ({
        ...a,
        ...dayFields("Date", day),
        CreditNote: { CreditNoteID: credit.CreditNoteID, CreditNoteNumber: credit.CreditNoteNumber },
      })),
    ),
  );
}

/**
 * `DELETE /CreditNotes/{CreditNoteID}/Allocations/{AllocationID}` (spec xero_accounting.yaml:6548,
 * deleteCreditNoteAllocations): the allocation is undone. The invoice gets the amount back in its
 * AmountDue (a PAID one is AUTHORISED again, ./payments.ts `settle`), the credit note in its
 * RemainingCredit (a PAID one is AUTHORISED again, so it may be voided: ./lifecycle.ts). The answer is
 * the Allocation with IsDeleted true (the spec's example). An allocation not on the credit note (one
 * removed already; a voided or draft credit note has none) is 404; one dated on or before a lock
 * date is refused as any change there is.
 */
function removeAllocation(c: OperationContext): SimResponse {
  const id = (c.op.pathParams.CreditNoteID ?? "").toLowerCase();
  const credit = c.org.creditNotes.get(id);
  if (!credit) return notFound(`Credit Note ${id} was not found`);
  const allocationId = (c.op.pathParams.AllocationID ?? "").toLowerCase();
  const allocation = credit.Allocations.find((a) => a.AllocationID === allocationId);
  if (!allocation) return notFound(`Allocation ${allocationId} was not found`);
  const refusal = lockDateError(c.org, allocation.Date);
  if (refusal) {
    return validationException([
      { AllocationID: allocation.AllocationID, ValidationErrors: [{ Message: refusal }] },
    ]);
  }
  const invoice = c.org.invoices.get(allocation.Invoice.InvoiceID.toLowerCase());
  const now = Date.now();
  credit.Allocations = credit.Allocations.filter((a) => a !== allocation);
  credit.RemainingCredit = money(new Decimal(credit.Total).minus(allocated(credit))).toNumber();
  if (credit.Status === "PAID") credit.Status = "AUTHORISED";
  credit.UpdatedDateUTC = now;
  c.sim.changes.changed(c.org.tenantId, "CREDITNOTE", credit.CreditNoteID, "UPDATE", {
    Type: credit.Type,
    Status: credit.Status,
  });
  if (invoice) {
    invoice.AmountCredited = money(
      Decimal.max(0, new Decimal(invoice.AmountCredited ?? 0).minus(allocation.Amount)),
    ).toNumber();
    settle(invoice);
    invoice.UpdatedDateUTC = now;
    c.sim.changes.changed(c.org.tenantId, "INVOICE", invoice.InvoiceID, "UPDATE");
  }
  return json(200, {
    AllocationID: allocation.AllocationID,
    Amount: allocation.Amount,
    ...dayFields("Date", allocation.Date),
    Invoice: allocation.Invoice,
    CreditNote: { CreditNoteID: credit.CreditNoteID, CreditNoteNumber: credit.CreditNoteNumber },
    IsDeleted: true,
  });
}

const crud = documentOperations(
  creditNoteType,
  {
    list: "getCreditNotes",
    get: ["getCreditNote"],
    create: "createCreditNotes",
    upsert: "updateOrCreateCreditNotes",
    update: "updateCreditNote",
  },
  // GET /CreditNotes takes where, order and page only (spec, /CreditNotes parameters): no IDs
  // filter as invoices have, so an IDs parameter is ignored like any other unknown one and the
  // caller names credit notes in `where`.
  (records) => records.filter((r) => r.Status !== "DELETED"),
);

export const creditNoteOperations: Record<string, OperationSpec> = {
  ...crud,
  createCreditNoteAllocation: { scope: "accounting.invoices", write: true, handle: allocate },
  deleteCreditNoteAllocations: { scope: "accounting.invoices", write: true, handle: removeAllocation },
};
