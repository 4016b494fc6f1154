import type { Metadata } from "next";
import Link from "next/link";
import { RetryAllFailedButton, RetryButton } from "@/components/sync/retry-buttons";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { CursorPagination } from "@/components/ui/pagination";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import {
  formatSyncLogCursor,
  listSyncLogPage,
  parseSyncLogCursor,
  type SyncLogCursor,
} from "@/lib/db/queries/sync-log-pages";
import type { SyncLogRow } from "@/lib/db/queries/sync-states";
import { syncDocumentType, syncOutcome, type SyncDocumentType, type SyncOutcome } from "@/lib/db/schema";
import { SYNC_DOCUMENT_LABELS } from "@/lib/sync/view";
import { listHref, readChoice, readParam, type SearchParams } from "@/lib/ui/list-params";
import { formatDateTime } from "@/lib/ui/dates";
import { getTimeZone } from "@/lib/ui/time-zone";
import { retryAllFailed, sendToXero } from "../../_sync/actions";

export const metadata: Metadata = { title: "Sync log" };

const OUTCOME_TONES: Record<SyncOutcome, "success" | "info" | "danger" | "warning" | "neutral"> = {
  success: "success",
  retrying: "info",
  failed: "danger",
  waiting: "warning",
  locked: "neutral",
  skipped: "neutral",
};

/** Where a log entry's record is shown: its own page. */
function recordHref(entry: SyncLogRow): string | null {
  switch (entry.recordType) {
    case "quote":
      return `/quotes/${entry.recordId}`;
    case "sales_order":
      return `/sales-orders/${entry.recordId}`;
    case "purchase_order":
      return `/purchase-orders/${entry.recordId}`;
    case "invoice":
      return entry.salesOrderId ? `/invoices/${entry.recordId}` : null;
    case "bill":
      return entry.purchaseOrderId ? `/bills/${entry.recordId}` : null;
    case "credit_note":
    case "supplier_credit":
      return `/credit-notes/${entry.recordId}`;
  }
}

/** Attempts per page: the whole log made a 1.4 MB page at 200 rows (issue 14). */
const PAGE_SIZE = 50;
const PATH = "/xero/sync-log";

const isoDate = (value: string | string[] | undefined) =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;

/** Every attempt to send a document to Xero, newest first, with filters and retry (staff and admins). */
export default async function SyncLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser();
  const timeZone = await getTimeZone();
  const params = await searchParams;
  const type = readChoice<SyncDocumentType | "">(params, "type", ["", ...syncDocumentType.enumValues], "");
  const outcome = readChoice<SyncOutcome | "">(params, "outcome", ["", ...syncOutcome.enumValues], "");
  const from = isoDate(params.from);
  const to = isoDate(params.to);
  const before = parseSyncLogCursor(readParam(params, "before"));
  const after = before ? undefined : parseSyncLogCursor(readParam(params, "after"));
  const page = await listSyncLogPage(
    getDb(),
    { recordType: type || undefined, outcome: outcome || undefined, from, to },
    { pageSize: PAGE_SIZE, before, after },
  );
  const entries = page.rows;
  // The filters stay in every page's link; a page link replaces the other direction's cursor.
  const filters = { type, outcome, from: from ?? "", to: to ?? "" };
  const pageHref = (direction: "before" | "after", cursor: SyncLogCursor | undefined) =>
    cursor
      ? listHref(PATH, filters, {
          before: direction === "before" ? formatSyncLogCursor(cursor) : "",
          after: direction === "after" ? formatSyncLogCursor(cursor) : "",
        })
      : undefined;

  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/xero" className="hover:underline">
            Xero
          </Link>
        }
        title="Sync log"
        description="Every attempt to send a document to Xero, with Xero's own message."
        actions={<RetryAllFailedButton action={retryAllFailed} />}
      />
      <Card>
        <form
          className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3 text-sm"
          method="get"
        >
          <label className="flex flex-col gap-1">
            Record type
            <select name="type" defaultValue={type} className="h-9 rounded-md border border-slate-300 px-2">
              <option value="">All types</option>
              {syncDocumentType.enumValues.map((value) => (
                <option key={value} value={value}>
                  {SYNC_DOCUMENT_LABELS[value]}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            Outcome
            <select
              name="outcome"
              defaultValue={outcome}
              className="h-9 rounded-md border border-slate-300 px-2"
            >
              <option value="">All outcomes</option>
              {syncOutcome.enumValues.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            From
            <input
              type="date"
              name="from"
              defaultValue={from}
              className="h-9 rounded-md border border-slate-300 px-2"
            />
          </label>
          <label className="flex flex-col gap-1">
            To
            <input
              type="date"
              name="to"
              defaultValue={to}
              className="h-9 rounded-md border border-slate-300 px-2"
            />
          </label>
          <button type="submit" className="h-9 rounded-md border border-slate-300 bg-white px-4 font-medium">
            Filter
          </button>
        </form>
        {entries.length === 0 ? (
          <p className="px-5 py-8 text-center text-sm text-slate-500">No attempts match.</p>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Record</Th>
                <Th>Operation</Th>
                <Th>Outcome</Th>
                <Th>Took</Th>
                <Th>Attempt</Th>
                <Th>Xero&apos;s message</Th>
                <Th>
                  <span className="sr-only">Retry</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const href = recordHref(entry);
                const label = `${SYNC_DOCUMENT_LABELS[entry.recordType]} ${entry.recordNumber ?? ""}`;
                return (
                  <Tr key={entry.id}>
                    <Td className="whitespace-nowrap">
                      <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at, timeZone)}</time>
                    </Td>
                    <Td className="whitespace-nowrap">
                      {href ? (
                        <Link href={href} className="font-medium hover:underline">
                          {label}
                        </Link>
                      ) : (
                        label
                      )}
                    </Td>
                    <Td>{entry.operation}</Td>
                    <Td>
                      <Badge tone={OUTCOME_TONES[entry.outcome]}>{entry.outcome}</Badge>
                    </Td>
                    <Td className="whitespace-nowrap">{entry.durationMs} ms</Td>
                    <Td>{entry.attempt}</Td>
                    <Td className="min-w-80 break-words text-slate-700">{entry.message}</Td>
                    <Td>
                      {entry.outcome === "failed" ? (
                        <RetryButton
                          type={entry.recordType}
                          id={entry.recordId}
                          label={label}
                          action={sendToXero}
                        />
                      ) : null}
                    </Td>
                  </Tr>
                );
              })}
            </tbody>
          </Table>
        )}
        <CursorPagination
          summary={
            entries.length === 0
              ? "No attempts"
              : `${entries.length} attempt${entries.length === 1 ? "" : "s"}, newest first`
          }
          previousHref={pageHref("after", page.newer)}
          nextHref={pageHref("before", page.older)}
        />
      </Card>
    </>
  );
}
