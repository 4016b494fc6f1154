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
import { salesOrderFormSchema, type SalesOrderFormValues } from "@/lib/factory/sales-order-schema";
import { searchCustomers, searchProducts } from "../../_documents/lookup-actions";
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
  const { errors, isSubmitting, isSubmitted } = form.formState;
  const customerId = useWatch({ control: form.control, name: "customerId" });
  const { onSubmit, message } = useDocumentSubmit(form, saveSalesOrder, "/sales-orders");
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
          <FormField label="Order date" error={errors.orderDate?.message}>
            <Input type="date" {...form.register("orderDate")} />
          </FormField>
          <FormField label="Delivery date" error={errors.deliveryDate?.message}>
            <Input type="date" {...form.register("deliveryDate")} />
          </FormField>
          <DocumentSettingsFields form={shared} referenceLabel="Customer order number" />
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
      <FormButtons cancelHref={cancelHref} submitLabel="Save sales order" pending={isSubmitting} />
    </form>
  );
}
