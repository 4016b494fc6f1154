import { Decimal } from "decimal.js";
import { newId } from "../state/ids.ts";
import type { AccountRecord, InvoiceRecord, OrgRecord, PaymentRecord } from "../state/types.ts";
import { lockDateError } from "./documents.ts";
import { parseDay, today } from "./wire.ts";

/**
 * Payments on invoices and bills (developer.xero.com/documentation/api/accounting/payments): a
 * payment of part or all of what is outstanding on an AUTHORISED document; the document then shows
 * it in `Payments`, with `AmountPaid`/`AmountDue` moved and `Status` PAID once nothing is owed.
 * Status rules (what a paid or part-paid document refuses) live in ./lifecycle.ts.
 */

/** Xero's answers to a payment it refuses (quoted in Workato's and Actionstep's Xero error guides). */
export const NOT_AUTHORISED_FOR_PAYMENT = "Payments can only be made against Authorised documents";
export const PAYMENT_EXCEEDS_OUTSTANDING = "Payment amount exceeds the amount outstanding on this document";

const money = (value: Decimal.Value) => new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** What is still owed: Total less payments and allocated credit (0 for a voided or deleted document). */
export function outstanding(invoice: InvoiceRecord): Decimal {
  if (invoice.Status === "VOIDED" || invoice.Status === "DELETED") return new Decimal(0);
  return money(invoice.Total)
    .minus(money(invoice.AmountPaid ?? 0))
    .minus(money(invoice.AmountCredited ?? 0));
}

/** Why a payment of `amount` (in cents, > 0) is refused, in Xero's words; empty when allowed. */
function paymentRefusals(invoice: InvoiceRecord, amount: Decimal): string[] {
  const errors: string[] = [];
  if (invoice.Status !== "AUTHORISED") errors.push(NOT_AUTHORISED_FOR_PAYMENT);
  if (amount.greaterThan(outstanding(invoice))) errors.push(PAYMENT_EXCEEDS_OUTSTANDING);
  return errors;
}

/**
 * Recomputes AmountPaid, AmountDue, Status and FullyPaidOnDate from the payments and the allocated
 * credit: PAID (set by Xero, never by an update) once nothing is outstanding and money was applied,
 * with FullyPaidOnDate the latest payment's date ("Only returned on fully paid invoices", spec
 * Invoice.FullyPaidOnDate); back to AUTHORISED, without it, when a payment is removed.
 */
export function settle(invoice: InvoiceRecord): void {
  const payments = livePayments(invoice);
  invoice.AmountPaid = payments.reduce((sum, p) => sum.plus(money(p.Amount)), new Decimal(0)).toNumber();
  invoice.AmountDue = outstanding(invoice).toNumber();
  const applied = invoice.AmountPaid > 0 || (invoice.AmountCredited ?? 0) > 0;
  const settled = applied && invoice.AmountDue === 0;
  if (settled && invoice.Status === "AUTHORISED") {
    invoice.Status = "PAID";
    const last = payments
      .map((p) => p.Date)
      .sort()
      .at(-1);
    if (last) invoice.FullyPaidOnDate = last;
  }
  if (!settled && invoice.Status === "PAID") {
    invoice.Status = "AUTHORISED";
    delete invoice.FullyPaidOnDate;
  }
}

export interface PaymentInput {
  /** Defaults to everything outstanding. */
  amount?: unknown;
  /** `YYYY-MM-DD`; defaults to today in the organisation's time zone. */
  date?: unknown;
  reference?: unknown;
  /** Defaults to the organisation's first bank account (as a person paying in Xero's screens picks one). */
  account?: AccountRecord;
}

/** The payments that count on an invoice (a removed one is kept, DELETED, for GET /Payments). */
export function livePayments(invoice: InvoiceRecord): PaymentRecord[] {
  return (invoice.Payments ?? []).filter((p) => p.Status === "AUTHORISED");
}

/** Every payment of an organisation with its invoice, oldest first. */
export function allPayments(org: OrgRecord): { payment: PaymentRecord; invoice: InvoiceRecord }[] {
  return [...org.invoices.values()]
    .flatMap((invoice) => (invoice.Payments ?? []).map((payment) => ({ payment, invoice })))
    .sort((a, b) => a.payment.UpdatedDateUTC - b.payment.UpdatedDateUTC);
}

export type PaymentOutcome = { ok: true; payment: PaymentRecord } | { ok: false; errors: string[] };

export function payInvoice(org: OrgRecord, invoice: InvoiceRecord, input: PaymentInput): PaymentOutcome {
  const errors: string[] = [];
  let amount: Decimal;
  if (input.amount === undefined || input.amount === null) {
    amount = outstanding(invoice);
  } else if (typeof input.amount !== "number" || !Number.isFinite(input.amount)) {
    return { ok: false, errors: ["Amount must be a number."] };
  } else {
    // Money is kept to the cent, as Xero keeps it (spec Payment.Amount is x-is-money).
    amount = new Decimal(input.amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  }
  if (!amount.greaterThan(0)) errors.push("Payment amount must be greater than zero.");
  const date = parseDay(input.date);
  if (date === null) errors.push("Date is not a valid date.");
  const day = date ?? today(org);
  const locked = lockDateError(org, day);
  if (locked) errors.push(locked);
  errors.push(...paymentRefusals(invoice, amount));
  if (errors.length) return { ok: false, errors: [...new Set(errors)] };
  const account = input.account ?? org.accounts.find((a) => a.Type === "BANK" && a.Status === "ACTIVE");
  const payment: PaymentRecord = {
    PaymentID: newId(),
    Date: day,
    Amount: amount.toNumber(),
    CurrencyRate: typeof invoice.CurrencyRate === "number" ? invoice.CurrencyRate : 1,
    ...(typeof input.reference === "string" && input.reference ? { Reference: input.reference } : {}),
    PaymentType: invoice.Type === "ACCPAY" ? "ACCPAYPAYMENT" : "ACCRECPAYMENT",
    Status: "AUTHORISED",
    ...(account ? { Account: { AccountID: account.AccountID } } : {}),
    UpdatedDateUTC: Date.now(),
  };
  invoice.Payments = [...(invoice.Payments ?? []), payment];
  settle(invoice);
  invoice.UpdatedDateUTC = payment.UpdatedDateUTC;
  return { ok: true, payment };
}

/** Removes a payment, as "Remove and redo" in Xero or `POST /Payments/{id}` with Status DELETED does. */
export function removePayment(invoice: InvoiceRecord, paymentId: string): boolean {
  const payment = livePayments(invoice).find((p) => p.PaymentID === paymentId.toLowerCase());
  if (!payment) return false;
  payment.Status = "DELETED";
  payment.UpdatedDateUTC = Date.now();
  settle(invoice);
  invoice.UpdatedDateUTC = payment.UpdatedDateUTC;
  return true;
}

/** The invoice holding a payment, if any. */
export function invoiceOfPayment(org: OrgRecord, paymentId: string): InvoiceRecord | undefined {
  const id = paymentId.toLowerCase();
  for (const invoice of org.invoices.values()) {
    if (livePayments(invoice).some((p) => p.PaymentID === id)) return invoice;
  }
  return undefined;
}
