"use client";

import { XERO_LINE_PRICING } from "@/lib/factory/money";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type UseFormReturn } from "react-hook-form";
import { useDocumentSubmit } from "@/components/documents/document-form-parts";
import type { SharedDocumentValues } from "@/components/documents/line-editor";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input, Textarea } from "@/components/ui/input";
import { purchaseOrderFormSchema, type PurchaseOrderFormValues } from "@/lib/factory/purchase-order-schema";
import { DocumentFormLayout, type DocumentFormProps } from "../../_documents/document-form-layout";
import { savePurchaseOrder } from "../actions";

const ADDRESS_PARTS = [
  { key: "line1", label: "Street address", wide: true },
  { key: "line2", label: "Address line 2", wide: true },
  { key: "city", label: "City" },
  { key: "region", label: "Region" },
  { key: "postcode", label: "Postcode" },
  { key: "country", label: "Country" },
] as const;

export function PurchaseOrderForm({
  defaultValues,
  supplierLabel,
  taxRates,
  productLabels,
  currencies,
  cancelHref,
}: DocumentFormProps<PurchaseOrderFormValues> & { supplierLabel: string }) {
  const form = useForm<PurchaseOrderFormValues>({
    resolver: zodResolver(purchaseOrderFormSchema),
    defaultValues,
  });
  const { errors } = form.formState;
  const { onSubmit, message } = useDocumentSubmit(form, savePurchaseOrder, "/purchase-orders");
  // The shared parts see only the fields they edit; every document form has them.
  const shared = form as unknown as UseFormReturn<SharedDocumentValues>;

  return (
    <DocumentFormLayout
      form={shared}
      onSubmit={onSubmit}
      message={message}
      party="supplier"
      partyLabel={supplierLabel}
      referenceLabel="Reference"
      pricing={XERO_LINE_PRICING.purchase_order}
      priceLabel="Unit cost"
      taxRates={taxRates}
      currencies={currencies}
      productLabels={productLabels}
      cancelHref={cancelHref}
      submitLabel="Save purchase order"
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
    >
      <Card>
        <CardHeader title="Delivery" description="Where the supplier should deliver." />
        <CardBody className="grid gap-4 sm:grid-cols-4">
          {ADDRESS_PARTS.map((part) => (
            <FormField
              key={part.key}
              label={part.label}
              error={errors.deliveryAddress?.[part.key]?.message}
              className={"wide" in part ? "sm:col-span-2" : undefined}
            >
              <Input {...form.register(`deliveryAddress.${part.key}`)} />
            </FormField>
          ))}
          <FormField
            label="Delivery instructions"
            error={errors.deliveryInstructions?.message}
            className="sm:col-span-4"
          >
            <Textarea rows={2} {...form.register("deliveryInstructions")} />
          </FormField>
        </CardBody>
      </Card>
    </DocumentFormLayout>
  );
}
