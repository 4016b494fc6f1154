import Decimal from "decimal.js";
import type { TaxMode } from "@/lib/db/schema";

/**
 * Exact money and tax maths for quotes, sales orders, invoices, purchase orders and bills, done the
 * way Xero does it so that Factory's totals and Xero's agree to the cent: each line's amount is
 * rounded to 2 dp, each line's tax is worked out and rounded to 2 dp, and the document's tax is the
 * sum of the rounded line taxes — never the tax on the rounded sum ("Rounding in Xero",
 * developer.xero.com/documentation/guides/how-to-guides/rounding-in-xero/; shared/reference
 * docs/xero/api-behaviour.md#rounding-and-line-amounts). Amounts travel as decimal strings, the form Postgres `numeric`
 * columns return, so nothing passes through a binary float.
 */

/** A private Decimal with room for 4-dp quantities × 4-dp prices, rounding halves away from zero as Xero does. */
const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Exact = InstanceType<typeof Exact>;

// The schema's enum, spelled out so forms in the browser don't pull in drizzle; `satisfies` keeps it in step.
export const TAX_MODES = ["exclusive", "inclusive", "no_tax"] as const satisfies readonly TaxMode[];

export const TAX_MODE_LABELS: Record<TaxMode, string> = {
  exclusive: "Tax exclusive",
  inclusive: "Tax inclusive",
  no_tax: "No tax",
};

/** Decimal places Xero accepts for unit prices when asked with `unitdp=4` (docs/xero/api-behaviour.md#rounding-and-line-amounts). */
export const UNIT_PRICE_DP = 4;
export const QUANTITY_DP = 4;
export const MONEY_DP = 2;
export const DISCOUNT_DP = 2;
/** Limits that keep a typo (an extra three zeros) from becoming a document; they fit numeric(18, 4). */
export const MAX_QUANTITY = 1_000_000;
export const MAX_UNIT_PRICE = 10_000_000;

export type DecimalInput = string | number | Decimal;

export interface LineInput {
  quantity: DecimalInput;
  unitPrice: DecimalInput;
  /** Percent off the line, 0–100; empty means none. */
  discountPercent?: DecimalInput | null;
  /** Percent, e.g. 15 for 15 % GST; empty means the line carries no tax. */
  taxRate?: DecimalInput | null;
}

export interface LineAmounts {
  /** Quantity × unit price less discount, rounded to 2 dp; includes tax in inclusive mode. */
  lineAmount: string;
  /** This line's tax, rounded to 2 dp on its own. */
  taxAmount: string;
}

export interface DocumentTotals {
  /** Total before tax. */
  subtotal: string;
  tax: string;
  total: string;
  lines: LineAmounts[];
}

function exact(value: DecimalInput | null | undefined): Exact {
  if (value === null || value === undefined || value === "") return new Exact(0);
  return new Exact(value instanceof Decimal ? value.toString() : value);
}

function money(value: Exact): string {
  return value.toDecimalPlaces(MONEY_DP).toFixed(MONEY_DP);
}

/**
 * How Xero holds one document type's lines, so Factory can compute a document exactly as Xero will
 * before it is sent (issue 11 "Factory's totals are Xero's totals").
 * - `unitDp`: quotes and purchase orders take no `unitdp` parameter, so Xero keeps their unit amounts
 *   to 2 decimals; invoices (and so sales orders and bills) take `unitdp=4` (xero_accounting.yaml
 *   `unitdp`, :19779; docs/xero/api-behaviour.md "Rounding and line amounts").
 * - `discounts`: `DiscountRate` exists on sales invoices and quotes only (`LineItem.DiscountRate`,
 *   :20721); on purchase orders and bills the discount is folded into the unit amount.
 *
 * An accountant trusts a document whose every figure is the one the other side holds: so Factory never
 * keeps a more precise price than Xero will, and a folded discount becomes the net unit price the
 * supplier sees, rounded once, with the line amount worked from it. Nothing then needs explaining as
 * "rounding" afterwards. A bill is held as its purchase order is, so the bills of an order are priced
 * from the same net unit cost as the order itself.
 */
export interface LinePricing {
  unitDp: 2 | 4;
  discounts: boolean;
}

export type PricedDocumentType =
  "quote" | "sales_order" | "invoice" | "purchase_order" | "bill" | "credit_note" | "supplier_credit";

