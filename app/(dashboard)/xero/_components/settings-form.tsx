"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, type UseFormReturn } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { FormField } from "@/components/ui/form-field";
import { Checkbox, Select } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";
import { applyActionErrors } from "@/lib/ui/form-errors";
import { saveXeroIntegrationSettings } from "../actions";
import { xeroSettingsSchema, type XeroSettingsInput } from "../schema";

export interface Option {
  value: string;
  label: string;
}

export interface TaxMappingView {
  taxRateId: string;
  name: string;
  salesStale?: string;
  purchaseStale?: string;
}

type BooleanField = {
  [K in keyof XeroSettingsInput]: XeroSettingsInput[K] extends boolean ? K : never;
}[keyof XeroSettingsInput];

const AUTO_SEND: [BooleanField, string][] = [
  ["autoSendQuotes", "Quotes"],
  ["autoSendSalesOrders", "Sales orders"],
  ["autoSendInvoices", "Invoices"],
  ["autoSendPurchaseOrders", "Purchase orders"],
  ["autoSendBills", "Bills"],
  ["autoSendCreditNotes", "Credit notes"],
  ["autoSendSupplierCredits", "Supplier credits"],
];

const CONTACTS: [BooleanField, string][] = [
  ["createContactForNewCustomers", "Tick “Create Xero contact” on new customers"],
  ["createContactForNewSuppliers", "Tick “Create Xero contact” on new suppliers"],
  ["keepContactsUpdated", "Keep Xero contact details up to date when customers and suppliers change"],
];

const BILL_STATUSES: Option[] = [
  { value: "DRAFT", label: "Draft" },
  { value: "SUBMITTED", label: "Awaiting approval" },
  { value: "AUTHORISED", label: "Awaiting payment" },
];
const PO_STATUSES: Option[] = [
  { value: "DRAFT", label: "Draft" },
  { value: "SUBMITTED", label: "Awaiting approval" },
  { value: "AUTHORISED", label: "Approved" },
];

/** Options plus the saved value when Xero no longer offers it, so the select shows what is stored. */
function withCurrent(options: Option[], current: string | null | undefined, staleLabel: string): Option[] {
  if (!current || options.some((o) => o.value === current)) return options;
  return [{ value: current, label: `${current} (${staleLabel})` }, ...options];
}

/** Lines Factory does not tax still name a Xero tax type, so Xero never applies an account's default rate. */
function NoTaxRow({
  form,
  salesTaxTypes,
  purchaseTaxTypes,
  defaultValues,
}: {
  form: UseFormReturn<XeroSettingsInput>;
  salesTaxTypes: Option[];
  purchaseTaxTypes: Option[];
  defaultValues: XeroSettingsInput;
}) {
  const { errors } = form.formState;
  return (
    <tr>
      <Td className="font-medium">No tax (lines without a rate, “No tax” documents)</Td>
      {(
        [
          ["salesNoTaxType", salesTaxTypes, "on sales"],
          ["purchaseNoTaxType", purchaseTaxTypes, "on purchases"],
        ] as const
      ).map(([field, options, side]) => (
        <Td key={field} className="min-w-48">
          <FormField
            label={<span className="sr-only">{`No tax ${side}`}</span>}
            error={errors[field]?.message}
          >
            <Select {...form.register(field)}>
              {withCurrent(options, defaultValues[field], "no longer valid").map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </FormField>
        </Td>
      ))}
    </tr>
  );
}

function Toggle({ label, ...props }: { label: string } & React.ComponentProps<typeof Checkbox>) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-800">
      <Checkbox className="shrink-0" {...props} />
      {label}
    </label>
  );
}

