"use client";

import { XERO_LINE_PRICING } from "@/lib/factory/money";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type UseFormReturn } from "react-hook-form";
import { useDocumentSubmit } from "@/components/documents/document-form-parts";
import type { SharedDocumentValues } from "@/components/documents/line-editor";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { quoteFormSchema, type QuoteFormValues } from "@/lib/factory/quote-schema";
import { DocumentFormLayout, type DocumentFormProps } from "../../_documents/document-form-layout";
import { saveQuote } from "../actions";

export function QuoteForm({
  defaultValues,
  customerLabel,
  taxRates,
  productLabels,
  currencies,
  cancelHref,
}: DocumentFormProps<QuoteFormValues> & { customerLabel: string }) {
  const form = useForm<QuoteFormValues>({ resolver: zodResolver(quoteFormSchema), defaultValues });
  const { errors } = form.formState;
  const { onSubmit, message } = useDocumentSubmit(form, saveQuote, "/quotes");
  // The shared parts see only the fields they edit; every document form has them.
  const shared = form as unknown as UseFormReturn<SharedDocumentValues>;

  return (
    <DocumentFormLayout
      form={shared}
      onSubmit={onSubmit}
      message={message}
      party="customer"
      partyLabel={customerLabel}
      referenceLabel="Reference"
      pricing={XERO_LINE_PRICING.quote}
      priceLabel="Unit price"
      taxRates={taxRates}
      currencies={currencies}
      productLabels={productLabels}
      cancelHref={cancelHref}
      submitLabel="Save quote"
      dates={
        <>
          <FormField label="Quote date" error={errors.issueDate?.message}>
            <Input type="date" {...form.register("issueDate")} />
          </FormField>
          <FormField label="Expiry date" error={errors.expiryDate?.message}>
            <Input type="date" {...form.register("expiryDate")} />
          </FormField>
        </>
      }
    />
  );
}
