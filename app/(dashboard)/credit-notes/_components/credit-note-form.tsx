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
import { Input, Textarea } from "@/components/ui/input";
import type { TaxMode } from "@/lib/db/schema";
import { createCreditNoteSchema, type CreateCreditNoteInput } from "@/lib/factory/credit-note-schema";
import { XERO_LINE_PRICING } from "@/lib/factory/money";
import { createCreditNoteAction } from "../actions";

/**
 * A credit note against an invoice, or a supplier credit against a bill: its date, reference (a
 * supplier credit's is the supplier's own credit note number), notes and how much of each line to
 * credit. Everything is checked again on the server against what is left to credit.
 */
export function CreditNoteForm({
  defaultValues,
  lines,
  taxMode,
  currency,
  cancelHref,
}: {
  defaultValues: CreateCreditNoteInput;
  /** The invoice's (bill's) lines; `done` is what earlier credits took. */
  lines: OrderLineForPartial[];
  taxMode: TaxMode;
  currency: string;
  cancelHref: string;
}) {
  const form = useForm<CreateCreditNoteInput>({
    resolver: zodResolver(createCreditNoteSchema),
    defaultValues,
  });
  const { errors, isSubmitting } = form.formState;
  const { onSubmit, message } = useDocumentSubmit(form, createCreditNoteAction, "/credit-notes");
  const customer = defaultValues.kind === "customer";
  return (
    <Form onSubmit={onSubmit} className="space-y-6">
      <FormMessage message={message} />
      <Card>
        <CardHeader title={customer ? "Credit note" : "Supplier credit"} />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <FormField label="Credit date" error={errors.creditDate?.message}>
            <Input type="date" {...form.register("creditDate")} />
          </FormField>
          <FormField
            label={customer ? "Reference" : "Supplier's credit note number"}
            error={errors.reference?.message}
            hint={
              customer
                ? "The customer's return or claim number, if any."
                : "Sent to Xero as the credit note's number."
            }
          >
            <Input {...form.register("reference")} />
          </FormField>
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="What to credit"
          description="Choose lines and quantities, e.g. what was returned. Zero leaves a line out."
        />
        <PartialLinesTable
          form={form as unknown as UseFormReturn<PartialLinesValues>}
          lines={lines}
          pricing={XERO_LINE_PRICING[customer ? "credit_note" : "supplier_credit"]}
          taxMode={taxMode}
          currency={currency}
          quantityLabel={customer ? "Invoiced" : "Billed"}
          doneLabel="Credited"
          takeLabel="Quantity to credit"
          priceLabel={customer ? "Unit price" : "Unit cost"}
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
        cancelHref={cancelHref}
        submitLabel={customer ? "Create credit note" : "Create supplier credit"}
        pending={isSubmitting}
      />
    </Form>
  );
}
