"use client";

import { Archive, ArchiveRestore, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/auth/action";

type TargetAction = (input: { id: string; version: number }) => Promise<ActionResult<unknown>>;

/**
 * Archive / unarchive and delete buttons for a record's page. Delete is offered only when nothing
 * refers to the record (`deleteBlocker` says why not otherwise) and asks first.
 */
export function RecordActions({
  noun,
  id,
  version,
  listHref,
  archive,
  remove,
}: {
  noun: string;
  id: string;
  version: number;
  listHref: string;
  archive?: { archived: boolean; onArchive: TargetAction; onUnarchive: TargetAction };
  remove: { action: TargetAction; blocker: string | null };
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);

  const run = (action: TargetAction, after: () => void) =>
    startTransition(async () => {
      setMessage(null);
      const result = await action({ id, version });
      if (result.ok) after();
      else setMessage(result.message);
    });

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap gap-2">
        {archive ? (
          archive.archived ? (
            <Button
              variant="secondary"
              disabled={pending}
              onClick={() => run(archive.onUnarchive, () => router.refresh())}
            >
              <ArchiveRestore aria-hidden />
              Unarchive
            </Button>
          ) : (
            <ConfirmDialog
              trigger={
                <Button variant="secondary" disabled={pending}>
                  <Archive aria-hidden />
                  Archive
                </Button>
              }
              title={`Archive this ${noun}?`}
              description={`It disappears from lists and pickers; its documents and history stay. You can unarchive it at any time.`}
              confirmLabel="Archive"
              tone="primary"
              pending={pending}
              onConfirm={() => run(archive.onArchive, () => router.refresh())}
            />
          )
        ) : null}
        {remove.blocker === null ? (
          <ConfirmDialog
            trigger={
              <Button variant="danger" disabled={pending}>
                <Trash2 aria-hidden />
                Delete
              </Button>
            }
            title={`Delete this ${noun}?`}
            description="Nothing refers to it yet, so it can be removed for good. This cannot be undone."
            confirmLabel="Delete"
            pending={pending}
            onConfirm={() =>
              run(remove.action, () => {
                router.push(listHref);
                router.refresh();
              })
            }
          />
        ) : null}
      </div>
      {message ? (
        <Alert tone="danger" role="alert" className="max-w-md">
          {message}
        </Alert>
      ) : null}
    </div>
  );
}
