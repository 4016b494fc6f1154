"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Select } from "@/components/ui/input";
import type { ActionResult } from "@/lib/auth/action";

export type RowChoice = "link" | "create:customer" | "create:supplier" | "skip";

export type SetRowsAction = (input: {
  importId: string;
  target: { rowIds: string[] } | { filter: { search: string; action: FilterAction; outcome: "all" } };
  change: { action?: "link" | "create" | "skip"; side?: "customer" | "supplier" };
}) => Promise<ActionResult<{ changed: number }>>;

export type FilterAction = "all" | "link" | "create" | "skip" | "already_linked";

export function choiceToChange(choice: RowChoice): {
  action: "link" | "create" | "skip";
  side?: "customer" | "supplier";
} {
  if (choice === "create:customer") return { action: "create", side: "customer" };
  if (choice === "create:supplier") return { action: "create", side: "supplier" };
  return { action: choice };
}

/** One review row's action: link to its match, create a customer or supplier, or skip. */
export function RowActionSelect({
  importId,
  rowId,
  contactName,
  value,
  linkLabel,
  setRows,
}: {
  importId: string;
  rowId: string;
  contactName: string;
  value: RowChoice;
  /** "Link to C-00042 Acme", when the row has a proposed Factory record. */
  linkLabel: string | null;
  setRows: SetRowsAction;
}) {
  const router = useRouter();
  const [choice, setChoice] = useState(value);
  const [pending, startTransition] = useTransition();
  return (
    <Select
      aria-label={`Action for ${contactName}`}
      value={choice}
      disabled={pending}
      className="h-8 w-auto max-w-64 text-xs"
      onChange={(event) => {
        const next = event.target.value as RowChoice;
        setChoice(next);
        startTransition(async () => {
          const result = await setRows({
            importId,
            target: { rowIds: [rowId] },
            change: choiceToChange(next),
          });
          if (!result.ok) setChoice(value);
          router.refresh();
        });
      }}
    >
      {linkLabel ? <option value="link">{linkLabel}</option> : null}
      <option value="create:customer">Create customer</option>
      <option value="create:supplier">Create supplier</option>
      <option value="skip">Skip</option>
    </Select>
  );
}
