"use client";

import { Send } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";
import type { SyncDocumentType } from "@/lib/db/schema";

/** "Send all unsent" for one document type: queues one bulk job (batches of 50) and says so. */
export function SendAllUnsentButton({
  type,
  label,
  action,
}: {
  type: SyncDocumentType;
  label: string;
  action: (input: { type: SyncDocumentType }) => Promise<ActionResult<void>>;
}) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await action({ type });
            setMessage(result.ok ? "Queued: each document's Xero card shows how it went." : result.message);
          })
        }
      >
        <Send aria-hidden />
        {label}
      </Button>
      {message ? (
        <span role="status" aria-live="polite" className="text-sm text-slate-600">
          {message}
        </span>
      ) : null}
    </span>
  );
}
