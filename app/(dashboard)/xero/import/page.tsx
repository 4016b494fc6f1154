import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ListFilter, ListSearch } from "@/components/ui/list-controls";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { BulkActionBar } from "@/components/xero/import/bulk-action-bar";
import { ImportSteps } from "@/components/xero/import/import-steps";
import {
  RowActionSelect,
  type FilterAction,
  type RowChoice,
} from "@/components/xero/import/row-action-select";
import { StartImportForm } from "@/components/xero/import/start-import-form";
import { StepRunner } from "@/components/xero/import/step-runner";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import {
  failedImportRows,
  importRowCounts,
  listImportRows,
  type ImportReviewRow,
} from "@/lib/db/queries/contact-imports";
import type { XeroContactImport } from "@/lib/db/schema";
import { currentImportProgress } from "@/lib/linking/contact-import";
import {
  listHref,
  readChoice,
  readPage,
  readParam,
  readSearch,
  type SearchParams,
} from "@/lib/ui/list-params";
import {
  cancelImport,
  fetchNextPage,
  importNext,
  setRowsAction,
  startImport,
  startImporting,
} from "./actions";
import { CancelImportButton, StartImportingButton } from "@/components/xero/import/run-buttons";
import { formatDateTime } from "@/lib/ui/dates";
import { getTimeZone } from "@/lib/ui/time-zone";

export const metadata: Metadata = { title: "Import contacts from Xero" };

const PAGE_SIZE = 50;
const FILTER_ACTIONS = ["all", "link", "create", "skip", "already_linked"] as const;

const SIDES_LABEL = {
  customers: "customers",
  suppliers: "suppliers",
  both: "customers and suppliers",
} as const;

/** The contact import wizard (issue 6 §5): choose, fetch, review, import. */
export default async function ImportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  const params = await searchParams;
  const progress = await currentImportProgress(getDb());
  const run = progress?.run;
  const fresh =
    !run || run.status === "cancelled" || (run.status === "completed" && readParam(params, "new") === "1");

  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/xero" className="hover:underline">
            Xero
          </Link>
        }
        title="Import contacts from Xero"
        description="Bring Xero's contacts into Factory as customers and suppliers, linked, without duplicates."
      />
      {fresh ? (
        <>
          <ImportSteps current={1} />
          <Card>
            <CardBody>
              <StartImportForm start={startImport} />
            </CardBody>
          </Card>
        </>
      ) : run.status === "fetching" ? (
        <>
          <ImportSteps current={2} />
          <Card>
            <CardHeader
              title={`Fetching ${SIDES_LABEL[run.sides]} from Xero`}
              description="1,000 contacts per call, the most Xero allows. If the connection drops, it carries on from the page it reached."
              actions={<CancelImportButton importId={run.id} cancel={cancelImport} />}
            />
            <CardBody>
              <StepRunner
                importId={run.id}
                status="fetching"
                label="Contacts fetched"
                initial={{ done: progress.done, total: progress.total, lastError: run.lastError }}
                step={fetchNextPage}
              />
            </CardBody>
          </Card>
        </>
      ) : run.status === "reviewing" ? (
        <Review run={run} params={params} />
      ) : run.status === "importing" ? (
        <>
          <ImportSteps current={4} />
          <Card>
            <CardHeader title="Importing" description="Creating and linking records in batches of 500." />
            <CardBody>
              <StepRunner
                importId={run.id}
                status="importing"
                label="Contacts imported"
                initial={{ done: progress.done, total: progress.total, lastError: null }}
                step={importNext}
              />
            </CardBody>
          </Card>
        </>
      ) : (
        <Summary run={run} />
      )}
    </>
  );
}

function choiceOf(row: ImportReviewRow): RowChoice {
  if (row.action === "create") return row.side === "customer" ? "create:customer" : "create:supplier";
  return row.action === "link" ? "link" : "skip";
}

