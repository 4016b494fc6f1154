import type { TaxMode } from "@/lib/db/schema";
import { priceForQuantity } from "./document-lines";
import { compare, MONEY_DP, subtract, sum, toFixed, type LinePricing } from "./money";
import { completionRounding, roundingLineValues, type RoundingAmounts } from "./order-remainder";

/**
 * The credits of an invoice (bill) line add up to what the invoice charged for it, in Factory and in
 * Xero, as the invoices of an order add up to the order (lib/factory/order-remainder.ts).
 *
 * Xero prices a credit note's line as it prices any line: quantity × unit price rounded to the cent,
 * its tax rounded on its own (docs/xero/api-behaviour.md#rounding-and-line-amounts). A line of
 * 3 × 3.3333 charged 10.00 + 1.50 GST; credited a unit at a time it becomes 3.33 + 0.50 three times,
 * 11.49 where the invoice charged 11.50. A line of 1,000 × 0.005 charged 5.00; credited a unit at a
 * time, 0.01 each, its credits would pass 5.00 long before the last unit. So, for each line a credit
 * takes:
 * - the last credit of the line (what it takes leaves nothing of the line to credit) carries exactly
 *   what the line's earlier credits left of what the invoice charged for it, in amount and in tax;
 * - any other credit carries the line priced as Xero prices it, but never more than is left of what
 *   the invoice charged (so the credits of a line never total more than it charged).
 * Where that differs from Xero's own price of the credited quantity, the credit carries labelled
 * rounding lines for the line, worked out as an order's rounding lines are (completionRounding), so
 * the tax Xero computes on them is the tax Factory stores.
 *
 * "What the credits of a line hold" is every line of its credits that are not voided, item and
 * rounding lines alike, so a voided credit stops counting.
 */

/** An invoice (bill) line as crediting prices it: its price and what the invoice charged for it. */
export interface ChargedLine {
  id: string;
  quantity: string;
  /** Credited before this credit, by credits that are not voided. */
  quantityCredited: string;
  unitPrice: string;
  discountPercent: string;
  taxRateId: string | null;
  taxPercent: string;
  lineAmount: string;
  taxAmount: string;
}

/** What the line's earlier credits (not voided) hold: their item and rounding lines summed. */
export interface CreditedSoFar {
  lineAmount: string;
  taxAmount: string;
}

export interface CreditedLineAmounts {
  /** The item line: the quantity priced as Xero prices it. */
  lineAmount: string;
  taxAmount: string;
  /** Rounding lines that bring the item line to what this credit of the line carries. */
  rounding: RoundingAmounts[];
}

const NONE: CreditedSoFar = { lineAmount: "0", taxAmount: "0" };

/** `priced`, but no further from zero than `left` on the side of the line's own sign. */
function capped(priced: string, left: string, charged: string): string {
  const positive = compare(charged, 0) >= 0;
  const over = positive ? compare(priced, left) > 0 : compare(priced, left) < 0;
  return toFixed(over ? left : priced, MONEY_DP);
}

/** What a credit of `quantity` of `line` carries: its item line and any rounding lines for it. */
export function creditLineAmounts(
  line: ChargedLine,
  quantity: string,
  soFar: CreditedSoFar | undefined,
  mode: TaxMode,
  pricing: LinePricing,
): CreditedLineAmounts {
  const priced = priceForQuantity(line, quantity, mode, pricing);
  const earlier = soFar ?? NONE;
  const leftAmount = toFixed(subtract(line.lineAmount, earlier.lineAmount), MONEY_DP);
  const leftTax = toFixed(subtract(line.taxAmount, earlier.taxAmount), MONEY_DP);
  const last = compare(sum([line.quantityCredited, quantity]), line.quantity) >= 0;
  const target = last
    ? { lineAmount: leftAmount, taxAmount: leftTax }
    : {
        lineAmount: capped(priced.lineAmount, leftAmount, line.lineAmount),
        taxAmount: capped(priced.taxAmount, leftTax, line.taxAmount),
      };
  const price = {
    unitPrice: line.unitPrice,
    discountPercent: line.discountPercent,
    taxRateId: line.taxRateId,
    taxPercent: line.taxPercent,
  };
  const rounding = completionRounding(
    [{ id: line.id, ...price, ...target }],
    [{ orderLineId: line.id, ...price, ...priced }],
    mode,
  );
  return { ...priced, rounding };
}

/** A credit's rounding line's description, the same in Factory and on the Xero line. */
export const creditRoundingDescription = (documentNumber: string, position: number): string =>
  `Rounding adjustment: the credits of ${documentNumber} line ${position} add up to what it charged`;

/** A line of the invoice (bill) a credit is worked out from: its own rounding lines too. */
export interface CreditSourceLine extends ChargedLine {
  position: number;
  kind: "item" | "rounding";
  description: string;
}

/** How much of a line is left to credit. */
export const creditableQuantity = (line: Pick<ChargedLine, "quantity" | "quantityCredited">): string =>
  subtract(line.quantity, line.quantityCredited);

/** Whether taking `planned` leaves nothing of the invoice's (bill's) item lines to credit. */
export function completesCredit(
  lines: readonly Pick<CreditSourceLine, "id" | "kind" | "quantity" | "quantityCredited">[],
  planned: readonly { line: Pick<CreditSourceLine, "id">; quantity: string }[],
): boolean {
  return lines.every((line) => {
    if (line.kind === "rounding") return true;
    const now = sum(planned.filter((step) => step.line.id === line.id).map((step) => step.quantity));
    return compare(sum([line.quantityCredited, now]), line.quantity) >= 0;
  });
}

/**
 * What a credit takes: the item lines and quantities asked for, and, when they leave nothing of the
 * item lines to credit, what is left of the invoice's (bill's) own rounding lines (it completed its
 * order: lib/factory/order-remainder.ts). Those are never credited on their own, so the credits add
 * up to the invoice and never pass it on the way (a rounding line of −0.01 left behind would leave
 * the credits a cent above it).
 */
export function withRoundingLines<L extends CreditSourceLine>(
  lines: readonly L[],
  taking: readonly { line: L; quantity: string }[],
): { line: L; quantity: string }[] {
  if (taking.length === 0 || !completesCredit(lines, taking)) return [...taking];
  return [
    ...taking,
    ...lines.flatMap((line) => {
      const left = creditableQuantity(line);
      return line.kind === "rounding" && compare(left, 0) > 0 ? [{ line, quantity: left }] : [];
    }),
  ];
}

/**
 * The lines a credit of `planned` (withRoundingLines) carries, in order: each line taken, priced by
 * creditLineAmounts, followed by its rounding lines. createCreditNote writes exactly these and the
 * credit form previews them, so the credit staff see before saving is the one saved, to the cent.
 */
export function creditLines<L extends CreditSourceLine>(
  planned: readonly { line: L; quantity: string }[],
  soFar: ReadonlyMap<string, CreditedSoFar>,
  mode: TaxMode,
  pricing: LinePricing,
  creditedNumber: string,
) {
  return planned.flatMap(({ line, quantity }) => {
    const { rounding, ...amounts } = creditLineAmounts(line, quantity, soFar.get(line.id), mode, pricing);
    return [
      {
        source: line,
        kind: "item" as const,
        description: line.description,
        quantity,
        unitPrice: line.unitPrice,
        discountPercent: line.discountPercent,
        taxRateId: line.taxRateId,
        taxPercent: line.taxPercent,
        ...amounts,
      },
      ...rounding.map((adjustment) => ({
        source: line,
        ...roundingLineValues(adjustment, creditRoundingDescription(creditedNumber, line.position)),
      })),
    ];
  });
}
