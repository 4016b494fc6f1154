"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { choiceToChange, type FilterAction, type RowChoice, type SetRowsAction } from "./row-action-select";

/** "Set every row shown to …": applies to all rows the current search and filter match, on every page. */
export function BulkActionBar({
  importId,
  shown,
  filter,
  setRows,
}: {
  importId: string;
  shown: number;
  filter: { search: string; action: FilterAction };
  setRows: SetRowsAction;
}) {
  const router = useRouter();
  const [choice, setChoice] = useState<RowChoice>("skip");
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor="bulk-action" className="text-slate-500">
        Set all {shown.toLocaleString("en-NZ")} shown to
      </label>
      <Select
        id="bulk-action"
        value={choice}
        className="h-8 w-auto text-xs"
        onChange={(event) => setChoice(event.target.value as RowChoice)}
      >
        <option value="link">Link to their match</option>
        <option value="create:customer">Create customer</option>
        <option value="create:supplier">Create supplier</option>
        <option value="skip">Skip</option>
      </Select>
      <Button
        size="sm"
        variant="secondary"
        disabled={pending || shown === 0}
        onClick={() =>
          startTransition(async () => {
            const result = await setRows({
              importId,
              target: { filter: { ...filter, outcome: "all" } },
              change: choiceToChange(choice),
            });
            setMessage(
              result.ok ? `${result.data.changed.toLocaleString("en-NZ")} rows changed.` : result.message,
            );
            router.refresh();
          })
        }
      >
        Apply
      </Button>
      {message ? (
        <span role="status" className="text-slate-500">
          {message}
        </span>
      ) : null}
    </div>
  );
}
