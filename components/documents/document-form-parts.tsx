"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useWatch, type FieldValues, type UseFormReturn } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import type { ActionResult } from "@/lib/auth/action";
import type { PartyOption } from "@/lib/db/queries/document-lookups";
import { TAX_MODE_LABELS, TAX_MODES } from "@/lib/factory/money";
import { applyActionErrors } from "@/lib/ui/form-errors";
import type { SharedDocumentValues } from "./line-editor";
import { SearchPicker } from "./search-picker";

/**
 * Submits a document form's raw values (the action parses them with the same schema), then opens the
 * saved document, or puts the action's field errors next to their fields and its message on top.
 */
export function useDocumentSubmit<Values extends FieldValues>(
  form: UseFormReturn<Values>,
  action: (values: Values) => Promise<ActionResult<{ id: string }>>,
  basePath: string,
) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(async () => {
    setMessage(null);
    const result = await action(form.getValues());
    if (result.ok) {
      router.push(`${basePath}/${result.data.id}`);
      router.refresh();
    } else {
      setMessage(applyActionErrors(form, result));
    }
  });
  return { onSubmit, message };
}

export function FormMessage({ message }: { message: string | null }) {
  return message ? (
    <Alert tone="danger" role="alert">
      {message}
    </Alert>
  ) : null;
}

/** Customer or supplier picker, searching on the server; picking one also sets the document's currency. */
export function PartyPicker({
  kind,
  value,
  label,
  error,
  search,
  onChange,
}: {
  kind: "customer" | "supplier";
  value: string;
  label: string;
  error?: string;
  search: (input: { term: string }) => Promise<ActionResult<PartyOption[]>>;
  onChange: (party: PartyOption | null) => void;
}) {
  const [selectedLabel, setSelectedLabel] = useState(label);
  return (
    <FormField label={kind === "customer" ? "Customer" : "Supplier"} error={error}>
      <SearchPicker<PartyOption>
        value={value}
        selectedLabel={selectedLabel}
        placeholder={`Search ${kind}s by name or code…`}
        emptyText={`No ${kind} matches.`}
        search={async (term) => {
          const result = await search({ term });
          if (!result.ok) return [];
          return result.data.map((party) => ({
            id: party.id,
            label: party.name,
            detail: `${party.code} · ${party.currency}`,
            data: party,
          }));
        }}
        onSelect={(option) => {
          setSelectedLabel(option?.label ?? "");
          onChange(option?.data ?? null);
        }}
      />
    </FormField>
  );
}

/** Currency, tax mode and reference: the same on every document form. */
export function DocumentSettingsFields({
  form,
  referenceLabel,
  currencies,
}: {
  form: UseFormReturn<SharedDocumentValues>;
  referenceLabel: string;
  /** The organisation's enabled currencies (plus the document's own); a party's other currency is added when picked. */
  currencies: string[];
}) {
  const { errors } = form.formState;
  const current = useWatch({ control: form.control, name: "currency" });
  const offered = currencies.includes(current) ? currencies : [current, ...currencies];
  return (
    <>
      <FormField label="Currency" error={errors.currency?.message}>
        <Select {...form.register("currency")}>
          {offered.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField label="Amounts are" error={errors.taxMode?.message}>
        <Select {...form.register("taxMode")}>
          {TAX_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {TAX_MODE_LABELS[mode]}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField label={referenceLabel} error={errors.reference?.message}>
        <Input {...form.register("reference")} />
      </FormField>
    </>
  );
}

export function FormButtons({
  cancelHref,
  submitLabel,
  pending,
}: {
  cancelHref: string;
  submitLabel: string;
  pending: boolean;
}) {
  return (
    <div className="flex justify-end gap-2">
      <Button variant="secondary" asChild>
        <Link href={cancelHref}>Cancel</Link>
      </Button>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </Button>
    </div>
  );
}
