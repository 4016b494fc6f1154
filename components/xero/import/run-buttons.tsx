"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/auth/action";

type RunAction = (input: { importId: string }) => Promise<ActionResult<void>>;

export function CancelImportButton({ importId, cancel }: { importId: string; cancel: RunAction }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" disabled={pending}>
          Cancel import
        </Button>
      }
      title="Cancel this import?"
      description="Nothing has been created or linked yet by this import; the fetched contacts are discarded."
      confirmLabel="Cancel import"
      onConfirm={() =>
        startTransition(async () => {
          await cancel({ importId });
          router.refresh();
        })
      }
      pending={pending}
    />
  );
}

export function StartImportingButton({
  importId,
  start,
  count,
}: {
  importId: string;
  start: RunAction;
  count: number;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await start({ importId });
          router.refresh();
        })
      }
    >
      Import {count.toLocaleString("en-NZ")} contacts
    </Button>
  );
}
