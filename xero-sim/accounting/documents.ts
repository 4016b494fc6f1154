import { newId } from "../state/ids.ts";
import type { ContactRecord, DocumentRecord, LineRecord, OrgRecord, PaymentRecord } from "../state/types.ts";
import { findActiveByName, findByContactNumber } from "./contact-store.ts";
import { documentTotals, type LineAmountMode } from "./totals.ts";
import { asText, dayFields, msDate, parseDay } from "./wire.ts";

/** Rules shared by invoices, quotes and purchase orders: contact, lines, tax, totals, lock dates. */

export type Side = "sales" | "purchases";

export function resolveContact(
  org: OrgRecord,
  input: unknown,
): { contact: ContactRecord } | { error: string } {
  if (typeof input !== "object" || input === null)
    return { error: "A Contact must be specified for this type of transaction" };
  const ref = input as Record<string, unknown>;
  let contact: ContactRecord | undefined;
  if (typeof ref.ContactID === "string") contact = org.contacts.get(ref.ContactID.toLowerCase());
  else if (typeof ref.ContactNumber === "string") contact = findByContactNumber(org, ref.ContactNumber);
  else if (typeof ref.Name === "string") contact = findActiveByName(org, ref.Name);
  if (!contact) return { error: "The contact could not be found. Use an existing ContactID." };
  // Xero refuses archived contacts on new or edited transactions.
  if (contact.ContactStatus !== "ACTIVE") {
    return {
      error: `The contact "${contact.Name}" is archived. Archived contacts cannot be used on transactions.`,
    };
  }
  return { contact };
}

interface BuiltLines {
  lines: LineRecord[];
  totals: { SubTotal: number; TotalTax: number; Total: number; TotalDiscount: number };
}

/**
 * Validates and prices line items. Tax comes from the line's TaxType, else the account's, else
 * none; any TaxAmount the client sent is ignored, because Xero calculates tax itself. An ItemCode
 * fills in the item's sales or purchase details that the line leaves out.
 */
export function buildLines(
  org: OrgRecord,
  inputs: Record<string, unknown>[],
  options: {
    side: Side;
    mode: LineAmountMode;
    unitdp: 2 | 4;
    allowDiscount: boolean;
    requireAccounts: boolean;
    previous?: LineRecord[];
  },
): BuiltLines | { errors: string[] } {
  const errors: string[] = [];
  if (inputs.length === 0) return { errors: ["At least one line item must be specified."] };
  const prepared = inputs.map((input) => {
    const line = { ...input };
    if (typeof line.ItemCode === "string" && line.ItemCode) {
      const code = line.ItemCode;
      const item = [...org.items.values()].find((i) => i.Code.toLowerCase() === code.toLowerCase());
      if (!item) {
        errors.push(`Item code '${code}' is not valid.`);
      } else {
        const details = options.side === "sales" ? item.SalesDetails : item.PurchaseDetails;
        line.ItemCode = item.Code;
        line.Description ??=
          options.side === "sales" ? item.Description : (item.PurchaseDescription ?? item.Description);
        line.UnitAmount ??= details?.UnitPrice;
        line.AccountCode ??= details?.AccountCode;
        line.TaxType ??= details?.TaxType;
      }
    }
    let taxRate = 0;
    const accountCode =
      typeof line.AccountCode === "string" && line.AccountCode ? line.AccountCode : undefined;
    const account = accountCode ? org.accounts.find((a) => a.Code === accountCode) : undefined;
    if (accountCode) {
      if (!account || account.SystemAccount || account.Type === "BANK") {
        errors.push(`Account code '${accountCode}' is not a valid code for this document.`);
      } else if (account.Status !== "ACTIVE") {
        errors.push(
          `Account code '${accountCode}' has been archived, or is not a valid code for this document.`,
        );
      }
    }
    const hasAmount = typeof line.UnitAmount === "number" && line.UnitAmount !== 0;
    if (options.requireAccounts && hasAmount && !accountCode) {
      errors.push("An account code must be specified for line items with an amount.");
    }
    if (!options.allowDiscount && (line.DiscountRate !== undefined || line.DiscountAmount !== undefined)) {
      errors.push("Discounts can only be applied to sales invoices and quotes.");
    }
    const description = typeof line.Description === "string" ? line.Description : "";
    if (!description.trim() && !hasAmount && !line.ItemCode) errors.push("Description cannot be empty.");
    let taxType = typeof line.TaxType === "string" && line.TaxType ? line.TaxType : account?.TaxType;
    if (options.mode === "NoTax") taxType = "NONE";
    if (taxType) {
      const rate = org.taxRates.find((t) => t.TaxType === taxType && t.Status === "ACTIVE");
      const applies = rate && (options.side === "sales" ? rate.CanApplyToRevenue : rate.CanApplyToExpenses);
      if (!applies)
        errors.push(
          `The TaxType code ${taxType} does not exist or cannot be used for this type of transaction.`,
        );
      else taxRate = rate.Rate;
    }
    return { line, taxType, taxRate };
  });
  if (errors.length) return { errors: [...new Set(errors)] };
  const totals = documentTotals(
    prepared.map(({ line, taxRate }) => ({
      quantity: typeof line.Quantity === "number" ? line.Quantity : undefined,
      unitAmount: typeof line.UnitAmount === "number" ? line.UnitAmount : undefined,
      discountRate: typeof line.DiscountRate === "number" ? line.DiscountRate : undefined,
      taxRate,
    })),
    options.mode,
    options.unitdp,
  );
  const previousIds = new Set(options.previous?.map((l) => l.LineItemID));
  const lines = prepared.map(({ line, taxType }, i): LineRecord => {
    const t = totals.lines[i];
    const keepId = typeof line.LineItemID === "string" && previousIds.has(line.LineItemID);
    return {
      LineItemID: keepId ? (line.LineItemID as string) : newId(),
      ...(typeof line.Description === "string" ? { Description: line.Description } : {}),
      ...(t?.unitAmount !== undefined ? { UnitAmount: t.unitAmount, Quantity: t.quantity ?? 1 } : {}),
      ...(typeof line.ItemCode === "string" ? { ItemCode: line.ItemCode } : {}),
      ...(typeof line.AccountCode === "string" ? { AccountCode: line.AccountCode } : {}),
      ...(taxType ? { TaxType: taxType } : {}),
      TaxAmount: t?.taxAmount ?? 0,
      LineAmount: t?.lineAmount ?? 0,
      ...(typeof line.DiscountRate === "number" ? { DiscountRate: line.DiscountRate } : {}),
      Tracking: Array.isArray(line.Tracking) ? (line.Tracking as unknown[]) : [],
    };
  });
  return {
    lines,
    totals: {
      SubTotal: totals.subTotal,
      TotalTax: totals.totalTax,
      Total: totals.total,
      TotalDiscount: totals.totalDiscount,
    },
  };
}