export const XERO_LINE_PRICING: Record<PricedDocumentType, LinePricing> = {
  quote: { unitDp: 2, discounts: true },
  sales_order: { unitDp: 4, discounts: true },
  invoice: { unitDp: 4, discounts: true },
  purchase_order: { unitDp: 2, discounts: false },
  bill: { unitDp: 2, discounts: false },
  // Credit notes take unitdp=4 and, like invoices, discounts on sales only (Xero docs: credit notes).
  credit_note: { unitDp: 4, discounts: true },
  supplier_credit: { unitDp: 2, discounts: false },
};

/**
 * The unit amount and discount percent Xero will hold for a line: the price rounded to the type's
 * decimals, or, where the type takes no discount, the price less its discount rounded once.
 */
export function xeroUnitAmount(
  line: Pick<LineInput, "unitPrice" | "discountPercent">,
  pricing: LinePricing,
): { unitAmount: string; discountPercent: string } {
  const discount = exact(line.discountPercent);
  if (pricing.discounts) {
    return {
      unitAmount: exact(line.unitPrice).toDecimalPlaces(pricing.unitDp).toFixed(pricing.unitDp),
      discountPercent: discount.toFixed(DISCOUNT_DP),
    };
  }
  const kept = new Exact(100).minus(discount).dividedBy(100);
  return {
    unitAmount: exact(line.unitPrice).times(kept).toDecimalPlaces(pricing.unitDp).toFixed(pricing.unitDp),
    discountPercent: new Exact(0).toFixed(DISCOUNT_DP),
  };
}

/** Xero's LineAmount: quantity × unit amount × (1 − discount / 100), rounded to 2 dp. */
export function lineAmount(
  line: Pick<LineInput, "quantity" | "unitPrice" | "discountPercent">,
  pricing: LinePricing,
): string {
  const held = xeroUnitAmount(line, pricing);
  const gross = exact(line.quantity).times(exact(held.unitAmount));
  const kept = new Exact(100).minus(exact(held.discountPercent)).dividedBy(100);
  return money(gross.times(kept));
}

/**
 * The tax on one line, rounded to 2 dp. Exclusive: amount × rate / 100. Inclusive: the tax contained
 * in the amount, amount × rate / (100 + rate). No tax: zero.
 */
export function lineTax(
  amount: DecimalInput,
  taxRate: DecimalInput | null | undefined,
  mode: TaxMode,
): string {
  const rate = exact(taxRate);
  if (mode === "no_tax" || rate.isZero()) return money(new Exact(0));
  const base = exact(amount);
  const tax =
    mode === "exclusive"
      ? base.times(rate).dividedBy(100)
      : base.times(rate).dividedBy(new Exact(100).plus(rate));
  return money(tax);
}

/**
 * The 2-dp line amount nearest to `near` on which Xero's per-line tax (lineTax) is exactly `tax`, or
 * null when no amount carries that tax (a line with no rate carries none). The amounts whose tax
 * rounds to one figure form one run of cents, at least a cent wide for rates up to 100 %; this finds
 * the run and takes the amount of it closest to `near`. The rounding line of an order's last invoice
 * (lib/factory/order-remainder.ts) uses it so the tax Xero works out on that line is the tax left over.
 */
export function amountWithTax(
  tax: DecimalInput,
  taxRate: DecimalInput | null | undefined,
  mode: TaxMode,
  near: DecimalInput,
): string | null {
  const wanted = money(exact(tax));
  const rate = exact(taxRate);
  const nearest = exact(near).toDecimalPlaces(MONEY_DP);
  if (mode === "no_tax" || rate.isZero()) return exact(wanted).isZero() ? money(nearest) : null;
  const factor = mode === "exclusive" ? rate.dividedBy(100) : rate.dividedBy(new Exact(100).plus(rate));
  const cent = new Exact(1).dividedBy(10 ** MONEY_DP);
  const fits = (amount: Exact) => lineTax(amount, rate, mode) === wanted;
  const centre = exact(wanted).dividedBy(factor).toDecimalPlaces(MONEY_DP);
  const start = [centre, centre.minus(cent), centre.plus(cent)].find(fits);
  if (!start) return null;
  let low = start;
  let high = start;
  while (fits(low.minus(cent))) low = low.minus(cent);
  while (fits(high.plus(cent))) high = high.plus(cent);
  if (nearest.lessThan(low)) return money(low);
  if (nearest.greaterThan(high)) return money(high);
  return money(nearest);
}

export function calculateLine(line: LineInput, mode: TaxMode, pricing: LinePricing): LineAmounts {
  const amount = lineAmount(line, pricing);
  return { lineAmount: amount, taxAmount: lineTax(amount, line.taxRate, mode) };
}

