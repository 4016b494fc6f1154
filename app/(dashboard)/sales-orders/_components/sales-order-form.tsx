"use client";

import { XERO_LINE_PRICING } from "@/lib/factory/money";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type UseFormReturn } from "react-hook-form";
import { useDocumentSubmit } from "@/components/documents/document-form-parts";
import type { SharedDocumentValues } from "@/components/documents/line-editor";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { salesOrderFormSchema, type SalesOrderFormValues } from "@/lib/factory/sales-order-schema";
import { DocumentFormLayout, type DocumentFormProps } from "../../_documents/document-form-layout";
import { saveSalesOrder } from "../actions";

export function SalesOrderForm({
  defaultValues,
  customerLabel,
  taxRates,
  productLabels,
  currencies,
  cancelHref,
}: DocumentFormProps<SalesOrderFormValues> & { customerLabel: string }) {
  const form = useForm<SalesOrderFormValues>({ resolver: zodResolver(salesOrderFormSchema), defaultValues });
  const { errors } = form.formState;
  const { onSubmit, message } = useDocumentSubmit(form, saveSalesOrder, "/sales-orders");
  // The shared parts see only the fields they edit; every document form has them.
  const shared = form as unknown as UseFormReturn<SharedDocumentValues>;

  return (
    <DocumentFormLayout
      form={shared}
      onSubmit={onSubmit}
      message={message}
      party="customer"
      partyLabel={customerLabel}
      referenceLabel="Customer order number"
      pricing={XERO_LINE_PRICING.sales_order}
      priceLabel="Unit price"
      taxRates={taxRates}
      currencies={currencies}
      productLabels={productLabels}
      cancelHref={cancelHref}
      submitLabel="Save sales order"
      dates={
        <>
          <FormField label="Order date" error={errors.orderDate?.message}>
            <Input type="date" {...form.register("orderDate")} />
          </FormField>
          <FormField label="Delivery date" error={errors.deliveryDate?.message}>
            <Input type="date" {...form.register("deliveryDate")} />
          </FormField>
        </>
      }
    />
  );
}
