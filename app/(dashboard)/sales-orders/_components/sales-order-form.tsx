"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch, type UseFormReturn } from "react-hook-form";
import { PartyPicker, useDocumentSubmit } from "@/components/documents/document-form-parts";
import type { SharedDocumentValues, TaxRateOption } from "@/components/documents/line-editor";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { salesOrderFormSchema, type SalesOrderFormValues } from "@/lib/factory/sales-order-schema";
import { DocumentFormLayout } from "../../_documents/document-form-layout";
import { searchCustomers } from "../../_documents/lookup-actions";
import { saveSalesOrder } from "../actions";

export function SalesOrderForm({
  defaultValues,
  customerLabel,
  taxRates,
  productLabels,
  cancelHref,
}: {
  defaultValues: SalesOrderFormValues;
  customerLabel: string;
  taxRates: TaxRateOption[];
  productLabels: Record<string, string>;
  cancelHref: string;
}) {
  const form = useForm<SalesOrderFormValues>({ resolver: zodResolver(salesOrderFormSchema), defaultValues });
  const { errors, isSubmitted } = form.formState;
  const customerId = useWatch({ control: form.control, name: "customerId" });
  const { onSubmit, message } = useDocumentSubmit(form, saveSalesOrder, "/sales-orders");
  // The shared parts see only the fields they edit; every document form has them.
  const shared = form as unknown as UseFormReturn<SharedDocumentValues>;

  return (
    <DocumentFormLayout
      form={shared}
      onSubmit={onSubmit}
      message={message}
      referenceLabel="Customer order number"
      priceLabel="Unit price"
      taxRates={taxRates}
      productLabels={productLabels}
      cancelHref={cancelHref}
      submitLabel="Save sales order"
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
          <FormField label="Order date" error={errors.orderDate?.message}>
            <Input type="date" {...form.register("orderDate")} />
          </FormField>
          <FormField label="Delivery date" error={errors.deliveryDate?.message}>
            <Input type="date" {...form.register("deliveryDate")} />
          </FormField>
        </>
      }
    ></DocumentFormLayout>
  );
}
