import type { ReactNode } from "react";
import { Plus } from "lucide-react";
import Link from "next/link";
import { BulkSendArea, BulkSendProgress } from "@/components/sync/bulk-send";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ListFilter, ListSearch, SortableTh } from "@/components/ui/list-controls";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { XeroNumber } from "@/components/xero/xero-number";
import { requireUser } from "@/lib/auth/session";
import {
  DOCUMENT_SORTS,
  XERO_LIST_STATES,
  type DocumentListQuery,
  type DocumentListRow,
  type DocumentSort,
  type XeroListState,
} from "@/lib/db/queries/document-list";
import type { Page } from "@/lib/db/queries/search";
import { statusTone } from "@/lib/factory/document-status";
import { formatMoney } from "@/lib/factory/money";
import { SYNC_STATE_LABELS, SYNC_STATE_TONES } from "@/lib/sync/view";
import { cn } from "@/lib/ui/cn";
import { listHref, readChoice, readPage, readSearch, type SearchParams } from "@/lib/ui/list-params";
import { dayIn, formatDay } from "@/lib/ui/dates";
import { getTimeZone } from "@/lib/ui/time-zone";
import { PAYMENT_FILTER_LABELS, PAYMENT_FILTERS, paymentView, type PaymentFilter } from "@/lib/sync/payment";
import { bulkSendProgress } from "../_sync/actions";

const PAGE_SIZE = 25;

const XERO_FILTER_LABELS: Record<XeroListState, string> = {
  sent: "Sent",
  waiting: "Waiting",
  failed: "Failed",
  locked: "Locked in Xero",
  not_sent: "Not sent",
};

/**
 * A row's Xero number (labelled as Xero's) and its sync state; a document never evented is not sent.
 * Invoices and bills also show Xero's payment state (Paid, Partly paid, Overdue, Awaiting payment).
 */
function XeroCell({
  row,
  today,
  className,
}: {
  row: DocumentListRow<string>;
  /** Set on lists that show payments: the organisation's day. */
  today?: string;
  className?: string;
}) {
  const state = row.xeroState ?? "not_sent";
  const payment = today ? paymentView(row, today) : null;
  return (
    <span className={cn("flex flex-wrap items-center gap-x-2 gap-y-1", className)}>
      {row.xeroNumber ? <XeroNumber number={row.xeroNumber} /> : null}
      <Badge tone={SYNC_STATE_TONES[state]}>{SYNC_STATE_LABELS[state]}</Badge>
      {payment ? <Badge tone={payment.tone}>{payment.label}</Badge> : null}
    </span>
  );
}

export interface DocumentListConfig<Status extends string> {
  path: string;
  one: string;
  many: string;
  party: "Customer" | "Supplier";
  dateLabel: string;
  statuses: readonly Status[];
  statusLabels: Record<Status, string>;
  list: (query: DocumentListQuery<Status>) => Promise<Page<DocumentListRow<Status>>>;
  /** More header buttons, before "New …" (e.g. "Send all unsent"). */
  extraActions?: ReactNode;
  /**
   * Invoices and bills are made from an order, never new on their own: the list has no "New …"
   * button, shows each one's order, and its empty state leads to the orders.
   */
  madeFrom?: {
    /** The order column's heading, e.g. "Sales order". */
    column: string;
    many: string;
    path: string;
    /** How one is made, for the empty list. */
    how: string;
  };
  /** What the search matches, for its placeholder. */
  searchPlaceholder?: string;
  /** Invoices and bills: Xero's payment state on each row and the payment filter. */
  payments?: boolean;
  /**
   * One list page showing one of several kinds (credit notes: customer credits, supplier credits):
   * the URL parameter naming the kind, kept on every link the list makes, and a link to each view.
   */
  views?: { param: string; value: string; options: { value: string; label: string; href: string }[] };
}

