"use client";

import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";
import type { SyncDocumentType } from "@/lib/db/schema";

/** Retries one document from the sync log. */
export function RetryButton({
  type,
  id,
  label,
  action,
}: {
  type: SyncDocumentType;
  id: string;
  label: string;
  action: (input: { type: SyncDocumentType; id: string; resend: boolean }) => Promise<ActionResult<void>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        aria-label={`Retry ${label}`}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await action({ type, id, resend: false });
            setError(result.ok ? null : result.message);
            router.refresh();
          })
        }
      >
        <RefreshCw aria-hidden />
        Retry
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </>
  );
}

/** Re-queues every failed document. */
export function RetryAllFailedButton({
  action,
}: {
  action: (input: Record<string, never>) => Promise<ActionResult<{ count: number }>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      {message ? (
        <span role="status" aria-live="polite" className="text-sm text-slate-600">
          {message}
        </span>
      ) : null}
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await action({});
            setMessage(result.ok ? `Queued ${result.data.count} failed documents again.` : result.message);
            router.refresh();
          })
        }
      >
        <RefreshCw aria-hidden />
        Retry all failed
      </Button>
    </span>
  );
}
