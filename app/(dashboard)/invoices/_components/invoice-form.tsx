"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type UseFormReturn } from "react-hook-form";
import { FormButtons, FormMessage, useDocumentSubmit } from "@/components/documents/document-form-parts";
import {
  LineDescriptionsEditor,
  type FixedLine,
  type LineDescriptionValues,
} from "@/components/documents/line-descriptions-editor";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { FormField } from "@/components/ui/form-field";
import { Input, Textarea } from "@/components/ui/input";
import { editInvoiceSchema, type EditInvoiceInput } from "@/lib/factory/invoice-schema";
import { formatDay } from "@/lib/ui/dates";
import { saveInvoice } from "../actions";

/** Editing an invoice: due date, reference, notes and the item lines' descriptions. */
export function InvoiceForm({
  defaultValues,
  issueDate,
  lines,
  currency,
}: {
  defaultValues: EditInvoiceInput;
  issueDate: string;
  lines: FixedLine[];
  currency: string;
}) {
  const form = useForm<EditInvoiceInput>({ resolver: zodResolver(editInvoiceSchema), defaultValues });
  const { errors, isSubmitting } = form.formState;
  const { onSubmit, message } = useDocumentSubmit(form, saveInvoice, "/invoices");
  return (
    <Form onSubmit={onSubmit} className="space-y-6">
      <FormMessage message={message} />
      <Card>
        <CardHeader title="Invoice" description={`Dated ${formatDay(issueDate)}.`} />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <FormField label="Due date" error={errors.dueDate?.message}>
            <Input type="date" {...form.register("dueDate")} />
          </FormField>
          <FormField label="Reference" error={errors.reference?.message}>
            <Input {...form.register("reference")} />
          </FormField>
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Lines"
          description="Quantities, prices and tax stay as invoiced, so the order's invoices still add up to the order."
        />
        <LineDescriptionsEditor
          form={form as unknown as UseFormReturn<LineDescriptionValues>}
          lines={lines}
          currency={currency}
        />
      </Card>
      <Card>
        <CardHeader title="Notes" description="Kept in Factory; not sent to Xero." />
        <CardBody>
          <FormField label="Notes" error={errors.notes?.message}>
            <Textarea {...form.register("notes")} />
          </FormField>
        </CardBody>
      </Card>
      <FormButtons
        cancelHref={`/invoices/${defaultValues.id}`}
        submitLabel="Save invoice"
        pending={isSubmitting}
      />
    </Form>
  );
}
