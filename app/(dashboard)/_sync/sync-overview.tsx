import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getDb } from "@/lib/db/client";
import { countDocumentSyncRows } from "@/lib/db/queries/sync-document-rows";
import { countSyncStates } from "@/lib/db/queries/sync-states";
import { NEEDS_ATTENTION_STATES } from "@/lib/sync/view";

/** What is waiting to reach Xero and what failed; admins also get a banner when a person must act. */
export async function SyncOverview({ isAdmin }: { isAdmin: boolean }) {
  const db = getDb();
  const counts = await countSyncStates(db);
  // Counted as the page it links to lists them, so the two always agree.
  const needsAttention = await countDocumentSyncRows(db, { states: NEEDS_ATTENTION_STATES });
  const waiting =
    counts.queued +
    counts.sending +
    counts.waiting_for_xero +
    counts.waiting_reconnect +
    counts.waiting_for_contact;
  const rows = [
    { label: "Sent", value: counts.sent },
    { label: "Queued or sending", value: counts.queued + counts.sending },
    { label: "Waiting for Xero (retrying)", value: counts.waiting_for_xero },
    { label: "Waiting: Xero disconnected", value: counts.waiting_reconnect },
    { label: "Waiting: contact not linked", value: counts.waiting_for_contact },
    { label: "Failed", value: counts.failed },
    { label: "Locked in Xero", value: counts.locked },
  ];
  return (
    <>
      {isAdmin && needsAttention > 0 ? (
        <Alert tone="warning" role="status" className="order-first md:col-span-2 xl:col-span-3">
          {needsAttention} {needsAttention === 1 ? "document needs" : "documents need"} attention before{" "}
          {needsAttention === 1 ? "it reaches" : "they reach"} Xero.{" "}
          <Link href="/xero/sync-log/attention" className="font-medium underline">
            Show {needsAttention === 1 ? "it" : "them"}
          </Link>
          {counts.waiting_reconnect > 0 ? (
            <>
              {" "}
              or{" "}
              <Link href="/xero" className="font-medium underline">
                reconnect Xero
              </Link>
            </>
          ) : null}
          .
        </Alert>
      ) : null}
      <Card aria-label="Documents in Xero">
        <CardHeader
          title="Documents in Xero"
          description={`${waiting} waiting · ${counts.failed} failed`}
          actions={
            <Link href="/xero/sync-log" className="text-sm font-medium text-blue-700 hover:underline">
              Sync log
            </Link>
          }
        />
        <CardBody>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
            {rows.map((row) => (
              <div key={row.label} className="contents">
                <dt className="text-slate-500">{row.label}</dt>
                <dd className="text-right font-medium text-slate-900 tabular-nums">{row.value}</dd>
              </div>
            ))}
          </dl>
        </CardBody>
      </Card>
    </>
  );
}