/** A document list (quotes, orders, invoices, bills): search, filters and sort in the URL, paged on the server. */
export async function DocumentListPage<Status extends string>({
  config,
  searchParams,
}: {
  config: DocumentListConfig<Status>;
  searchParams: SearchParams;
}) {
  await requireUser();
  const today = config.payments ? dayIn(new Date(), await getTimeZone()) : undefined;
  const query: DocumentListQuery<Status> = {
    search: readSearch(searchParams),
    status: readChoice<Status | "all">(searchParams, "status", [...config.statuses, "all"], "all"),
    xero: readChoice<XeroListState | "all">(searchParams, "xero", [...XERO_LIST_STATES, "all"], "all"),
    payment: config.payments
      ? readChoice<PaymentFilter | "all">(searchParams, "payment", [...PAYMENT_FILTERS, "all"], "all")
      : "all",
    today,
    sort: readChoice(searchParams, "sort", DOCUMENT_SORTS, "date"),
    direction: readChoice(searchParams, "dir", ["asc", "desc"], "desc"),
    page: readPage(searchParams),
    pageSize: PAGE_SIZE,
  };
  const { rows, total } = await config.list(query);
  const { path, one, many, madeFrom } = config;
  const current = {
    q: query.search,
    status: query.status === "all" ? "" : query.status,
    xero: query.xero === "all" ? "" : query.xero,
    payment: query.payment === "all" || !query.payment ? "" : query.payment,
    sort: query.sort === "date" ? "" : query.sort,
    dir: query.direction === "desc" ? "" : query.direction,
    page: String(query.page),
    ...(config.views ? { [config.views.param]: config.views.value } : {}),
  };
  const sortHref = (sort: DocumentSort) =>
    listHref(path, current, {
      sort: sort === "date" ? "" : sort,
      dir: query.sort === sort && query.direction === "desc" ? "asc" : "",
    });
  const sortDirection = (sort: DocumentSort) => (query.sort === sort ? query.direction : undefined);
  const filtered =
    query.search !== "" || query.status !== "all" || query.xero !== "all" || current.payment !== "";
  const title = many[0]!.toUpperCase() + many.slice(1);

  return (
    <BulkSendArea progress={bulkSendProgress}>
      <PageHeader
        title={title}
        description={`${total.toLocaleString("en-NZ")} ${total === 1 ? one : many}${filtered ? " match" : ""}`}
        actions={
          <>
            {config.extraActions}
            {madeFrom ? null : (
              <Button asChild>
                <Link href={`${path}/new`}>
                  <Plus aria-hidden />
                  New {one}
                </Link>
              </Button>
            )}
          </>
        }
      />
      <BulkSendProgress />
      {config.views ? (
        <nav aria-label={`${title} to show`} className="mb-4 flex flex-wrap gap-2">
          {config.views.options.map((option) => {
            const active = option.value === config.views?.value;
            return (
              <Link
                key={option.value}
                href={option.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "rounded-md border px-3 py-1.5 text-sm font-medium focus-visible:ring-2 focus-visible:ring-slate-400 focus-visible:outline-none",
                  active
                    ? "border-slate-900 bg-slate-900 text-white"
                    : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
                )}
              >
                {option.label}
              </Link>
            );
          })}
        </nav>
      ) : null}
      <Card>
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
          <ListSearch
            label={`Search ${many}`}
            placeholder={
              config.searchPlaceholder ?? `Search number, reference or ${config.party.toLowerCase()}`
            }
          />
          <ListFilter
            name="status"
            label="Status"
            value={current.status}
            options={[
              { value: "", label: "Any status" },
              ...config.statuses.map((status) => ({ value: status, label: config.statusLabels[status] })),
            ]}
          />
          <ListFilter
            name="xero"
            label="Xero"
            value={current.xero}
            options={[
              { value: "", label: "Any Xero state" },
              ...XERO_LIST_STATES.map((state) => ({ value: state, label: XERO_FILTER_LABELS[state] })),
            ]}
          />
          {config.payments ? (
            <ListFilter
              name="payment"
              label="Payment"
              value={current.payment}
              options={[
                { value: "", label: "Any payment" },
                ...PAYMENT_FILTERS.map((filter) => ({ value: filter, label: PAYMENT_FILTER_LABELS[filter] })),
              ]}
            />
          ) : null}
        </div>
        {rows.length === 0 ? (
          <EmptyState
            title={filtered ? `No ${many} match` : `No ${many} yet`}
            description={
              filtered
                ? "Try another search or filter."
                : madeFrom
                  ? madeFrom.how
                  : `Create your first ${one} to get started.`
            }
            action={
              filtered ? (
                <Button variant="secondary" asChild>
                  <Link
                    href={
                      config.views ? listHref(path, { [config.views.param]: config.views.value }, {}) : path
                    }
                  >
                    Clear search and filters
                  </Link>
                </Button>
              ) : madeFrom ? (
                <Button variant="secondary" asChild>
                  <Link href={madeFrom.path}>Go to {madeFrom.many}</Link>
                </Button>
              ) : undefined
            }
          />
        ) : (
          <Table>
            <thead>
              <tr>
                <SortableTh href={sortHref("number")} direction={sortDirection("number")} className="w-32">
                  Number
                </SortableTh>
                <SortableTh
                  href={sortHref("date")}
                  direction={sortDirection("date")}
                  className="hidden w-32 md:table-cell"
                >
                  {config.dateLabel}
                </SortableTh>
                <SortableTh href={sortHref("party")} direction={sortDirection("party")}>
                  {config.party}
                </SortableTh>
                {madeFrom ? <Th className="hidden w-32 lg:table-cell">{madeFrom.column}</Th> : null}
                <SortableTh
                  href={sortHref("total")}
                  direction={sortDirection("total")}
                  className="hidden w-40 text-right sm:table-cell"
                >
                  Total
                </SortableTh>
                <Th className="hidden w-36 sm:table-cell">Status</Th>
                <Th className="hidden w-56 sm:table-cell">Xero</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Tr key={row.id}>
                  <Td>
                    <Link
                      href={`${path}/${row.id}`}
                      className="font-mono text-xs font-medium text-slate-900 hover:underline"
                    >
                      {row.number}
                    </Link>
                    <span className="mt-1 flex flex-col items-start gap-1 sm:hidden">
                      <Badge tone={statusTone(row.status)}>{config.statusLabels[row.status]}</Badge>
                      <XeroCell row={row} today={today} />
                    </span>
                  </Td>
                  <Td className="hidden text-slate-600 tabular-nums md:table-cell">{formatDay(row.date)}</Td>
                  <Td>
                    <span className="text-slate-900">{row.partyName}</span>
                    {row.reference ? (
                      <span className="ml-2 text-xs break-words text-slate-500">{row.reference}</span>
                    ) : null}
                    <span className="mt-1 block font-medium text-slate-900 tabular-nums sm:hidden">
                      {formatMoney(row.total, row.currency)}
                    </span>
                  </Td>
                  {madeFrom ? (
                    <Td className="hidden lg:table-cell">
                      {row.order ? (
                        <Link
                          href={`${madeFrom.path}/${row.order.id}`}
                          className="font-mono text-xs text-slate-700 hover:underline"
                        >
                          {row.order.number}
                        </Link>
                      ) : null}
                    </Td>
                  ) : null}
                  <Td className="hidden text-right tabular-nums sm:table-cell">
                    {formatMoney(row.total, row.currency)}
                  </Td>
                  <Td className="hidden sm:table-cell">
                    <Badge tone={statusTone(row.status)}>{config.statusLabels[row.status]}</Badge>
                  </Td>
                  <Td className="hidden sm:table-cell">
                    <XeroCell row={row} today={today} />
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
        <Pagination
          page={query.page}
          pageSize={PAGE_SIZE}
          total={total}
          hrefFor={(page) => listHref(path, current, { page: String(page) })}
        />
      </Card>
    </BulkSendArea>
  );
}