export function SettingsForm({
  defaultValues,
  salesAccounts,
  purchaseAccounts,
  salesTaxTypes,
  purchaseTaxTypes,
  taxMappings,
  salesAccountStale,
  purchaseAccountStale,
  referenceError,
}: {
  defaultValues: XeroSettingsInput;
  salesAccounts: Option[];
  purchaseAccounts: Option[];
  salesTaxTypes: Option[];
  purchaseTaxTypes: Option[];
  taxMappings: TaxMappingView[];
  salesAccountStale?: string;
  purchaseAccountStale?: string;
  referenceError: string | null;
}) {
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const form = useForm<XeroSettingsInput>({ resolver: zodResolver(xeroSettingsSchema), defaultValues });
  const { errors, isSubmitting, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    setWarnings([]);
    const result = await saveXeroIntegrationSettings(values);
    if (result.ok) {
      form.reset(values);
      setWarnings(result.data.warnings);
      setMessage({ tone: "success", text: result.data.changed ? "Settings saved." : "Nothing had changed." });
    } else {
      setMessage({ tone: "danger", text: applyActionErrors(form, result) });
    }
  });

  return (
    <Form onSubmit={onSubmit} className="space-y-6" aria-label="Xero settings">
      {referenceError ? (
        <Alert tone="warning">
          Couldn’t load the accounts and tax rates from Xero ({referenceError}). Account and tax choices can’t
          be changed until Xero answers; the other settings can.
        </Alert>
      ) : null}

      <Card>
        <CardHeader
          title="Sending to Xero"
          description="What Factory sends automatically when it is created. With a switch off, staff can still send by hand."
        />
        <CardBody className="grid gap-6 md:grid-cols-2">
          <fieldset className="space-y-2">
            <legend className="mb-2 text-sm font-medium text-slate-700">Send automatically</legend>
            {AUTO_SEND.map(([field, label]) => (
              <Toggle key={field} label={label} {...form.register(field)} />
            ))}
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="mb-2 text-sm font-medium text-slate-700">Contacts</legend>
            {CONTACTS.map(([field, label]) => (
              <Toggle key={field} label={label} {...form.register(field)} />
            ))}
          </fieldset>
          <FormField label="Bills are created in Xero as" error={errors.billStatus?.message}>
            <Select {...form.register("billStatus")}>
              {BILL_STATUSES.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField
            label="Purchase orders are created in Xero as"
            error={errors.purchaseOrderStatus?.message}
          >
            <Select {...form.register("purchaseOrderStatus")}>
              {PO_STATUSES.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </FormField>
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Accounts"
          description="Used for lines of products not linked to a Xero item. Only active accounts of the right type are offered."
        />
        <CardBody className="grid gap-6 md:grid-cols-2">
          <FormField
            label="Default sales account"
            error={errors.salesAccountCode?.message ?? salesAccountStale}
            hint={salesAccountStale ? undefined : "Revenue or sales accounts."}
          >
            <Select {...form.register("salesAccountCode")}>
              <option value="">Not chosen</option>
              {withCurrent(salesAccounts, defaultValues.salesAccountCode, "no longer valid").map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField
            label="Default purchase account"
            error={errors.purchaseAccountCode?.message ?? purchaseAccountStale}
            hint={
              purchaseAccountStale
                ? undefined
                : "Expense, direct cost, overhead, inventory or fixed asset accounts."
            }
          >
            <Select {...form.register("purchaseAccountCode")}>
              <option value="">Not chosen</option>
              {withCurrent(purchaseAccounts, defaultValues.purchaseAccountCode, "no longer valid").map(
                (o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ),
              )}
            </Select>
          </FormField>
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Tax rates"
          description="Which Xero tax rate each Factory tax rate becomes. Xero keeps sales and purchase rates apart."
        />
        <Table>
          <thead>
            <tr>
              <Th>Factory tax rate</Th>
              <Th>On sales</Th>
              <Th>On purchases</Th>
            </tr>
          </thead>
          <tbody>
            {taxMappings.map((row, index) => {
              const current = defaultValues.taxMappings[index];
              return (
                <tr key={row.taxRateId}>
                  <Td className="font-medium">{row.name}</Td>
                  {(["salesTaxType", "purchaseTaxType"] as const).map((field) => {
                    const stale = field === "salesTaxType" ? row.salesStale : row.purchaseStale;
                    const options = field === "salesTaxType" ? salesTaxTypes : purchaseTaxTypes;
                    const error = errors.taxMappings?.[index]?.[field]?.message ?? stale;
                    return (
                      <Td key={field} className="min-w-48">
                        <FormField
                          label={
                            <span className="sr-only">{`${row.name} ${field === "salesTaxType" ? "on sales" : "on purchases"}`}</span>
                          }
                          error={error}
                        >
                          <Select {...form.register(`taxMappings.${index}.${field}`)}>
                            <option value="">Not mapped</option>
                            {withCurrent(options, current?.[field], "no longer valid").map((o) => (
                              <option key={o.value} value={o.value}>
                                {o.label}
                              </option>
                            ))}
                          </Select>
                        </FormField>
                      </Td>
                    );
                  })}
                </tr>
              );
            })}
            <NoTaxRow
              form={form}
              salesTaxTypes={salesTaxTypes}
              purchaseTaxTypes={purchaseTaxTypes}
              defaultValues={defaultValues}
            />
          </tbody>
        </Table>
      </Card>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isSubmitting || !isDirty}>
          {isSubmitting ? "Saving…" : "Save settings"}
        </Button>
        <div aria-live="polite">
          {message ? (
            <Alert tone={message.tone} role={message.tone === "danger" ? "alert" : "status"}>
              {message.text}
            </Alert>
          ) : null}
        </div>
      </div>
      {warnings.length ? (
        <Alert tone="warning" role="alert">
          <ul className="space-y-1">
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </Form>
  );
}
