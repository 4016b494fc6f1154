import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/lib/db/client";
import { listAudit } from "@/lib/db/queries/audit";
import { findUserNames } from "@/lib/db/queries/document-lookups";
import { listSyncLog } from "@/lib/db/queries/sync-states";
import type { SyncDocumentType } from "@/lib/db/schema";
import { documentHistory, type HistoryEntry } from "@/lib/factory/document-history";
import { cn } from "@/lib/ui/cn";
import { formatDateTime } from "@/lib/ui/dates";
import { getTimeZone } from "@/lib/ui/time-zone";

const HISTORY_LIMIT = 50;

const DOT: Record<HistoryEntry["tone"], string> = {
  neutral: "bg-slate-400",
  success: "bg-emerald-500",
  warning: "bg-amber-500",
  danger: "bg-red-500",
};

/** A document's history card: who changed what, and how each send to Xero went, newest first. */
export async function DocumentHistory({
  type,
  id,
  origin,
}: {
  type: SyncDocumentType;
  id: string;
  /** What the document was made from, e.g. "from sales order SO-00012". */
  origin?: string;
}) {
  const db = getDb();
  const [audit, log] = await Promise.all([
    listAudit(db, { entityType: type, entityId: id, limit: HISTORY_LIMIT }),
    listSyncLog(db, { recordType: type, recordId: id, limit: HISTORY_LIMIT }),
  ]);
  const names = await findUserNames(
    db,
    audit.map((event) => event.userId),
  );
  const entries = documentHistory(audit, log, names, origin);
  const timeZone = await getTimeZone();
  return (
    <Card aria-label="History">
      <CardHeader title="History" />
      {entries.length === 0 ? (
        <EmptyState title="Nothing has happened to it yet" />
      ) : (
        <ol className="divide-y divide-slate-100">
          {entries.map((entry) => (
            <li key={entry.id} className="flex gap-3 px-5 py-3 text-sm">
              <span aria-hidden className={cn("mt-1.5 size-2 shrink-0 rounded-full", DOT[entry.tone])} />
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap justify-between gap-x-3 gap-y-0.5">
                  <span className="font-medium text-slate-900">{entry.title}</span>
                  <time dateTime={entry.at.toISOString()} className="text-slate-500 tabular-nums">
                    {formatDateTime(entry.at, timeZone)}
                  </time>
                </p>
                {entry.details.map((detail, index) => (
                  <p key={`${entry.id}-${index}`} className="mt-0.5 break-words text-slate-600">
                    {detail}
                  </p>
                ))}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
