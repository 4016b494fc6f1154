"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type UseFormReturn } from "react-hook-form";
import { FormButtons, FormMessage, useDocumentSubmit } from "@/components/documents/document-form-parts";
import {
  PartialLinesTable,
  type OrderLineForPartial,
  type PartialLinesValues,
} from "@/components/documents/partial-lines-table";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { dueDateFromTerms, type PaymentTerms } from "@/lib/factory/due-date";
import type { TaxMode } from "@/lib/db/schema";
import { XERO_LINE_PRICING } from "@/lib/factory/money";
import type { TakenLineAmounts } from "@/lib/factory/order-remainder";
import { convertToBillSchema, type ConvertToBillInput } from "@/lib/factory/purchase-order-schema";
import { convertToBill } from "../actions";

/** "Convert to bill": the supplier's invoice number and dates, and how much of each line it covers. */
export function ConvertToBillForm({
  defaultValues,
  lines,
  earlier,
  roundingDescription,
  taxMode,
  currency,
  paymentTerms,
}: {
  defaultValues: ConvertToBillInput;
  lines: OrderLineForPartial[];
  /** The lines of the order's earlier bills, for the rounding of the one that completes it. */
  earlier: readonly TakenLineAmounts[];
  roundingDescription: string;
  taxMode: TaxMode;
  currency: string;
  paymentTerms: PaymentTerms | null;
}) {
  const form = useForm<ConvertToBillInput>({ resolver: zodResolver(convertToBillSchema), defaultValues });
  const { errors, isSubmitting } = form.formState;
  const { onSubmit, message } = useDocumentSubmit(form, convertToBill, "/purchase-orders");
  const billDate = form.register("billDate");

  return (
    <Form onSubmit={onSubmit} className="space-y-6">
      <FormMessage message={message} />
      <Card>
        <CardHeader title="Bill" />
        <CardBody className="grid gap-4 sm:grid-cols-3">
          <FormField label="Supplier's invoice number" error={errors.supplierInvoiceNumber?.message}>
            <Input {...form.register("supplierInvoiceNumber")} />
          </FormField>
          <FormField label="Bill date" error={errors.billDate?.message}>
            <Input
              type="date"
              {...billDate}
              onChange={(event) => {
                void billDate.onChange(event);
                if (/^\d{4}-\d{2}-\d{2}$/.test(event.target.value)) {
                  form.setValue("dueDate", dueDateFromTerms(event.target.value, paymentTerms));
                }
              }}
            />
          </FormField>
          <FormField
            label="Due date"
            error={errors.dueDate?.message}
            hint="From the supplier's payment terms."
          >
            <Input type="date" {...form.register("dueDate")} />
          </FormField>
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="What the bill covers"
          description="Zero leaves a line for a later bill. Change a unit cost to what the supplier charged."
        />
        <PartialLinesTable
          form={form as unknown as UseFormReturn<PartialLinesValues>}
          lines={lines}
          earlier={earlier}
          roundingDescription={roundingDescription}
          pricing={XERO_LINE_PRICING.bill}
          taxMode={taxMode}
          currency={currency}
          doneLabel="Billed"
          takeLabel="Quantity to bill"
          priceLabel="Unit cost"
          costEditable
        />
      </Card>
      <FormButtons
        cancelHref={`/purchase-orders/${defaultValues.purchaseOrderId}`}
        submitLabel="Convert to bill"
        pending={isSubmitting}
      />
    </Form>
  );
}