async function Review({ run, params }: { run: XeroContactImport; params: SearchParams }) {
  const db = getDb();
  const filter = {
    search: readSearch(params),
    action: readChoice<FilterAction>(params, "action", FILTER_ACTIONS, "all"),
  };
  const page = readPage(params);
  const [{ rows, total }, counts] = await Promise.all([
    listImportRows(db, run.id, { ...filter, outcome: "all", page, pageSize: PAGE_SIZE }),
    importRowCounts(db, run.id),
  ]);
  const current = {
    q: filter.search,
    action: filter.action === "all" ? "" : filter.action,
    page: String(page),
  };
  const toDo = counts.actions.create + counts.actions.link;

  return (
    <>
      <ImportSteps current={3} />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">
          {counts.actions.create.toLocaleString("en-NZ")} to create ·{" "}
          {counts.actions.link.toLocaleString("en-NZ")} to link ·{" "}
          {counts.actions.already_linked.toLocaleString("en-NZ")} already linked ·{" "}
          {counts.actions.skip.toLocaleString("en-NZ")} to skip
        </p>
        <div className="flex gap-2">
          <CancelImportButton importId={run.id} cancel={cancelImport} />
          <StartImportingButton importId={run.id} start={startImporting} count={toDo} />
        </div>
      </div>
      <Card>
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
          <ListSearch label="Search contacts" placeholder="Search name, email or contact code" />
          <ListFilter
            name="action"
            label="Action"
            value={current.action}
            options={[
              { value: "", label: "Any" },
              { value: "create", label: "Create" },
              { value: "link", label: "Link" },
              { value: "already_linked", label: "Already linked" },
              { value: "skip", label: "Skip" },
            ]}
          />
          <BulkActionBar importId={run.id} shown={total} filter={filter} setRows={setRowsAction} />
        </div>
        {rows.length === 0 ? (
          <EmptyState title="No contacts match" description="Try another search or filter." />
        ) : (
          <Table>
            <thead>
              <tr>
                <Th className="min-w-48">Xero contact</Th>
                <Th>Email</Th>
                <Th className="w-28">Contact code</Th>
                <Th className="w-28">Xero says</Th>
                <Th className="w-72">Action</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Tr key={row.id}>
                  <Td className="font-medium text-slate-900">
                    {row.name}
                    {row.contactStatus !== "ACTIVE" ? (
                      <Badge tone="warning" className="ml-2">
                        Archived
                      </Badge>
                    ) : null}
                  </Td>
                  <Td className="max-w-48 truncate text-slate-600" title={row.email ?? undefined}>
                    {row.email}
                  </Td>
                  <Td className="font-mono text-xs text-slate-600">{row.contactNumber}</Td>
                  <Td className="text-xs text-slate-500">
                    {[row.isCustomer ? "customer" : null, row.isSupplier ? "supplier" : null]
                      .filter(Boolean)
                      .join(", ") || "—"}
                  </Td>
                  <Td>
                    {row.action === "already_linked" ? (
                      <span className="block max-w-64 text-xs whitespace-normal text-slate-600">
                        Already linked to {row.targetCode} {row.targetName}
                      </span>
                    ) : (
                      <RowActionSelect
                        importId={run.id}
                        rowId={row.id}
                        contactName={row.name}
                        value={choiceOf(row)}
                        linkLabel={
                          row.targetId ? `Link to ${row.targetCode ?? ""} ${row.targetName ?? ""}` : null
                        }
                        setRows={setRowsAction}
                      />
                    )}
                    {row.reason && row.action !== "already_linked" ? (
                      <p className="mt-1 text-xs text-slate-500">{row.reason}</p>
                    ) : null}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
        <Pagination
          page={page}
          pageSize={PAGE_SIZE}
          total={total}
          hrefFor={(n) => listHref("/xero/import", current, { page: String(n) })}
        />
      </Card>
    </>
  );
}

async function Summary({ run }: { run: XeroContactImport }) {
  const db = getDb();
  const timeZone = await getTimeZone();
  const [counts, failed] = await Promise.all([importRowCounts(db, run.id), failedImportRows(db, run.id)]);
  const { outcomes } = counts;
  return (
    <>
      <ImportSteps current={4} />
      <Card>
        <CardHeader
          title="Import finished"
          description={run.finishedAt ? `Finished ${formatDateTime(run.finishedAt, timeZone)}` : undefined}
          actions={
            <Button variant="secondary" asChild>
              <Link href="/xero/import?new=1">Start a new import</Link>
            </Button>
          }
        />
        <CardBody className="space-y-4">
          <dl className="grid grid-cols-2 gap-4 text-center sm:grid-cols-5" aria-label="Import summary">
            {(
              [
                ["Created", outcomes.created],
                ["Linked", outcomes.linked],
                ["Already linked", outcomes.unchanged],
                ["Skipped", outcomes.skipped],
                ["Failed", outcomes.failed],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="rounded-md border border-slate-200 p-3">
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className="text-2xl font-semibold text-slate-900">{value.toLocaleString("en-NZ")}</dd>
              </div>
            ))}
          </dl>
          <p className="text-sm text-slate-500">
            {run.apiCalls.toLocaleString("en-NZ")} Xero {run.apiCalls === 1 ? "call" : "calls"} used.
          </p>
          {failed.length > 0 ? (
            <Alert tone="danger">
              <p className="font-medium">These contacts were not imported:</p>
              <ul className="mt-2 list-disc pl-5">
                {failed.map((row) => (
                  <li key={row.id}>
                    {row.name}: {row.error}
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
        </CardBody>
      </Card>
    </>
  );
}
