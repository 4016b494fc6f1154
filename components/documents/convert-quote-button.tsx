"use client";

import { ArrowRightLeft } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/auth/action";
import { newIdempotencyKey } from "@/lib/ui/idempotency-key";

/** "Convert to sales order", asked first; one key per page view, so a double click converts once. */
export function ConvertQuoteButton({
  id,
  version,
  number,
  action,
}: {
  id: string;
  version: number;
  number: string;
  action: (input: {
    id: string;
    version: number;
    idempotencyKey: string;
  }) => Promise<ActionResult<{ id: string }>>;
}) {
  const router = useRouter();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-2">
      <ConfirmDialog
        tone="primary"
        trigger={
          <Button disabled={pending}>
            <ArrowRightLeft aria-hidden />
            Convert to sales order
          </Button>
        }
        title={`Convert ${number} to a sales order?`}
        description="A new sales order gets a copy of this quote's lines, and the quote is marked accepted. A quote converts once."
        confirmLabel="Convert"
        pending={pending}
        onConfirm={() =>
          startTransition(async () => {
            setMessage(null);
            const result = await action({ id, version, idempotencyKey });
            if (result.ok) router.push(`/sales-orders/${result.data.id}`);
            else setMessage(result.message);
          })
        }
      />
      {message ? (
        <Alert tone="danger" role="alert" className="max-w-md">
          {message}
        </Alert>
      ) : null}
    </div>
  );
}
