"use client";

import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { useFieldArray, useWatch, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input, Select, Textarea } from "@/components/ui/input";
import type { ProductOption } from "@/lib/db/queries/document-lookups";
import { blankLine, lineTaxRateChoices, type DocumentLineValues } from "@/lib/factory/document-fields";
import type { TaxMode } from "@/lib/db/schema";
import {
  calculateLine,
  compare,
  formatMoney,
  formatUnitPrice,
  plainPrice,
  xeroUnitAmount,
  type LinePricing,
} from "@/lib/factory/money";
import { DocumentTotals, liveLine } from "./document-totals";
import { SearchPicker } from "./search-picker";

/**
 * The fields every document form (quote, sales order, purchase order) has, which the shared line
 * editor and settings fields edit. Forms hand their `useForm` result over cast to this shape.
 */
export interface SharedDocumentValues {
  lines: DocumentLineValues[];
  taxMode: TaxMode;
  currency: string;
  reference: string;
  notes: string;
}

export interface TaxRateOption {
  id: string;
  name: string;
  percent: string;
}

/**
 * The lines of a quote, sales order or purchase order: pick a product (which fills description,
 * price or cost, and tax rate) or type a free-text line, with each line's amount and the document's
 * totals worked out live by the same money module the server saves with.
 */
export function LineEditor({
  form,
  taxRates,
  priceLabel,
  pricing,
  searchProducts,
  productLabels,
}: {
  form: UseFormReturn<SharedDocumentValues>;
  taxRates: TaxRateOption[];
  priceLabel: "Unit price" | "Unit cost";
  /** How Xero will hold these lines (XERO_LINE_PRICING): amounts are worked out the same way. */
  pricing: LinePricing;
  searchProducts: (term: string) => Promise<ProductOption[]>;
  /** "SKU · name" of the products already on the lines, by id. */
  productLabels: Record<string, string>;
}) {
  const { control, register, setValue, formState } = form;
  const lines = useFieldArray({ control, name: "lines" });
  const values = useWatch({ control, name: "lines" });
  const taxMode = useWatch({ control, name: "taxMode" });
  const currency = useWatch({ control, name: "currency" });
  const percents = new Map(taxRates.map((rate) => [rate.id, rate.percent]));
  const taxChoices = lineTaxRateChoices(taxRates);
  const lineErrors = formState.errors.lines;
  const priceFrom = priceLabel === "Unit price" ? "salePrice" : "purchaseCost";
  const [labels, setLabels] = useState(productLabels);

  const pickProduct = (index: number, product: ProductOption) => {
    const options = { shouldDirty: true, shouldValidate: formState.isSubmitted };
    setValue(`lines.${index}.productId`, product.id, options);
    setValue(`lines.${index}.description`, product.description || product.name, options);
    setValue(`lines.${index}.unitPrice`, plainPrice(product[priceFrom]), options);
    setValue(`lines.${index}.taxRateId`, product.taxRateId, options);
  };

  const productOptions = async (term: string) =>
    (await searchProducts(term)).map((product) => ({
      id: product.id,
      label: `${product.sku} · ${product.name}`,
      detail: formatUnitPrice(product[priceFrom]),
      data: product,
    }));

  return (
    <div className="space-y-4">
      {lineErrors?.root?.message || lineErrors?.message ? (
        <p role="alert" className="text-sm text-red-600">
          {lineErrors.root?.message ?? lineErrors.message}
        </p>
      ) : null}
      <ol className="space-y-3">
        {lines.fields.map((field, index) => {
          const errors = lineErrors?.[index];
          const value = values[index] ?? field;
          const live = liveLine(value, percents);
          const amount = calculateLine(live, taxMode, pricing).lineAmount;
          // A discount Xero's document type cannot carry is folded into the net price it will hold.
          const net = pricing.discounts ? undefined : xeroUnitAmount(live, pricing).unitAmount;
          const showNet = net !== undefined && compare(live.discountPercent ?? 0, 0) > 0;
          return (
            <li key={field.id}>
              <fieldset
                aria-label={`Line ${index + 1}`}
                className="grid grid-cols-2 gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-6 xl:grid-cols-[minmax(8rem,1fr)_minmax(9rem,1.4fr)_5rem_7rem_4.5rem_8.5rem_9.5rem]"
              >
                <FormField
                  label="Product"
                  error={errors?.productId?.message}
                  className="col-span-2 sm:col-span-3 xl:col-span-1"
                >
                  <SearchPicker<ProductOption>
                    value={value.productId}
                    selectedLabel={value.productId ? (labels[value.productId] ?? "") : ""}
                    placeholder="Free text, or search…"
                    search={productOptions}
                    onSelect={(option) => {
                      if (!option?.data)
                        return setValue(`lines.${index}.productId`, "", { shouldDirty: true });
                      setLabels((current) => ({ ...current, [option.id]: option.label }));
                      pickProduct(index, option.data);
                    }}
                  />
                </FormField>
                <FormField
                  label="Description"
                  error={errors?.description?.message}
                  className="col-span-2 sm:col-span-3 xl:col-span-1"
                >
                  <Textarea rows={1} className="min-h-9" {...register(`lines.${index}.description`)} />
                </FormField>
                <FormField label="Quantity" error={errors?.quantity?.message}>
                  <Input
                    inputMode="decimal"
                    className="text-right"
                    {...register(`lines.${index}.quantity`)}
                  />
                </FormField>
                <FormField label={priceLabel} error={errors?.unitPrice?.message}>
                  <Input
                    inputMode="decimal"
                    className="text-right"
                    {...register(`lines.${index}.unitPrice`)}
                  />
                </FormField>
                <FormField label="Disc. %" error={errors?.discountPercent?.message}>
                  <Input
                    inputMode="decimal"
                    className="text-right"
                    placeholder="0"
                    {...register(`lines.${index}.discountPercent`)}
                  />
                </FormField>
                <FormField
                  label="Tax rate"
                  error={errors?.taxRateId?.message}
                  className="sm:col-span-2 xl:col-span-1"
                >
                  <Select {...register(`lines.${index}.taxRateId`)}>
                    {taxChoices.map((choice) => (
                      <option key={choice.value} value={choice.value}>
                        {choice.label}
                      </option>
                    ))}
                  </Select>
                </FormField>
                <div className="col-span-2 flex items-end justify-end gap-1 sm:col-span-6 xl:col-span-1">
                  <div className="text-right">
                    <p className="text-sm font-medium text-slate-700">Amount</p>
                    <p className="mt-1 py-2 text-sm font-medium whitespace-nowrap text-slate-900 tabular-nums">
                      {formatMoney(amount, currency || "NZD")}
                    </p>
                    {showNet ? (
                      <p className="text-xs text-slate-500">Net {formatUnitPrice(net)} each in Xero</p>
                    ) : null}
                  </div>
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={`Remove line ${index + 1}`}
                    disabled={lines.fields.length === 1}
                    onClick={() => lines.remove(index)}
                  >
                    <Trash2 aria-hidden />
                  </Button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <Button
          variant="secondary"
          onClick={() =>
            lines.append(blankLine(taxRates[0]?.id), {
              shouldFocus: true,
              focusName: `lines.${lines.fields.length}.description`,
            })
          }
        >
          <Plus aria-hidden />
          Add line
        </Button>
        <DocumentTotals
          lines={values.map((line) => liveLine(line, percents))}
          pricing={pricing}
          taxMode={taxMode}
          currency={currency}
        />
      </div>
    </div>
  );
}
