import type { TaxMode } from "@/lib/db/schema";
import { priceForQuantity } from "./document-lines";
import { compare, MONEY_DP, subtract, sum, toFixed, type LinePricing } from "./money";
import { completionRounding, type RoundingAmounts } from "./order-remainder";

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
