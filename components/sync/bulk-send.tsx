"use client";

import { Send, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";
import type { SyncDocumentType } from "@/lib/db/schema";
import type { BulkDocument, BulkProgress, BulkRun } from "@/lib/sync/bulk-progress";
import { SYNC_DOCUMENT_LABELS } from "@/lib/sync/view";

/** How often a running "Send all unsent" is asked how far it has got. */
const POLL_MS = 1000;

type ProgressAction = (input: {
  type: SyncDocumentType;
  ids: string[];
  since: string;
}) => Promise<ActionResult<BulkProgress>>;

interface Run extends BulkRun {
  type: SyncDocumentType;
  /** The documents in words, plural: "sales orders". */
  noun: string;
  progress: BulkProgress | null;
}

const BulkSendContext = createContext<{
  start: (run: Run) => void;
  runs: Run[];
  dismiss: (type: SyncDocumentType) => void;
} | null>(null);

const isDone = (run: Run) => run.ids.length === 0 || (run.progress !== null && run.progress.onItsWay === 0);

/**
 * Holds a list page's "Send all unsent" runs and follows them until every document has settled:
 * asks `progress` every second and re-renders the page (its rows' Xero states) when anything moved.
 */
export function BulkSendArea({ progress, children }: { progress: ProgressAction; children: ReactNode }) {
  const router = useRouter();
  const [runs, setRuns] = useState<Run[]>([]);

  // Each answer sets the runs anew, which schedules the next question a second later.
  useEffect(() => {
    const running = runs.filter((run) => !isDone(run));
    if (running.length === 0) return;
    let cancelled = false;
    const poll = async () => {
      const updates = await Promise.all(
        running.map(async (run) => ({
          type: run.type,
          result: await progress({ type: run.type, ids: run.ids, since: run.since }),
        })),
      );
      if (cancelled) return;
      setRuns((current) =>
        current.map((run) => {
          const update = updates.find((u) => u.type === run.type);
          return update?.result.ok ? { ...run, progress: update.result.data } : run;
        }),
      );
      router.refresh();
    };
    const timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [runs, progress, router]);

  const start = (run: Run) => setRuns((current) => [...current.filter((r) => r.type !== run.type), run]);
  const dismiss = (type: SyncDocumentType) => setRuns((current) => current.filter((r) => r.type !== type));
  return <BulkSendContext.Provider value={{ start, runs, dismiss }}>{children}</BulkSendContext.Provider>;
}

/** "Send all unsent" for one document type: queues one bulk job (batches of 50); the list shows how it goes. */
export function SendAllUnsentButton({
  type,
  label,
  action,
}: {
  type: SyncDocumentType;
  label: string;
  action: (input: { type: SyncDocumentType }) => Promise<ActionResult<BulkRun>>;
}) {
  const area = useContext(BulkSendContext);
  const noun = `${SYNC_DOCUMENT_LABELS[type].toLowerCase()}s`;
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const running = area?.runs.some((run) => run.type === type && !isDone(run)) ?? false;
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        disabled={pending || running}
        onClick={() =>
          startTransition(async () => {
            const result = await action({ type });
            setError(result.ok ? null : result.message);
            if (result.ok) area?.start({ ...result.data, type, noun, progress: null });
          })
        }
      >
        <Send aria-hidden />
        {label}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}

function DocumentLinks({ title, documents }: { title: string; documents: BulkDocument[] }) {
  if (documents.length === 0) return null;
  return (
    <div>
      <h3 className="font-medium text-slate-900">{title}</h3>
      <ul className="mt-1 space-y-1">
        {documents.map((doc) => (
          <li key={doc.id} className="break-words">
            <Link href={doc.href} className="font-mono text-xs font-medium text-slate-900 underline">
              {doc.number}
            </Link>{" "}
            <span className="text-slate-500">{doc.stateLabel}</span>
            {doc.message ? <span className="text-slate-700"> · {doc.message}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function RunPanel({ run, onDismiss }: { run: Run; onDismiss: () => void }) {
  const done = isDone(run);
  const total = run.ids.length;
  const p = run.progress;
  const settled = p ? total - p.onItsWay : 0;
  const summary =
    total === 0
      ? `Nothing to send: every ${run.noun.replace(/s$/, "")} is in Xero or on its way.`
      : !p
        ? `Queued ${total} unsent ${run.noun} for Xero…`
        : done
          ? `Done: ${p.sent} sent, ${p.waiting.length} waiting, ${p.failed.length} failed, of ${total} ${run.noun}.`
          : `Sending ${total} ${run.noun} to Xero: ${p.sent} sent, ${p.onItsWay} on their way, ${p.waiting.length} waiting, ${p.failed.length} failed.`;
  return (
    <section
      aria-label={`Send unsent ${run.noun}`}
      className="mb-4 space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
    >
      <div className="flex items-start justify-between gap-3">
        <p role="status" aria-live="polite" className="font-medium text-slate-900">
          {summary}
        </p>
        {done ? (
          <Button variant="ghost" size="sm" onClick={onDismiss} aria-label={`Close: send unsent ${run.noun}`}>
            <X aria-hidden />
          </Button>
        ) : null}
      </div>
      {total > 0 ? (
        <div
          role="progressbar"
          aria-label={`Unsent ${run.noun} settled`}
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={settled}
          className="h-2 overflow-hidden rounded-full bg-slate-100"
        >
          <div
            className="h-full bg-blue-600 transition-all"
            style={{ width: `${(settled / total) * 100}%` }}
          />
        </div>
      ) : null}
      {p ? (
        <>
          <DocumentLinks title="Failed" documents={p.failed} />
          <DocumentLinks title="Waiting" documents={p.waiting} />
        </>
      ) : null}
    </section>
  );
}

/** The list's panel of "Send all unsent" runs: progress, then what was sent, waits and failed, with links. */
export function BulkSendProgress() {
  const area = useContext(BulkSendContext);
  if (!area || area.runs.length === 0) return null;
  return (
    <>
      {area.runs.map((run) => (
        <RunPanel key={run.type} run={run} onDismiss={() => area.dismiss(run.type)} />
      ))}
    </>
  );
}
