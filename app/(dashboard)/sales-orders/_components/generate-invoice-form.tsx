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
import { generateInvoiceSchema, type GenerateInvoiceInput } from "@/lib/factory/sales-order-schema";
import { generateInvoice } from "../actions";

/** "Generate invoice": dates (the due date follows the customer's payment terms) and quantities per line. */
export function GenerateInvoiceForm({
  defaultValues,
  lines,
  earlier,
  roundingDescription,
  taxMode,
  currency,
  paymentTerms,
}: {
  defaultValues: GenerateInvoiceInput;
  lines: OrderLineForPartial[];
  /** The lines of the order's earlier invoices, for the rounding of the one that completes it. */
  earlier: readonly TakenLineAmounts[];
  roundingDescription: string;
  taxMode: TaxMode;
  currency: string;
  paymentTerms: PaymentTerms | null;
}) {
  const form = useForm<GenerateInvoiceInput>({ resolver: zodResolver(generateInvoiceSchema), defaultValues });
  const { errors, isSubmitting } = form.formState;
  const { onSubmit, message } = useDocumentSubmit(form, generateInvoice, "/sales-orders");
  const issueDate = form.register("issueDate");

  return (
    <Form onSubmit={onSubmit} className="space-y-6">
      <FormMessage message={message} />
      <Card>
        <CardHeader title="Invoice" />
        <CardBody className="grid gap-4 sm:grid-cols-3">
          <FormField label="Invoice date" error={errors.issueDate?.message}>
            <Input
              type="date"
              {...issueDate}
              onChange={(event) => {
                void issueDate.onChange(event);
                if (/^\d{4}-\d{2}-\d{2}$/.test(event.target.value)) {
                  form.setValue("dueDate", dueDateFromTerms(event.target.value, paymentTerms));
                }
              }}
            />
          </FormField>
          <FormField
            label="Due date"
            error={errors.dueDate?.message}
            hint="From the customer's payment terms."
          >
            <Input type="date" {...form.register("dueDate")} />
          </FormField>
          <FormField label="Reference" error={errors.reference?.message}>
            <Input {...form.register("reference")} />
          </FormField>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="What to invoice" description="Zero leaves a line for a later invoice." />
        <PartialLinesTable
          form={form as unknown as UseFormReturn<PartialLinesValues>}
          lines={lines}
          earlier={earlier}
          roundingDescription={roundingDescription}
          pricing={XERO_LINE_PRICING.invoice}
          taxMode={taxMode}
          currency={currency}
          doneLabel="Invoiced"
          takeLabel="Quantity to invoice"
          priceLabel="Unit price"
        />
      </Card>
      <FormButtons
        cancelHref={`/sales-orders/${defaultValues.salesOrderId}`}
        submitLabel="Generate invoice"
        pending={isSubmitting}
      />
    </Form>
  );
}
