"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch, type UseFormReturn } from "react-hook-form";
import {
  DocumentSettingsFields,
  FormButtons,
  FormMessage,
  PartyPicker,
  useDocumentSubmit,
} from "@/components/documents/document-form-parts";
import {
  LineEditor,
  type SharedDocumentValues,
  type TaxRateOption,
} from "@/components/documents/line-editor";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input, Textarea } from "@/components/ui/input";
import { quoteFormSchema, type QuoteFormValues } from "@/lib/factory/quote-schema";
import { searchCustomers, searchProducts } from "../../_documents/lookup-actions";
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
  const { errors, isSubmitting, isSubmitted } = form.formState;
  const customerId = useWatch({ control: form.control, name: "customerId" });
  const { onSubmit, message } = useDocumentSubmit(form, saveQuote, "/quotes");
  // The shared parts see only the fields they edit; every document form has them.
  const shared = form as unknown as UseFormReturn<SharedDocumentValues>;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <FormMessage message={message} />
      <Card>
        <CardHeader title="Details" />
        <CardBody className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
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
          <DocumentSettingsFields form={shared} referenceLabel="Reference" />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Lines" />
        <CardBody>
          <LineEditor
            form={shared}
            taxRates={taxRates}
            priceLabel="Unit price"
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
      <FormButtons cancelHref={cancelHref} submitLabel="Save quote" pending={isSubmitting} />
    </form>
  );
}
