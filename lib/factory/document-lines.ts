import type { DocumentLineValues } from "./document-fields";
import type { TaxMode } from "@/lib/db/schema";
import {
  calculateLine,
  compare,
  DISCOUNT_DP,
  formatQuantity,
  MONEY_DP,
  QUANTITY_DP,
  subtract,
  sum,
  toFixed,
  UNIT_PRICE_DP,
  type LinePricing,
} from "./money";
import { RecordError } from "@/lib/errors";

/** A line ready to store: its numbers normalised and its amounts worked out Xero's way. */
export interface PricedLine {
  /** The saved line's id when editing; undefined for a new line. */
  id: string | undefined;
  position: number;
  productId: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRateId: string | null;
  taxPercent: string;
  lineAmount: string;
  taxAmount: string;
}

export interface DocumentAmounts {
  subtotal: string;
  taxTotal: string;
  total: string;
}

/**
 * Prices a form's lines: copies each tax rate's percent onto the line (so a later change to the rate
 * never changes this document), computes line amount and tax per line, and the document totals.
 * `taxPercents` maps tax rate id → percent for the rates that may be used; `pricing` is how Xero will
 * hold this document type's lines (XERO_LINE_PRICING), so the amounts are the ones Xero will show.
 */
export function priceLines(
  lines: readonly DocumentLineValues[],
  taxMode: TaxMode,
  taxPercents: ReadonlyMap<string, string>,
  pricing: LinePricing,
): { lines: PricedLine[]; amounts: DocumentAmounts } {
  const fieldErrors: Record<string, string[]> = {};
  const priced = lines.map((line, index): PricedLine => {
    const taxRateId = line.taxRateId || null;
    const taxPercent = taxRateId ? taxPercents.get(taxRateId) : "0";
    if (taxPercent === undefined)
      fieldErrors[`lines.${index}.taxRateId`] = ["This tax rate is no longer available."];
    const values = {
      quantity: toFixed(line.quantity, QUANTITY_DP),
      unitPrice: toFixed(line.unitPrice, UNIT_PRICE_DP),
      discountPercent: toFixed(line.discountPercent || "0", DISCOUNT_DP),
      taxRate: taxPercent ?? "0",
    };
    const { lineAmount, taxAmount } = calculateLine(values, taxMode, pricing);
    return {
      id: line.id || undefined,
      position: index + 1,
      productId: line.productId || null,
      description: line.description,
      quantity: values.quantity,
      unitPrice: values.unitPrice,
      discountPercent: values.discountPercent,
      taxRateId,
      taxPercent: values.taxRate,
      lineAmount,
      taxAmount,
    };
  });
  if (Object.keys(fieldErrors).length > 0) throw new RecordError("Some lines need attention.", fieldErrors);
  return { lines: priced, amounts: sumLines(priced, taxMode) };
}

/**
 * Document totals from lines already priced (stored lines, or order lines taken onto an invoice or
 * bill). The tax is the sum of the rounded line taxes, Xero's rule; in inclusive mode the line amounts
 * contain the tax, so the subtotal is their sum less the tax.
 */
export function sumLines(
  lines: readonly Pick<PricedLine, "lineAmount" | "taxAmount">[],
  taxMode: TaxMode,
): DocumentAmounts {
  const amounts = sum(lines.map((line) => line.lineAmount));
  const taxTotal = sum(lines.map((line) => line.taxAmount));
  const subtotal = taxMode === "inclusive" ? subtract(amounts, taxTotal) : amounts;
  return {
    subtotal: toFixed(subtotal, MONEY_DP),
    taxTotal: toFixed(taxTotal, MONEY_DP),
    total: toFixed(sum([subtotal, taxTotal]), MONEY_DP),
  };
}

/**
 * A stored order line re-priced for part of its quantity, for an invoice or bill line: same price,
 * discount and tax percent, its own amount and tax rounded per line.
 */
export function priceForQuantity(
  line: { unitPrice: string; discountPercent: string; taxPercent: string },
  quantity: string,
  taxMode: TaxMode,
  pricing: LinePricing,
): { lineAmount: string; taxAmount: string } {
  return calculateLine(
    { quantity, unitPrice: line.unitPrice, discountPercent: line.discountPercent, taxRate: line.taxPercent },
    taxMode,
    pricing,
  );
}

export interface LineChanges {
  updates: (PricedLine & { id: string })[];
  inserts: PricedLine[];
  deletes: string[];
}

/**
 * How an edited order's lines change, given the saved lines and how much of each is already invoiced
 * (or billed): a saved line may not drop below its invoiced quantity nor be removed once any of it is
 * invoiced, because invoice lines point at it.
 */
export function diffOrderLines(
  saved: readonly { id: string; description: string; doneQuantity: string }[],
  edited: readonly PricedLine[],
  done: string,
): LineChanges {
  const savedById = new Map(saved.map((line) => [line.id, line]));
  const fieldErrors: Record<string, string[]> = {};
  const changes: LineChanges = { updates: [], inserts: [], deletes: [] };
  edited.forEach((line, index) => {
    if (!line.id) return void changes.inserts.push(line);
    const before = savedById.get(line.id);
    if (!before) {
      fieldErrors[`lines.${index}.description`] = ["This line was removed by someone else. Reload the page."];
      return;
    }
    savedById.delete(line.id);
    if (compare(line.quantity, before.doneQuantity) < 0) {
      fieldErrors[`lines.${index}.quantity`] = [
        `${formatQuantity(before.doneQuantity)} already ${done}; the quantity can't go below that.`,
      ];
      return;
    }
    changes.updates.push({ ...line, id: line.id });
  });
  for (const removed of savedById.values()) {
    if (compare(removed.doneQuantity, 0) > 0) {
      throw new RecordError(
        `“${removed.description.slice(0, 80)}” is already ${done}, so it can't be removed from the order.`,
      );
    }
    changes.deletes.push(removed.id);
  }
  if (Object.keys(fieldErrors).length > 0) throw new RecordError("Some lines need attention.", fieldErrors);
  return changes;
}
