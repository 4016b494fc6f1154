"use client";

import { Ban } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/auth/action";

/**
 * "Void" on an invoice, bill or credit note page (administrators only; the action checks the role
 * again): asks first, saying what voiding does in Factory and in Xero, then shows the action's refusal
 * if any.
 */
export function VoidDocumentButton({
  id,
  version,
  name,
  orderNumber,
  done,
  inXero,
  description,
  action,
}: {
  id: string;
  version: number;
  /** "Invoice SI-00012" */
  name: string;
  orderNumber?: string;
  /** "invoiced" or "billed" */
  done?: string;
  /** Whether Xero holds the document, so the dialog says what happens there. */
  inXero: boolean;
  /** What voiding does, for a document that is not an order's (a credit note); "can't be undone" follows. */
  description?: ReactNode;
  action: (input: { id: string; version: number }) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-2">
      <ConfirmDialog
        trigger={
          <Button variant="secondary" className="text-red-700" disabled={pending}>
            <Ban aria-hidden />
            Void
          </Button>
        }
        title={`Void ${name}?`}
        description={
          description ? (
            <>{description} This can&apos;t be undone.</>
          ) : (
            <>
              {name} stays in Factory marked voided, and its quantities go back to order {orderNumber} to be{" "}
              {done} again.{" "}
              {inXero
                ? "Xero voids its copy too (or deletes it, if Xero holds it unapproved), unless it has payments there."
                : "It was never sent to Xero, so nothing changes there."}{" "}
              This can&apos;t be undone.
            </>
          )
        }
        confirmLabel={pending ? "Voiding…" : "Void"}
        pending={pending}
        onConfirm={() =>
          startTransition(async () => {
            setMessage(null);
            const result = await action({ id, version });
            if (result.ok) router.refresh();
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
