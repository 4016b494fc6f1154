import type { TaxMode } from "@/lib/db/schema";
import { amountWithTax, compare, lineTax, MONEY_DP, subtract, sum, toFixed, UNIT_PRICE_DP } from "./money";

/**
 * The invoices of a sales order (the bills of a purchase order) add up exactly to the order, in
 * Factory and in Xero (issue 11, "Partial invoices add up").
 *
 * Each invoice line is priced on its own the way Xero prices it: quantity × unit price rounded to the
 * cent, its tax rounded to the cent (docs/xero/api-behaviour.md#rounding-and-line-amounts). An order
 * line of 15.5 h at 47.275 is 732.76 + 109.91 GST; invoiced as 2.75 h and 12.75 h it becomes
 * 130.01 + 19.50 and 602.76 + 90.41, a cent more. The invoice that completes the order therefore takes
 * the remainder: after its own lines it carries labelled rounding lines worth exactly what the order
 * still lacks, in amount and in tax, for each tax rate.
 *
 * Xero works out each line's tax itself and is not to be sent a tax amount
 * (docs/xero/api-behaviour.md#rounding-and-line-amounts, docs/certification.md#rounding), so a rounding
 * line is an ordinary line of quantity 1 whose tax Xero computes to the same figure Factory stores. Per
 * tax rate, one line at that rate carries the leftover amount when Xero's tax on it is the leftover
 * tax (the usual case: a cent of amount, no tax). When it is not (a cent of tax with no cent of
 * amount), the line at that rate takes the amount nearest the leftover on which Xero's tax is exactly
 * the leftover tax, and one untaxed line takes the rest of the amount. Either way the order's amounts
 * and tax per rate are restored, so its subtotal, tax and total are too.
 *
 * "Rounding" is only said of rounding: an order line whose price, discount or tax rate changed after
 * part of it was invoiced differs from its invoices by more than rounding, and is left out.
 */

/** An order line's price and its amounts as priced on the order. */
export interface OrderLineAmounts {
  id: string;
  unitPrice: string;
  discountPercent: string;
  taxRateId: string | null;
  taxPercent: string;
  lineAmount: string;
  taxAmount: string;
}

/** A line already on one of the order's invoices (bills), or going onto the completing one. */
export interface TakenLineAmounts {
  /** The order line it takes part of; null for a rounding line. */
  orderLineId: string | null;
  unitPrice: string;
  discountPercent: string;
  taxRateId: string | null;
  taxPercent: string;
  lineAmount: string;
  taxAmount: string;
}

/** A rounding line: quantity 1 at `lineAmount`, taxed at its rate; `taxAmount` is Xero's tax on it. */
export interface RoundingAmounts {
  taxRateId: string | null;
  taxPercent: string;
  lineAmount: string;
  taxAmount: string;
}

const UNTAXED = "untaxed";
const ZERO_PERCENT = toFixed(0, 4);

const samePrice = (order: OrderLineAmounts, taken: TakenLineAmounts): boolean =>
  compare(order.unitPrice, taken.unitPrice) === 0 &&
  compare(order.discountPercent, taken.discountPercent) === 0 &&
  order.taxRateId === taken.taxRateId &&
  compare(order.taxPercent, taken.taxPercent) === 0;

/** Lines share a rounding line when they share a tax rate; lines without one are untaxed. */
function rateKey(line: { taxRateId: string | null; taxPercent: string }, mode: TaxMode): string {
  if (mode === "no_tax" || !line.taxRateId) return UNTAXED;
  return `${line.taxRateId}@${toFixed(line.taxPercent, 4)}`;
}

interface Leftover {
  taxRateId: string | null;
  taxPercent: string;
  amount: string;
  tax: string;
}

/**
 * The rounding lines of the invoice (bill) that completes an order: `orderLines` as the order holds
 * them now, `taken` every line of the order's invoices (bills), the completing one's included. Empty
 * when the parts already add up. The caller decides that the document completes the order.
 */