/** Existing lines as inputs again, so a status-only or header-only update re-prices consistently. */
export function linesAsInputs(lines: LineRecord[]): Record<string, unknown>[] {
  return lines.map((l) => ({ ...l }));
}

/** Posted documents may not be dated on or before a lock date (developer.xero.com: "lock dates"). */
export function lockDateError(org: OrgRecord, day: string): string | undefined {
  if (org.EndOfYearLockDate && day <= org.EndOfYearLockDate) {
    return `The document date cannot be before the end of year lock date (${org.EndOfYearLockDate}).`;
  }
  if (org.PeriodLockDate && day <= org.PeriodLockDate) {
    return `The document date cannot be before the period lock date (${org.PeriodLockDate}).`;
  }
  return undefined;
}

/**
 * A document in a currency the organisation has not added is refused (docs/xero/api-behaviour.md#currencies, docs). The
 * wording is Xero's answer as integrators quote it ("Organisation is not subscribed to currency SGD";
 * Expensify's help lists it as XRO068); the docs themselves give no text.
 */
export function currencyError(org: OrgRecord, code: unknown): string | undefined {
  if (code === undefined) return undefined;
  return org.currencies.some((c) => c.Code === code)
    ? undefined
    : `Organisation is not subscribed to currency ${asText(code)}`;
}

/**
 * A document's CurrencyRate: units of its currency per one unit of the base currency, 1 in the base
 * currency (the spec's examples). A foreign document keeps the rate it was sent with (up to 6
 * decimals: "max length = [18].[6]"), or the one it already has in the same currency, else Xero's
 * day rate ("If no rate is specified, the XE.com day rate is used", spec Invoice.CurrencyRate).
 */
export function currencyRate(
  org: OrgRecord,
  currency: string,
  sent: unknown,
  existing: { CurrencyCode?: unknown; CurrencyRate?: unknown } | undefined,
): { rate: number } | { error: string } {
  if (currency === org.BaseCurrency) return { rate: 1 };
  if (sent !== undefined && sent !== null) {
    if (typeof sent !== "number" || !Number.isFinite(sent) || sent <= 0) {
      return { error: "CurrencyRate must be a number greater than zero." };
    }
    return { rate: Math.round(sent * 1e6) / 1e6 };
  }
  if (existing?.CurrencyCode === currency && typeof existing.CurrencyRate === "number") {
    return { rate: existing.CurrencyRate };
  }
  const day = org.dayRates?.[currency];
  // Xero's own words when it has no rate to apply (its validation message).
  return day ? { rate: day } : { error: "A currency rate must be specified." };
}

export function dateInput(value: unknown, field: string, errors: string[]): string | undefined {
  const day = parseDay(value);
  if (day === null) errors.push(`${field} is not a valid date.`);
  return day ?? undefined;
}

/**
 * A document as Xero returns it: dates in both forms, and the contact's *current* name (Xero shows
 * a renamed contact's new name on existing documents).
 */
export function documentToWire(
  org: OrgRecord,
  record: DocumentRecord,
  dateFields: string[],
): Record<string, unknown> {
  const contact = org.contacts.get(record.Contact.ContactID);
  const out: Record<string, unknown> = {
    ...record,
    Contact: contact ? { ContactID: contact.ContactID, Name: contact.Name } : record.Contact,
    UpdatedDateUTC: msDate(record.UpdatedDateUTC),
  };
  for (const field of dateFields) {
    delete out[field];
    Object.assign(out, dayFields(field, record[field] as string | undefined));
  }
  if (Array.isArray(record.Payments))
    out.Payments = (record.Payments as PaymentRecord[])
      .filter((p) => p.Status === "AUTHORISED")
      .map(paymentOnDocument);
  return out;
}

/** A payment as a document lists it (spec example under GET /Invoices: PaymentID, Date, Amount, CurrencyRate, …). */
function paymentOnDocument(payment: PaymentRecord): Record<string, unknown> {
  return {
    PaymentID: payment.PaymentID,
    Date: msDate(Date.parse(`${payment.Date}T00:00:00Z`)),
    Amount: payment.Amount,
    ...(payment.Reference ? { Reference: payment.Reference } : {}),
    CurrencyRate: payment.CurrencyRate,
    HasAccount: false,
    HasValidationErrors: false,
  };
}
