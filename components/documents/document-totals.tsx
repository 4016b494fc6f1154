import type { DocumentLineValues } from "@/lib/factory/document-fields";
import type { TaxMode } from "@/lib/db/schema";
import {
  calculateTotals,
  formatMoney,
  hasAtMostDecimalPlaces,
  TAX_MODE_LABELS,
  type LineInput,
  type LinePricing,
} from "@/lib/factory/money";

const numeric = (value: string) =>
  /^\d+(\.\d+)?$/.test(value.trim()) && hasAtMostDecimalPlaces(value, 8) ? value.trim() : "0";

/** A line as typed, made safe for the money maths: half-typed or invalid numbers count as zero. */
export function liveLine(line: DocumentLineValues, taxPercents: ReadonlyMap<string, string>): LineInput {
  return {
    quantity: numeric(line.quantity),
    unitPrice: numeric(line.unitPrice),
    discountPercent: numeric(line.discountPercent),
    taxRate: line.taxRateId ? (taxPercents.get(line.taxRateId) ?? "0") : "0",
  };
}

/** Subtotal, tax and total, either worked out from lines or as stored on a saved document. */
export function DocumentTotals({
  lines,
  pricing,
  totals,
  taxMode,
  currency,
}: {
  taxMode: TaxMode;
  currency: string;
} & (
  | { lines: LineInput[]; pricing: LinePricing; totals?: never }
  | { totals: { subtotal: string; taxTotal: string; total: string }; lines?: never; pricing?: never }
)) {
  const shown =
    totals ??
    (() => {
      const computed = calculateTotals(lines, taxMode, pricing);
      return { subtotal: computed.subtotal, taxTotal: computed.tax, total: computed.total };
    })();
  const money = (value: string) => formatMoney(value, currency || "NZD");
  return (
    <dl className="ml-auto grid min-w-64 grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm" aria-label="Totals">
      <dt className="text-slate-500">Subtotal</dt>
      <dd className="text-right text-slate-900">{money(shown.subtotal)}</dd>
      <dt className="text-slate-500">{taxMode === "inclusive" ? "Includes tax" : "Tax"}</dt>
      <dd className="text-right text-slate-900">{money(shown.taxTotal)}</dd>
      <dt className="border-t border-slate-200 pt-1 font-semibold text-slate-900">Total</dt>
      <dd className="border-t border-slate-200 pt-1 text-right font-semibold text-slate-900">
        {money(shown.total)}
      </dd>
      <dd className="col-span-2 text-right text-xs text-slate-500">{TAX_MODE_LABELS[taxMode]}</dd>
    </dl>
  );
}
