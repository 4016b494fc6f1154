"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";

/** One button per status the document may move to by hand ("Mark as sent", "Confirm order"…). */
export function StatusActions<Status extends string>({
  id,
  version,
  choices,
  labels,
  action,
}: {
  id: string;
  version: number;
  choices: readonly Status[];
  labels: Record<Status, string>;
  action: (input: { id: string; version: number; status: Status }) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  if (choices.length === 0) return null;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        {choices.map((status) => (
          <Button
            key={status}
            variant="secondary"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                setMessage(null);
                const result = await action({ id, version, status });
                if (result.ok) router.refresh();
                else setMessage(result.message);
              })
            }
          >
            {labels[status]}
          </Button>
        ))}
      </div>
      {message ? (
        <Alert tone="danger" role="alert" className="max-w-md">
          {message}
        </Alert>
      ) : null}
    </div>
  );
}
