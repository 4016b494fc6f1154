"use client";

import type { FormEventHandler, ReactNode } from "react";
import type { UseFormReturn } from "react-hook-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/input";
import { DocumentSettingsFields, FormButtons, FormMessage } from "@/components/documents/document-form-parts";
import {
  LineEditor,
  type SharedDocumentValues,
  type TaxRateOption,
} from "@/components/documents/line-editor";
import { searchProducts } from "./lookup-actions";

/**
 * The frame of a quote, sales order or purchase order form: the details card (the form's own party
 * and date fields, then currency, tax mode and reference), any cards of its own, the lines, notes and
 * buttons.
 */
export function DocumentFormLayout({
  form,
  onSubmit,
  message,
  details,
  referenceLabel,
  priceLabel,
  taxRates,
  productLabels,
  cancelHref,
  submitLabel,
  children,
}: {
  form: UseFormReturn<SharedDocumentValues>;
  onSubmit: FormEventHandler<HTMLFormElement>;
  message: string | null;
  details: ReactNode;
  referenceLabel: string;
  priceLabel: "Unit price" | "Unit cost";
  taxRates: TaxRateOption[];
  productLabels: Record<string, string>;
  cancelHref: string;
  submitLabel: string;
  /** Cards between the details and the lines. */
  children?: ReactNode;
}) {
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <FormMessage message={message} />
      <Card>
        <CardHeader title="Details" />
        <CardBody className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {details}
          <DocumentSettingsFields form={form} referenceLabel={referenceLabel} />
        </CardBody>
      </Card>
      {children}
      <Card>
        <CardHeader title="Lines" />
        <CardBody>
          <LineEditor
            form={form}
            taxRates={taxRates}
            priceLabel={priceLabel}
            searchProducts={async (term) => {
              const result = await searchProducts({ term });
              return result.ok ? result.data : [];
            }}
            productLabels={productLabels}
          />
        </CardBody>
      </Card>
      <Card>
        <CardBody>
          <FormField label="Notes" error={errors.notes?.message}>
            <Textarea {...form.register("notes")} />
          </FormField>
        </CardBody>
      </Card>
      <FormButtons cancelHref={cancelHref} submitLabel={submitLabel} pending={isSubmitting} />
    </form>
  );
}
