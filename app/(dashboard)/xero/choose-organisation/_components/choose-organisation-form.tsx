"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form";
import { Checkbox } from "@/components/ui/input";
import { applyActionErrors } from "@/lib/ui/form-errors";
import { chooseOrganisationSchema, type ChooseOrganisationInput } from "../../schema";
import { chooseOrganisation } from "../actions";

export function ChooseOrganisationForm({
  pendingId,
  organisations,
  previous,
}: {
  pendingId: string;
  organisations: { tenantId: string; name: string }[];
  previous: { tenantId: string; name: string; links: number } | null;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<ChooseOrganisationInput>({
    resolver: zodResolver(chooseOrganisationSchema),
    defaultValues: {
      pendingId,
      tenantId: organisations.find((o) => o.tenantId === previous?.tenantId)?.tenantId ?? "",
      confirmSwitch: false,
    },
  });
  const chosen = useWatch({ control: form.control, name: "tenantId" });
  const switching = previous !== null && chosen !== "" && chosen !== previous.tenantId;
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await chooseOrganisation(values);
    if (!result.ok) setMessage(applyActionErrors(form, result));
  });

  return (
    <Form onSubmit={onSubmit} className="space-y-5">
      {message ? (
        <Alert tone="danger" role="alert">
          {message}
        </Alert>
      ) : null}
      <fieldset aria-describedby="tenant-error">
        <legend className="mb-2 text-sm font-medium text-slate-700">Organisation Factory books into</legend>
        <div className="space-y-2">
          {organisations.map((org) => (
            <label key={org.tenantId} className="flex items-center gap-2 text-sm text-slate-900">
              <input
                type="radio"
                value={org.tenantId}
                className="size-4 accent-slate-900"
                {...form.register("tenantId")}
              />
              {org.name}
            </label>
          ))}
        </div>
        <p id="tenant-error" aria-live="polite" className="mt-1 text-xs text-red-600 empty:hidden">
          {errors.tenantId?.message}
        </p>
      </fieldset>
      {switching ? (
        <Alert tone="warning">
          <p>
            Factory was connected to <strong>{previous.name}</strong>. Switching organisation clears{" "}
            {previous.links} link{previous.links === 1 ? "" : "s"} to Xero contacts, items and documents, and
            the account and tax mappings, because they point into {previous.name}’s books. Documents will be
            sent afresh to the new organisation.
          </p>
          <label className="mt-3 flex items-center gap-2 font-medium">
            <Checkbox {...form.register("confirmSwitch")} aria-describedby="confirm-error" />I understand,
            switch organisation
          </label>
          <p id="confirm-error" aria-live="polite" className="mt-1 text-xs text-red-600 empty:hidden">
            {errors.confirmSwitch?.message}
          </p>
        </Alert>
      ) : null}
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Connecting…" : "Connect this organisation"}
      </Button>
    </Form>
  );
}
