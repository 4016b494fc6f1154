import { Decimal } from "decimal.js";

/**
 * Xero's document arithmetic (developer.xero.com/documentation/api/invoices, "LineAmountTypes"
 * and "Rounding"): unit amounts round to 2 dp (4 with `unitdp=4`), a line amount is
 * quantity × unit amount less its discount, rounded to 2 dp; tax is worked out **per line and
 * rounded to 2 dp, then summed**. Exclusive adds tax on top, Inclusive carves it out of the line
 * (rate / (100 + rate)), NoTax has none. Halves round away from zero.
 */
export type LineAmountMode = "Exclusive" | "Inclusive" | "NoTax";

export interface LineInput {
  quantity?: number;
  unitAmount?: number;
  /** Percentage, e.g. 10 for 10 %. */
  discountRate?: number;
  /** Percentage, e.g. 15 for 15 % GST. */
  taxRate: number;
}

export interface LineTotals {
  quantity?: number;
  unitAmount?: number;
  lineAmount: number;
  taxAmount: number;
  discountAmount: number;
}

export interface DocumentTotals {
  lines: LineTotals[];
  subTotal: number;
  totalTax: number;
  total: number;
  totalDiscount: number;
}

const round = (value: Decimal.Value, dp: number) =>
  new Decimal(value).toDecimalPlaces(dp, Decimal.ROUND_HALF_UP);

export function lineTotals(line: LineInput, mode: LineAmountMode, unitdp: 2 | 4 = 2): LineTotals {
  const quantity = line.quantity === undefined ? undefined : round(line.quantity, 4);
  const unitAmount = line.unitAmount === undefined ? undefined : round(line.unitAmount, unitdp);
  // A description-only line has neither; a price without a quantity counts once.
  const gross = unitAmount === undefined ? new Decimal(0) : unitAmount.times(quantity ?? 1);
  const grossRounded = round(gross, 2);
  const lineAmount = line.discountRate
    ? round(gross.times(new Decimal(100).minus(line.discountRate)).div(100), 2)
    : grossRounded;
  let tax = new Decimal(0);
  if (mode === "Exclusive") tax = round(lineAmount.times(line.taxRate).div(100), 2);
  if (mode === "Inclusive")
    tax = round(lineAmount.times(line.taxRate).div(new Decimal(100).plus(line.taxRate)), 2);
  return {
    quantity: quantity?.toNumber(),
    unitAmount: unitAmount?.toNumber(),
    lineAmount: lineAmount.toNumber(),
    taxAmount: tax.toNumber(),
    discountAmount: grossRounded.minus(lineAmount).toNumber(),
  };
}

export function documentTotals(lines: LineInput[], mode: LineAmountMode, unitdp: 2 | 4 = 2): DocumentTotals {
  const computed = lines.map((line) => lineTotals(line, mode, unitdp));
  const sum = (pick: (l: LineTotals) => number) =>
    computed.reduce((acc, l) => acc.plus(pick(l)), new Decimal(0));
  const lineSum = sum((l) => l.lineAmount);
  const totalTax = sum((l) => l.taxAmount);
  const subTotal = mode === "Inclusive" ? lineSum.minus(totalTax) : lineSum;
  return {
    lines: computed,
    subTotal: subTotal.toNumber(),
    totalTax: totalTax.toNumber(),
    total: subTotal.plus(totalTax).toNumber(),
    totalDiscount: sum((l) => l.discountAmount).toNumber(),
  };
}
