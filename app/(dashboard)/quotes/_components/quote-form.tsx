"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch, type UseFormReturn } from "react-hook-form";
import { PartyPicker, useDocumentSubmit } from "@/components/documents/document-form-parts";
import type { SharedDocumentValues, TaxRateOption } from "@/components/documents/line-editor";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { quoteFormSchema, type QuoteFormValues } from "@/lib/factory/quote-schema";
import { DocumentFormLayout } from "../../_documents/document-form-layout";
import { searchCustomers } from "../../_documents/lookup-actions";
import { saveQuote } from "../actions";

export function QuoteForm({
  defaultValues,
  customerLabel,
  taxRates,
  productLabels,
  cancelHref,
}: {
  defaultValues: QuoteFormValues;
  customerLabel: string;
  taxRates: TaxRateOption[];
  productLabels: Record<string, string>;
  cancelHref: string;
}) {
  const form = useForm<QuoteFormValues>({ resolver: zodResolver(quoteFormSchema), defaultValues });
  const { errors, isSubmitted } = form.formState;
  const customerId = useWatch({ control: form.control, name: "customerId" });
  const { onSubmit, message } = useDocumentSubmit(form, saveQuote, "/quotes");
  // The shared parts see only the fields they edit; every document form has them.
  const shared = form as unknown as UseFormReturn<SharedDocumentValues>;

  return (
    <DocumentFormLayout
      form={shared}
      onSubmit={onSubmit}
      message={message}
      referenceLabel="Reference"
      priceLabel="Unit price"
      taxRates={taxRates}
      productLabels={productLabels}
      cancelHref={cancelHref}
      submitLabel="Save quote"
      details={
        <>
          <PartyPicker
            kind="customer"
            value={customerId}
            label={customerLabel}
            error={errors.customerId?.message}
            search={searchCustomers}
            onChange={(party) => {
              form.setValue("customerId", party?.id ?? "", {
                shouldValidate: isSubmitted,
                shouldDirty: true,
              });
              if (party) form.setValue("currency", party.currency, { shouldDirty: true });
            }}
          />
          <FormField label="Quote date" error={errors.issueDate?.message}>
            <Input type="date" {...form.register("issueDate")} />
          </FormField>
          <FormField label="Expiry date" error={errors.expiryDate?.message}>
            <Input type="date" {...form.register("expiryDate")} />
          </FormField>
        </>
      }
    ></DocumentFormLayout>
  );
}
