"use client";

import { useWatch, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { TaxMode } from "@/lib/db/schema";
import {
  calculateLine,
  formatMoney,
  formatQuantity,
  formatUnitPrice,
  plainDecimal,
  type LinePricing,
} from "@/lib/factory/money";
import { completesOrder, completionRounding, type TakenLineAmounts } from "@/lib/factory/order-remainder";
import { remainingQuantity } from "@/lib/factory/remaining";
import { DocumentTotals } from "./document-totals";

export interface PartialLinesValues {
  /** `unitCost`: a bill's own unit cost for the line, where the table lets staff change it. */
  lines: { orderLineId: string; quantity: string; unitCost?: string }[];
}

export interface OrderLineForPartial {
  id: string;
  description: string;
  quantity: string;
  /** Already on invoices (bills). */
  done: string;
  unitPrice: string;
  discountPercent: string;
  taxRateId: string | null;
  taxPercent: string;
  /** The whole line's amount and tax as priced on the order. */
  lineAmount: string;
  taxAmount: string;
}

/**
 * What tells apart the rounding lines of one description (a tax evened out takes one line with the
 * tax and one without): " (tax 15%)" or " (no tax)".
 */
export const roundingTaxLabel = (line: { taxRateId: string | null; taxPercent: string }): string =>
  ` (${line.taxRateId ? `tax ${formatQuantity(line.taxPercent)}%` : "no tax"})`;

const typed = (value: string | undefined) =>
  value && /^\d+(\.\d+)?$/.test(value.trim()) ? value.trim() : "0";

/**
 * The order lines with what is already invoiced (billed) and what remains, and an input per line for
 * how much this invoice (bill) takes; zero skips the line. Amounts and totals are worked out live with
 * the money module, per line the Xero way; when the quantities complete the order, the rounding lines
 * the invoice (bill) will carry so the order's parts add up to it show too (lib/factory/order-remainder.ts).
 */
export function PartialLinesTable({
  form,
  lines,
  pricing,
  taxMode,
  currency,
  doneLabel,
  takeLabel,
  priceLabel,
  quantityLabel = "Ordered",
  earlier = [],
  roundingDescription,
  costEditable = false,
  preview,
}: {
  form: UseFormReturn<PartialLinesValues>;
  lines: OrderLineForPartial[];
  /** The lines of the order's invoices (bills) made so far. */
  earlier?: readonly TakenLineAmounts[];
  /** An order's rounding line's words (a credit's come with `preview`). */
  roundingDescription?: string;
  /** The first quantity column: "Ordered" for an order's lines, "Invoiced" for an invoice's. */
  quantityLabel?: string;
  /** How Xero holds the invoice (bill) lines: XERO_LINE_PRICING.invoice or .bill. */
  pricing: LinePricing;
  taxMode: TaxMode;
  currency: string;
  doneLabel: string;
  takeLabel: string;
  priceLabel: string;
  /** Bills: the unit cost is an input (`lines.N.unitCost`), for what the supplier actually charged. */
  costEditable?: boolean;
  /**
   * A credit's preview, worked out as saving works it out (the credit form, by way of
   * lib/factory/credit-remainder.ts): for the quantities typed, the lines it carries beyond the rows
   * (rounding lines) and its totals. Orders leave it out and show their own rounding lines.
   */
  preview?: (taking: { lineId: string; quantity: string }[]) => {
    extra: { description: string; lineAmount: string }[];
    totals: { subtotal: string; taxTotal: string; total: string };
  };
}) {
  const values = useWatch({ control: form.control, name: "lines" });
  const errors = form.formState.errors.lines;
  const live = lines.map((line, index) => ({
    quantity: typed(values[index]?.quantity),
    unitPrice: costEditable ? typed(values[index]?.unitCost) : line.unitPrice,
    discountPercent: line.discountPercent,
    taxRate: line.taxPercent,
  }));
  const taking = lines.flatMap((line, index) => {
    const quantity = live[index]!.quantity;
    return Number(quantity) > 0
      ? [
          {
            line,
            quantity,
            unitPrice: live[index]!.unitPrice,
            amounts: calculateLine(live[index]!, taxMode, pricing),
          },
        ]
      : [];
  });
  const rounding =
    !preview &&
    roundingDescription &&
    completesOrder(
      lines.map((line) => ({ ...line, doneQuantity: line.done })),
      taking.map(({ line, quantity }) => ({ orderLineId: line.id, quantity })),
    )
      ? completionRounding(
          lines,
          [
            ...earlier,
            ...taking.map(({ line, unitPrice, amounts }) => ({
              ...line,
              orderLineId: line.id,
              unitPrice,
              ...amounts,
            })),
          ],
          taxMode,
        )
      : [];
  const credit = preview?.(
    lines.map((line, index) => ({ lineId: line.id, quantity: live[index]!.quantity })),
  );
  const extraRows =
    credit?.extra ??
    rounding.map((line) => ({
      description: `${roundingDescription}${rounding.length > 1 ? roundingTaxLabel(line) : ""}`,
      lineAmount: line.lineAmount,
    }));
  const setAll = (pick: (line: OrderLineForPartial) => string) =>
    lines.forEach((line, index) =>
      form.setValue(`lines.${index}.quantity`, pick(line), { shouldValidate: form.formState.isSubmitted }),
    );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2 px-5 pt-4">
        <Button
          variant="secondary"
          size="sm"
          onClick={() =>
            setAll((line) =>
              plainDecimal(remainingQuantity({ quantity: line.quantity, doneQuantity: line.done })),
            )
          }
        >
          Everything remaining
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setAll(() => "0")}>
          Clear quantities
        </Button>
      </div>
      {errors?.message || errors?.root?.message ? (
        <p role="alert" className="px-5 text-sm text-red-600">
          {errors.message ?? errors.root?.message}
        </p>
      ) : null}
      <Table>
        <thead>
          <tr>
            <Th>Description</Th>
            <Th className="text-right">{quantityLabel}</Th>
            <Th className="text-right">{doneLabel}</Th>
            <Th className="text-right">Remaining</Th>
            <Th className="text-right">{priceLabel}</Th>
            <Th className="w-40 text-right">{takeLabel}</Th>
            <Th className="text-right">Amount</Th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => {
            const remaining = remainingQuantity({ quantity: line.quantity, doneQuantity: line.done });
            const error = errors?.[index]?.quantity?.message;
            const costError = errors?.[index]?.unitCost?.message;
            const inputId = `take-${line.id}`;
            const costId = `cost-${line.id}`;
            return (
              <Tr key={line.id}>
                <Td className="max-w-sm break-words">{line.description}</Td>
                <Td className="text-right tabular-nums">{formatQuantity(line.quantity)}</Td>
                <Td className="text-right tabular-nums">{formatQuantity(line.done)}</Td>
                <Td className="text-right font-medium tabular-nums">{formatQuantity(remaining)}</Td>
                {costEditable ? (
                  <Td className="text-right">
                    <Input
                      id={costId}
                      inputMode="decimal"
                      className="w-28 text-right"
                      aria-label={`${priceLabel}: ${line.description.slice(0, 60)}`}
                      aria-invalid={costError ? true : undefined}
                      aria-describedby={costError ? `${costId}-error` : undefined}
                      {...form.register(`lines.${index}.unitCost`)}
                    />
                    <p
                      id={`${costId}-error`}
                      aria-live="polite"
                      className="mt-1 text-xs text-red-600 empty:hidden"
                    >
                      {costError}
                    </p>
                  </Td>
                ) : (
                  <Td className="text-right tabular-nums">{formatUnitPrice(line.unitPrice)}</Td>
                )}
                <Td className="text-right">
                  <Input
                    id={inputId}
                    inputMode="decimal"
                    className="text-right"
                    aria-label={`${takeLabel}: ${line.description.slice(0, 60)}`}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${inputId}-error` : undefined}
                    {...form.register(`lines.${index}.quantity`)}
                  />
                  <p
                    id={`${inputId}-error`}
                    aria-live="polite"
                    className="mt-1 text-xs text-red-600 empty:hidden"
                  >
                    {error}
                  </p>
                </Td>
                <Td className="text-right tabular-nums">
                  {formatMoney(calculateLine(live[index]!, taxMode, pricing).lineAmount, currency)}
                </Td>
              </Tr>
            );
          })}
          {extraRows.map((line, index) => (
            <Tr key={`rounding-${index}`}>
              <Td colSpan={6} className="text-slate-600 italic">
                {line.description}
              </Td>
              <Td className="text-right tabular-nums">{formatMoney(line.lineAmount, currency)}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <div className="px-5 pb-4">
        {credit ? (
          <DocumentTotals totals={credit.totals} taxMode={taxMode} currency={currency} />
        ) : (
          <DocumentTotals
            lines={[
              ...live,
              ...rounding.map((line) => ({
                quantity: "1",
                unitPrice: line.lineAmount,
                taxRate: line.taxPercent,
              })),
            ]}
            pricing={pricing}
            taxMode={taxMode}
            currency={currency}
          />
        )}
      </div>
    </div>
  );
}
