"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type UseFormReturn } from "react-hook-form";
import { FormButtons, FormMessage, useDocumentSubmit } from "@/components/documents/document-form-parts";
import {
  PartialLinesTable,
  roundingTaxLabel,
  type OrderLineForPartial,
  type PartialLinesValues,
} from "@/components/documents/partial-lines-table";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { FormField } from "@/components/ui/form-field";
import { Input, Textarea } from "@/components/ui/input";
import type { TaxMode } from "@/lib/db/schema";
import { createCreditNoteSchema, type CreateCreditNoteInput } from "@/lib/factory/credit-note-schema";
import {
  creditLines,
  withRoundingLines,
  type CreditedSoFar,
  type CreditSourceLine,
} from "@/lib/factory/credit-remainder";
import { sumLines } from "@/lib/factory/document-lines";
import { compare, XERO_LINE_PRICING } from "@/lib/factory/money";
import { createCreditNoteAction } from "../actions";

/**
 * A credit note against an invoice, or a supplier credit against a bill: its date, reference (a
 * supplier credit's is the supplier's own credit note number), notes and how much of each line to
 * credit. Everything is checked again on the server against what is left to credit.
 */
export function CreditNoteForm({
  defaultValues,
  lines,
  number,
  soFar,
  taxMode,
  currency,
  cancelHref,
}: {
  defaultValues: CreateCreditNoteInput;
  /**
   * Every line of the invoice (bill), `done` being what earlier credits took: a row each for its item
   * lines; its own rounding lines are taken with the last of the others, as saving takes them.
   */
  lines: (OrderLineForPartial & CreditSourceLine)[];
  /** The invoice's (bill's) number, for the rounding lines' words. */
  number: string;
  /** What earlier credits hold of each line, by line id (lib/factory/credit-remainder.ts). */
  soFar: Record<string, CreditedSoFar>;
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
  const pricing = XERO_LINE_PRICING[customer ? "credit_note" : "supplier_credit"];
  const items = lines.filter((line) => line.kind === "item");
  const earlier = new Map(Object.entries(soFar));
  const byId = new Map(lines.map((line) => [line.id, line]));
  // The credit's own lines as saving makes them: the rows below show the lines taken; the rounding
  // lines (a line's credits adding up to what it charged) and the invoice's own rounding lines
  // (taken with the last of the others) show under them, and the totals are the saved credit's.
  const creditPreview = (taking: readonly { lineId: string; quantity: string }[]) => {
    const planned = withRoundingLines(
      lines,
      taking.flatMap(({ lineId, quantity }) => {
        const line = byId.get(lineId);
        return line && compare(quantity, 0) > 0 ? [{ line, quantity }] : [];
      }),
    );
    const credit = creditLines(planned, earlier, taxMode, pricing, number);
    // A line's tax evened out takes two rounding lines of one description: say which is which.
    const twins = (line: (typeof credit)[number]) =>
      credit.filter((other) => other.kind === "rounding" && other.source === line.source).length > 1;
    return {
      extra: credit
        .filter((line) => line.kind === "rounding" || line.source.kind === "rounding")
        .map((line) => ({
          description:
            line.kind === "rounding" && twins(line)
              ? `${line.description}${roundingTaxLabel(line)}`
              : line.description,
          lineAmount: line.lineAmount,
        })),
      totals: sumLines(credit, taxMode),
    };
  };
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
          lines={items}
          pricing={pricing}
          preview={creditPreview}
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
