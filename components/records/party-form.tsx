"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import {
  useFieldArray,
  useForm,
  type FieldErrors,
  type FieldPath,
  type UseFormRegister,
} from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { FormField } from "@/components/ui/form-field";
import { Input, Select, Textarea } from "@/components/ui/input";
import type { ActionResult } from "@/lib/auth/action";
import type { PartyKind } from "@/lib/db/schema";
import {
  PAYMENT_TERMS_LABELS,
  PAYMENT_TERMS_TYPES,
  partyFormSchema,
  type CreatePartyInput,
  type PartyFormOutput,
  type PartyFormValues,
  type UpdatePartyInput,
} from "@/lib/factory/party-schema";
import { newIdempotencyKey } from "@/lib/ui/idempotency-key";

type PartyFormProps = {
  kind: PartyKind;
  defaultValues: PartyFormValues;
  /** The organisation's enabled currencies (plus the record's own). */
  currencies: string[];
  cancelHref: string;
} & (
  | {
      mode: "create";
      /** "Also create in Xero": offered when Factory is connected, ticked per the Xero settings. */
      createInXero: { offered: boolean; ticked: boolean };
      action: (input: CreatePartyInput & { createInXero: boolean }) => Promise<ActionResult<{ id: string }>>;
    }
  | {
      mode: "edit";
      id: string;
      version: number;
      action: (input: UpdatePartyInput) => Promise<ActionResult<{ id: string }>>;
    }
);

const ADDRESS_PARTS = [
  { key: "line1", label: "Street address", autoComplete: "address-line1", wide: true },
  { key: "line2", label: "Address line 2", autoComplete: "address-line2", wide: true },
  { key: "city", label: "City", autoComplete: "address-level2" },
  { key: "region", label: "Region", autoComplete: "address-level1" },
  { key: "postcode", label: "Postcode", autoComplete: "postal-code" },
  { key: "country", label: "Country", autoComplete: "country-name" },
] as const;