/**
 * A document's subtotal, tax and total. The tax is the sum of per-line rounded taxes, which can differ
 * by a cent or more from rounding the tax on the summed lines; that is deliberate, it is what Xero does.
 * In inclusive mode the line amounts already contain the tax, so the subtotal is their sum less tax.
 */
export function calculateTotals(
  lines: readonly LineInput[],
  mode: TaxMode,
  pricing: LinePricing,
): DocumentTotals {
  const computed = lines.map((line) => calculateLine(line, mode, pricing));
  const amounts = computed.reduce((sum, line) => sum.plus(line.lineAmount), new Exact(0));
  const tax = computed.reduce((sum, line) => sum.plus(line.taxAmount), new Exact(0));
  const subtotal = mode === "inclusive" ? amounts.minus(tax) : amounts;
  return { subtotal: money(subtotal), tax: money(tax), total: money(subtotal.plus(tax)), lines: computed };
}

/** True when the value has no more than `dp` decimal places (and is a finite number). */
export function hasAtMostDecimalPlaces(value: DecimalInput, dp: number): boolean {
  try {
    const parsed = exact(value);
    return parsed.isFinite() && parsed.decimalPlaces() <= dp;
  } catch {
    return false;
  }
}

/** Normalises a decimal string to a fixed number of places, e.g. for a numeric column or an input. */
export function toFixed(value: DecimalInput, dp: number): string {
  return exact(value).toDecimalPlaces(dp).toFixed(dp);
}

/** `a − b` exactly, for remaining quantities (ordered − already invoiced). */
export function subtract(a: DecimalInput, b: DecimalInput): string {
  return exact(a).minus(exact(b)).toString();
}

/** Sums decimal strings exactly. */
export function sum(values: readonly DecimalInput[]): string {
  return values.reduce<Exact>((total, value) => total.plus(exact(value)), new Exact(0)).toString();
}

/** −1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compare(a: DecimalInput, b: DecimalInput): -1 | 0 | 1 {
  return exact(a).comparedTo(exact(b)) as -1 | 0 | 1;
}

/**
 * An amount of a foreign-currency document in the organisation's base currency, at Xero's
 * CurrencyRate for it: units of the document's currency per unit of the base currency (a USD
 * document in an NZD organisation at 0.5936 means 1 NZD = 0.5936 USD; lib/db/schema/sync.ts
 * `xeroCurrencyRate`), so base = amount / rate, rounded to the cent.
 */
export function inBaseCurrency(amount: DecimalInput, rate: DecimalInput): string {
  return money(exact(amount).dividedBy(exact(rate)));
}

/** "NZD 1,234.50" style money for pages; exact for any size because Intl formats the decimal string. */
export function formatMoney(value: DecimalInput, currency: string, locale = "en-NZ"): string {
  const formatter = new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    currencyDisplay: "code",
    minimumFractionDigits: MONEY_DP,
    maximumFractionDigits: MONEY_DP,
  });
  return formatter.format(toFixed(value, MONEY_DP) as `${number}`);
}

/** A quantity without trailing zeros: "2", "2.5", "1.0625". */
export function formatQuantity(value: DecimalInput, locale = "en-NZ"): string {
  return formatPlaces(value, 0, QUANTITY_DP, locale);
}

/** A unit price with 2 to 4 decimal places: "10.50", "10.1234". */
export function formatUnitPrice(value: DecimalInput, locale = "en-NZ"): string {
  return formatPlaces(value, MONEY_DP, UNIT_PRICE_DP, locale);
}

function formatPlaces(value: DecimalInput, minDp: number, maxDp: number, locale: string): string {
  const formatter = new Intl.NumberFormat(locale, {
    minimumFractionDigits: minDp,
    maximumFractionDigits: maxDp,
  });
  return formatter.format(toFixed(value, maxDp) as `${number}`);
}

/** A stored decimal as a form shows it: plain notation, no trailing zeros ("10.5000" → "10.5"). */
export function plainDecimal(value: DecimalInput): string {
  return exact(value).toFixed();
}

/** A unit price as a form shows it: plain notation with 2 to 4 decimals ("12.5000" → "12.50"). */
export function plainPrice(value: DecimalInput): string {
  const parsed = exact(value);
  return parsed.decimalPlaces() < MONEY_DP ? parsed.toFixed(MONEY_DP) : parsed.toFixed();
}
