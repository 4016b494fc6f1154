"use client";

import type { LinePricing } from "@/lib/factory/money";
import type { FormEventHandler, ReactNode } from "react";
import { useWatch, type UseFormReturn } from "react-hook-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/input";
import {
  DocumentSettingsFields,
  FormButtons,
  FormMessage,
  PartyPicker,
} from "@/components/documents/document-form-parts";
import {
  LineEditor,
  type SharedDocumentValues,
  type TaxRateOption,
} from "@/components/documents/line-editor";
import { searchCustomers, searchProducts, searchSuppliers } from "./lookup-actions";

/** What the page hands a quote, sales order or purchase order form. */
export interface DocumentFormProps<Values> {
  defaultValues: Values;
  taxRates: TaxRateOption[];
  productLabels: Record<string, string>;
  /** The currencies the form offers (lineEditorOptions). */
  currencies: string[];
  cancelHref: string;
}

/**
 * The frame of a quote, sales order or purchase order form: the details card (party, the form's own
 * date fields, then currency, tax mode and reference), any cards of its own, the lines, notes and
 * buttons.
 */
export function DocumentFormLayout({
  form,
  onSubmit,
  message,
  party,
  partyLabel,
  dates,
  referenceLabel,
  priceLabel,
  pricing,
  taxRates,
  productLabels,
  currencies,
  cancelHref,
  submitLabel,
  children,
}: {
  form: UseFormReturn<SharedDocumentValues>;
  onSubmit: FormEventHandler<HTMLFormElement>;
  message: string | null;
  /** Which party the form picks, saved as its `customerId` or `supplierId`. */
  party: "customer" | "supplier";
  /** The saved party's name, shown until another is picked; empty on a new document. */
  partyLabel: string;
  dates: ReactNode;
  referenceLabel: string;
  priceLabel: "Unit price" | "Unit cost";
  pricing: LinePricing;
  taxRates: TaxRateOption[];
  productLabels: Record<string, string>;
  currencies: string[];
  cancelHref: string;
  submitLabel: string;
  /** Cards between the details and the lines. */
  children?: ReactNode;
}) {
  const { errors, isSubmitting, isSubmitted } = form.formState;
  // The party field is the one part of the shared shape whose name depends on the document.
  const partyField = party === "customer" ? "customerId" : "supplierId";
  const partyForm = form as unknown as UseFormReturn<Record<typeof partyField, string>>;
  const partyId = useWatch({ control: partyForm.control, name: partyField });
  return (
    <Form onSubmit={onSubmit} className="space-y-6">
      <FormMessage message={message} />
      <Card>
        <CardHeader title="Details" />
        <CardBody className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <PartyPicker
            kind={party}
            value={partyId}
            label={partyLabel}
            error={partyForm.formState.errors[partyField]?.message}
            search={party === "customer" ? searchCustomers : searchSuppliers}
            onChange={(picked) => {
              partyForm.setValue(partyField, picked?.id ?? "", {
                shouldValidate: isSubmitted,
                shouldDirty: true,
              });
              if (picked) form.setValue("currency", picked.currency, { shouldDirty: true });
            }}
          />
          {dates}
          <DocumentSettingsFields form={form} referenceLabel={referenceLabel} currencies={currencies} />
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
            pricing={pricing}
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
    </Form>
  );
}