/** The create and edit form of customers and suppliers. */
export function PartyForm(props: PartyFormProps) {
  const { kind, defaultValues, cancelHref } = props;
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  /** The server's "… already exists. Create anyway?" for a create that would duplicate a record. */
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [createInXero, setCreateInXero] = useState(props.mode === "create" && props.createInXero.ticked);
  const form = useForm<PartyFormValues, unknown, PartyFormOutput>({
    resolver: zodResolver(partyFormSchema),
    defaultValues,
  });
  const { errors, isSubmitting } = form.formState;
  const contacts = useFieldArray({ control: form.control, name: "contactPeople" });
  const noun = kind === "customer" ? "customer" : "supplier";
  const basePath = kind === "customer" ? "/customers" : "/suppliers";
  const { currencies } = props;

  // The action parses the form's raw values with the same rules, so send those, not the parsed ones.
  const submit = async (createAnyway: boolean) => {
    setMessage(null);
    setDuplicate(null);
    const values = form.getValues();
    const result =
      props.mode === "create"
        ? await props.action({
            ...values,
            idempotencyKey,
            createAnyway,
            createInXero: props.createInXero.offered && createInXero,
          })
        : await props.action({ ...values, id: props.id, version: props.version });
    if (result.ok) {
      router.push(`${basePath}/${result.data.id}`);
      router.refresh();
      return;
    }
    const { createAnyway: question, ...fieldErrors } = result.fieldErrors ?? {};
    for (const [field, messages] of Object.entries(fieldErrors)) {
      if (messages[0]) form.setError(field as FieldPath<PartyFormValues>, { message: messages[0] });
    }
    if (question?.[0]) setDuplicate(question[0]);
    else setMessage(result.message);
  };
  const onSubmit = form.handleSubmit(() => submit(false));
  const onCreateAnyway = form.handleSubmit(() => submit(true));

  const copyBillingToDelivery = () =>
    form.setValue("deliveryAddress", form.getValues("billingAddress"), { shouldDirty: true });

  return (
    <Form onSubmit={onSubmit} className="space-y-6">
      {message ? (
        <Alert tone="danger" role="alert">
          {message}
        </Alert>
      ) : null}

      <Card>
        <CardHeader title="Details" />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <FormField label="Name" error={errors.name?.message} className="sm:col-span-2">
            <Input autoComplete="organization" {...form.register("name")} />
          </FormField>
          <FormField label="Email" error={errors.email?.message}>
            <Input type="email" autoComplete="email" {...form.register("email")} />
          </FormField>
          <FormField
            label="Tax number"
            error={errors.taxNumber?.message}
            hint="GST number, for example 123-456-789."
          >
            <Input {...form.register("taxNumber")} />
          </FormField>
          <FormField label="Phone" error={errors.phone?.message}>
            <Input type="tel" autoComplete="tel" {...form.register("phone")} />
          </FormField>
          <FormField label="Mobile" error={errors.mobile?.message}>
            <Input type="tel" {...form.register("mobile")} />
          </FormField>
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Currency and payment terms"
          description={`Used on this ${noun}'s ${kind === "customer" ? "quotes, orders and invoices" : "purchase orders and bills"}.`}
        />
        <CardBody className="grid gap-4 sm:grid-cols-3">
          <FormField label="Currency" error={errors.currency?.message}>
            <Select {...form.register("currency")}>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField label="Payment due (day)" error={errors.paymentTermsDay?.message}>
            <Input inputMode="numeric" {...form.register("paymentTermsDay")} />
          </FormField>
          <FormField label="Counted as" error={errors.paymentTermsType?.message}>
            <Select {...form.register("paymentTermsType")}>
              <option value="">No payment terms</option>
              {PAYMENT_TERMS_TYPES.map((type) => (
                <option key={type} value={type}>
                  {PAYMENT_TERMS_LABELS[type]}
                </option>
              ))}
            </Select>
          </FormField>
        </CardBody>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <AddressCard
          title="Billing address"
          prefix="billingAddress"
          register={form.register}
          errors={errors.billingAddress}
        />
        <AddressCard
          title="Delivery address"
          prefix="deliveryAddress"
          register={form.register}
          errors={errors.deliveryAddress}
          action={
            <Button variant="ghost" size="sm" onClick={copyBillingToDelivery}>
              Same as billing
            </Button>
          }
        />
      </div>

      <Card>
        <CardHeader
          title="Contact people"
          actions={
            <Button
              variant="secondary"
              size="sm"
              onClick={() => contacts.append({ name: "", email: "", phone: "", role: "" })}
              disabled={contacts.fields.length >= 20}
            >
              <Plus aria-hidden />
              Add contact person
            </Button>
          }
        />
        <CardBody className="space-y-4">
          {contacts.fields.length === 0 ? (
            <p className="text-sm text-slate-500">No contact people yet.</p>
          ) : null}
          {contacts.fields.map((field, index) => {
            const personErrors = errors.contactPeople?.[index];
            return (
              <fieldset
                key={field.id}
                className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-5"
              >
                <legend className="sr-only">Contact person {index + 1}</legend>
                <FormField label="Contact name" error={personErrors?.name?.message}>
                  <Input {...form.register(`contactPeople.${index}.name`)} />
                </FormField>
                <FormField label="Role" error={personErrors?.role?.message}>
                  <Input {...form.register(`contactPeople.${index}.role`)} />
                </FormField>
                <FormField label="Contact email" error={personErrors?.email?.message}>
                  <Input type="email" {...form.register(`contactPeople.${index}.email`)} />
                </FormField>
                <FormField label="Contact phone" error={personErrors?.phone?.message}>
                  <Input type="tel" {...form.register(`contactPeople.${index}.phone`)} />
                </FormField>
                <div className="flex items-end">
                  <Button variant="ghost" onClick={() => contacts.remove(index)}>
                    <Trash2 aria-hidden />
                    Remove<span className="sr-only"> contact person {index + 1}</span>
                  </Button>
                </div>
              </fieldset>
            );
          })}
          {errors.contactPeople?.message ? (
            <p className="text-xs text-red-600">{errors.contactPeople.message}</p>
          ) : null}
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Notes" />
        <CardBody>
          <FormField label="Notes" error={errors.notes?.message} hint="For staff; not sent to Xero.">
            <Textarea rows={4} {...form.register("notes")} />
          </FormField>
        </CardBody>
      </Card>

      {props.mode === "create" && props.createInXero.offered ? (
        <label className="flex items-start gap-3 rounded-lg border border-slate-200 bg-white px-5 py-4 text-sm shadow-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4"
            checked={createInXero}
            onChange={(event) => setCreateInXero(event.target.checked)}
          />
          <span>
            <span className="font-medium text-slate-900">Also create in Xero</span>
            <span className="block text-slate-500">
              Factory first looks for a similar Xero contact and offers to link it instead of making a
              duplicate.
            </span>
          </span>
        </label>
      ) : null}

      {duplicate ? (
        <Alert tone="warning" role="alert" className="flex flex-wrap items-center justify-between gap-3">
          <span>{duplicate}</span>
          <span className="flex gap-2">
            <Button variant="secondary" size="sm" onClick={() => setDuplicate(null)}>
              Change details
            </Button>
            <Button size="sm" onClick={() => void onCreateAnyway()} disabled={isSubmitting}>
              Create anyway
            </Button>
          </span>
        </Alert>
      ) : null}

      <div className="flex justify-end gap-2">
        <Button variant="secondary" asChild>
          <Link href={cancelHref}>Cancel</Link>
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : props.mode === "create" ? `Create ${noun}` : "Save changes"}
        </Button>
      </div>
    </Form>
  );
}

function AddressCard({
  title,
  prefix,
  register,
  errors,
  action,
}: {
  title: string;
  prefix: "billingAddress" | "deliveryAddress";
  register: UseFormRegister<PartyFormValues>;
  errors?: FieldErrors<PartyFormValues>["billingAddress"];
  action?: ReactNode;
}) {
  const label = title.split(" ")[0];
  return (
    <Card>
      <CardHeader title={title} actions={action} />
      <CardBody className="grid gap-3 sm:grid-cols-2">
        {ADDRESS_PARTS.map((part) => (
          <FormField
            key={part.key}
            label={`${label} ${part.label.toLowerCase()}`}
            error={errors?.[part.key]?.message}
            className={"wide" in part ? "sm:col-span-2" : undefined}
          >
            <Input
              autoComplete={`${prefix === "billingAddress" ? "billing" : "shipping"} ${part.autoComplete}`}
              {...register(`${prefix}.${part.key}`)}
            />
          </FormField>
        ))}
      </CardBody>
    </Card>
  );
}
