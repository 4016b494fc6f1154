import type { Metadata } from "next";
import Link from "next/link";
import { RetryButton } from "@/components/sync/retry-buttons";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { countDocumentSyncRows, listDocumentSyncRows } from "@/lib/db/queries/sync-document-rows";
import {
  documentHref,
  NEEDS_ATTENTION_STATES,
  SYNC_DOCUMENT_LABELS,
  SYNC_STATE_LABELS,
  SYNC_STATE_TONES,
} from "@/lib/sync/view";
import { formatDateTime } from "@/lib/ui/dates";
import { getTimeZone } from "@/lib/ui/time-zone";
import { sendToXero } from "../../../_sync/actions";

export const metadata: Metadata = { title: "Needs attention" };

/** The most listed at once; the heading says how many there are in all. */
const LIMIT = 500;

/**
 * The documents the overview counts as needing attention, whatever the reason (Xero refused one, a
 * contact to link, Xero disconnected), each with what to do about it. Staff and admins.
 */
export default async function NeedsAttentionPage() {
  const user = await requireUser();
  const db = getDb();
  const filter = { states: NEEDS_ATTENTION_STATES };
  const [rows, total] = await Promise.all([
    listDocumentSyncRows(db, filter, LIMIT),
    countDocumentSyncRows(db, filter),
  ]);
  const timeZone = await getTimeZone();
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/xero/sync-log" className="hover:underline">
            Sync log
          </Link>
        }
        title="Needs attention"
        description={
          total === 0
            ? "Nothing is waiting for a person."
            : `${total} ${total === 1 ? "document waits" : "documents wait"} for a person before reaching Xero${total > rows.length ? ` (the latest ${rows.length} shown)` : ""}.`
        }
      />
      <Card>
        {rows.length === 0 ? (
          <EmptyState
            title="Nothing needs attention"
            description="Every document is in Xero or on its way."
          />
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>Document</Th>
                <Th className="hidden sm:table-cell">State</Th>
                <Th className="hidden sm:table-cell">Why</Th>
                <Th className="hidden lg:table-cell">Since</Th>
                <Th>
                  <span className="sr-only">What to do</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const label = `${SYNC_DOCUMENT_LABELS[row.recordType]} ${row.number}`;
                return (
                  <Tr key={`${row.recordType}:${row.recordId}`}>
                    <Td>
                      <Link
                        href={documentHref(row.recordType, row.recordId)}
                        className="font-medium whitespace-nowrap hover:underline"
                      >
                        {label}
                      </Link>
                      <span className="mt-1 flex flex-col items-start gap-1 sm:hidden">
                        <Badge tone={SYNC_STATE_TONES[row.state]}>{SYNC_STATE_LABELS[row.state]}</Badge>
                        <span className="break-words text-slate-700">{row.lastError}</span>
                      </span>
                    </Td>
                    <Td className="hidden sm:table-cell">
                      <Badge tone={SYNC_STATE_TONES[row.state]} className="whitespace-nowrap">
                        {SYNC_STATE_LABELS[row.state]}
                      </Badge>
                    </Td>
                    <Td className="hidden min-w-48 break-words text-slate-700 sm:table-cell">
                      {row.lastError}
                    </Td>
                    <Td className="hidden whitespace-nowrap text-slate-600 lg:table-cell">
                      <time dateTime={row.updatedAt.toISOString()}>
                        {formatDateTime(row.updatedAt, timeZone)}
                      </time>
                    </Td>
                    <Td>
                      {row.state === "failed" ? (
                        <RetryButton
                          type={row.recordType}
                          id={row.recordId}
                          label={label}
                          action={sendToXero}
                        />
                      ) : row.state === "waiting_reconnect" && user.role === "admin" ? (
                        <Link href="/xero" className="text-sm font-medium text-blue-700 hover:underline">
                          Reconnect Xero
                        </Link>
                      ) : row.state === "waiting_for_contact" ? (
                        <Link
                          href={documentHref(row.recordType, row.recordId)}
                          className="text-sm font-medium text-blue-700 hover:underline"
                        >
                          Link the contact
                        </Link>
                      ) : null}
                    </Td>
                  </Tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
