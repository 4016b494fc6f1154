"use client";

import type { UseFormReturn } from "react-hook-form";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/input";
import { formatMoney, formatQuantity, formatUnitPrice } from "@/lib/factory/money";

/** A line of an invoice or bill as its edit form shows it. */
export interface FixedLine {
  id: string;
  kind: "item" | "rounding";
  description: string;
  quantity: string;
  unitPrice: string;
  taxPercent: string;
  lineAmount: string;
}

/** The form values the editor fills: the item lines' descriptions, in order. */
export interface LineDescriptionValues {
  lines: { id: string; description: string }[];
}

/**
 * The lines of an invoice or bill being edited: each item line's description can change; its
 * quantity, price and tax are shown but fixed (they are what makes the order's invoices add up to the
 * order), and a rounding line is shown as it is. One line a block, so it reads on a phone too.
 */
export function LineDescriptionsEditor({
  form,
  lines,
  currency,
}: {
  form: UseFormReturn<LineDescriptionValues>;
  lines: FixedLine[];
  currency: string;
}) {
  const { errors } = form.formState;
  // Each item line's place among the item lines: the form holds only those.
  const formIndex = new Map(
    lines.filter((line) => line.kind === "item").map((line, index) => [line.id, index]),
  );
  return (
    <ol className="divide-y divide-slate-100">
      {lines.map((line, position) => {
        const amounts = `${formatQuantity(line.quantity)} × ${formatUnitPrice(line.unitPrice)} · tax ${formatQuantity(line.taxPercent)}% · ${formatMoney(line.lineAmount, currency)}`;
        if (line.kind === "rounding") {
          return (
            <li key={line.id} className="px-5 py-3 text-sm">
              <p className="font-medium text-slate-500">Line {position + 1} · rounding</p>
              <p className="mt-1 break-words text-slate-700 italic">{line.description}</p>
              <p className="mt-1 text-slate-500 tabular-nums">{amounts}</p>
            </li>
          );
        }
        const index = formIndex.get(line.id) ?? 0;
        return (
          <li key={line.id} className="px-5 py-3">
            <input type="hidden" {...form.register(`lines.${index}.id`)} />
            <FormField
              label={`Line ${position + 1} description`}
              error={errors.lines?.[index]?.description?.message}
              hint={<span className="tabular-nums">{amounts}</span>}
            >
              <Textarea rows={2} {...form.register(`lines.${index}.description`)} />
            </FormField>
          </li>
        );
      })}
    </ol>
  );
}
