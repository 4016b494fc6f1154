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
import { editBillSchema, type EditBillInput } from "@/lib/factory/bill-schema";
import { formatDay } from "@/lib/ui/dates";
import { saveBill } from "../actions";

/** Editing a bill: the supplier's invoice number, due date, notes and the item lines' descriptions. */
export function BillForm({
  defaultValues,
  billDate,
  lines,
  currency,
}: {
  defaultValues: EditBillInput;
  billDate: string;
  lines: FixedLine[];
  currency: string;
}) {
  const form = useForm<EditBillInput>({ resolver: zodResolver(editBillSchema), defaultValues });
  const { errors, isSubmitting } = form.formState;
  const { onSubmit, message } = useDocumentSubmit(form, saveBill, "/bills");
  return (
    <Form onSubmit={onSubmit} className="space-y-6">
      <FormMessage message={message} />
      <Card>
        <CardHeader title="Bill" description={`Dated ${formatDay(billDate)}.`} />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <FormField label="Supplier invoice number" error={errors.supplierInvoiceNumber?.message}>
            <Input {...form.register("supplierInvoiceNumber")} />
          </FormField>
          <FormField label="Due date" error={errors.dueDate?.message}>
            <Input type="date" {...form.register("dueDate")} />
          </FormField>
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Lines"
          description="Quantities, costs and tax stay as billed, so the order's bills still add up to the order."
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
      <FormButtons cancelHref={`/bills/${defaultValues.id}`} submitLabel="Save bill" pending={isSubmitting} />
    </Form>
  );
}