export function completionRounding(
  orderLines: readonly OrderLineAmounts[],
  taken: readonly TakenLineAmounts[],
  mode: TaxMode,
): RoundingAmounts[] {
  const partsOf = new Map<string, TakenLineAmounts[]>();
  const leftovers = new Map<string, Leftover>();
  const leftoverFor = (line: { taxRateId: string | null; taxPercent: string }): Leftover => {
    const key = rateKey(line, mode);
    let leftover = leftovers.get(key);
    if (!leftover) {
      leftover =
        key === UNTAXED
          ? { taxRateId: null, taxPercent: ZERO_PERCENT, amount: "0", tax: "0" }
          : { taxRateId: line.taxRateId, taxPercent: toFixed(line.taxPercent, 4), amount: "0", tax: "0" };
      leftovers.set(key, leftover);
    }
    return leftover;
  };
  const add = (leftover: Leftover, amount: string, tax: string) => {
    leftover.amount = sum([leftover.amount, amount]);
    leftover.tax = sum([leftover.tax, tax]);
  };

  for (const line of taken) {
    if (line.orderLineId === null) {
      // An earlier rounding line already made up part of what its rate lacked.
      add(leftoverFor(line), subtract(0, line.lineAmount), subtract(0, line.taxAmount));
      continue;
    }
    partsOf.set(line.orderLineId, [...(partsOf.get(line.orderLineId) ?? []), line]);
  }
  for (const line of orderLines) {
    const parts = partsOf.get(line.id) ?? [];
    if (!parts.every((part) => samePrice(line, part))) continue;
    add(
      leftoverFor(line),
      subtract(line.lineAmount, sum(parts.map((part) => part.lineAmount))),
      subtract(line.taxAmount, sum(parts.map((part) => part.taxAmount))),
    );
  }

  const lines: RoundingAmounts[] = [];
  let untaxed = "0";
  for (const [key, leftover] of leftovers) {
    if (key === UNTAXED) {
      untaxed = sum([untaxed, leftover.amount]);
      continue;
    }
    if (compare(leftover.amount, 0) === 0 && compare(leftover.tax, 0) === 0) continue;
    const tax = toFixed(leftover.tax, MONEY_DP);
    const amount =
      lineTax(leftover.amount, leftover.taxPercent, mode) === tax
        ? toFixed(leftover.amount, MONEY_DP)
        : amountWithTax(tax, leftover.taxPercent, mode, leftover.amount);
    if (amount === null) {
      throw new Error(`No line at ${leftover.taxPercent} % carries ${tax} of tax`);
    }
    lines.push({
      taxRateId: leftover.taxRateId,
      taxPercent: leftover.taxPercent,
      lineAmount: amount,
      taxAmount: tax,
    });
    untaxed = sum([untaxed, subtract(leftover.amount, amount)]);
  }
  if (compare(untaxed, 0) !== 0) {
    lines.push({
      taxRateId: null,
      taxPercent: ZERO_PERCENT,
      lineAmount: toFixed(untaxed, MONEY_DP),
      taxAmount: toFixed(0, MONEY_DP),
    });
  }
  return lines;
}

/** What a rounding line stores: quantity 1 at its amount, no product, no discount. */
export function roundingLineValues(rounding: RoundingAmounts, description: string) {
  return {
    kind: "rounding" as const,
    productId: null,
    description,
    quantity: toFixed(1, 4),
    unitPrice: toFixed(rounding.lineAmount, UNIT_PRICE_DP),
    discountPercent: toFixed(0, 2),
    taxRateId: rounding.taxRateId,
    taxPercent: rounding.taxPercent,
    lineAmount: rounding.lineAmount,
    taxAmount: rounding.taxAmount,
  };
}

/** A rounding line's description, the same in Factory and on the Xero line. */
export const roundingDescription = (documents: "invoices" | "bills", orderNumber: string): string =>
  `Rounding adjustment: the ${documents} of ${orderNumber} add up to the order`;

/** Whether taking `plan` leaves nothing of the order to invoice (bill). */
export function completesOrder(
  orderLines: readonly { id: string; quantity: string; doneQuantity: string }[],
  plan: readonly { orderLineId: string; quantity: string }[],
): boolean {
  return orderLines.every((line) => {
    const now = sum(plan.filter((step) => step.orderLineId === line.id).map((step) => step.quantity));
    return compare(sum([line.doneQuantity, now]), line.quantity) >= 0;
  });
}
