"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form";
import type { ActionResult } from "@/lib/auth/action";

const SIDES = [
  { value: "customers", label: "Customers", hint: "Every contact becomes (or links to) a customer." },
  { value: "suppliers", label: "Suppliers", hint: "Every contact becomes (or links to) a supplier." },
  {
    value: "both",
    label: "Both",
    hint: "Xero's customer and supplier flags suggest the side; you decide in the review.",
  },
] as const;

/** Step 1: what to import. */
export function StartImportForm({
  start,
}: {
  start: (input: {
    sides: "customers" | "suppliers" | "both";
    includeArchived: boolean;
  }) => Promise<ActionResult<{ importId: string }>>;
}) {
  const router = useRouter();
  const [sides, setSides] = useState<(typeof SIDES)[number]["value"]>("customers");
  const [includeArchived, setIncludeArchived] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  return (
    <Form
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        startTransition(async () => {
          const result = await start({ sides, includeArchived });
          // Drop "?new=1": from here on the page follows the run.
          if (result.ok) router.replace("/xero/import");
          else setError(result.message);
        });
      }}
    >
      {error ? (
        <Alert tone="danger" role="alert">
          {error}
        </Alert>
      ) : null}
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">Import Xero contacts as</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-3">
          {SIDES.map((option) => (
            <label
              key={option.value}
              className="flex cursor-pointer gap-3 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-slate-900 has-[:checked]:bg-slate-50"
            >
              <input
                type="radio"
                name="sides"
                value={option.value}
                checked={sides === option.value}
                onChange={() => setSides(option.value)}
                className="mt-0.5"
              />
              <span>
                <span className="font-medium text-slate-900">{option.label}</span>
                <span className="block text-slate-500">{option.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={includeArchived}
          onChange={(event) => setIncludeArchived(event.target.checked)}
        />
        Include archived contacts (they are proposed as &ldquo;skip&rdquo;; you can change that)
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? "Starting…" : "Fetch contacts from Xero"}
      </Button>
    </Form>
  );
}
