import { Plus } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ListFilter, ListSearch, SortableTh } from "@/components/ui/list-controls";
import { PageHeader } from "@/components/ui/page-header";
import { ContactLinkBadge } from "@/components/xero/contact-link-badge";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listParties, PARTY_SORTS, type PartyListQuery, type PartySort } from "@/lib/db/queries/parties";
import { cachedContactNames, contactIssuesFor } from "@/lib/db/queries/xero-links";
import type { PartyKind } from "@/lib/db/schema";
import { PARTY_LABELS } from "@/lib/factory/parties";
import { listHref, readChoice, readPage, readSearch, type SearchParams } from "@/lib/ui/list-params";

const PAGE_SIZE = 25;

export function readPartyListQuery(params: SearchParams): PartyListQuery {
  return {
    search: readSearch(params),
    sort: readChoice(params, "sort", PARTY_SORTS, "name"),
    direction: readChoice(params, "dir", ["asc", "desc"], "asc"),
    status: readChoice(params, "status", ["active", "archived", "all"], "active"),
    xero: readChoice(params, "xero", ["all", "linked", "unlinked"], "all"),
    page: readPage(params),
    pageSize: PAGE_SIZE,
  };
}

/** The customers or suppliers list: search, filters and sort live in the URL, paging is server-side. */
export async function PartyListPage({ kind, searchParams }: { kind: PartyKind; searchParams: SearchParams }) {
  const user = await requireUser();
  const query = readPartyListQuery(searchParams);
  const db = getDb();
  const { rows, total } = await listParties(db, kind, query);
  const [issues, contactNames] = await Promise.all([
    contactIssuesFor(
      db,
      kind,
      rows.map((row) => row.id),
    ),
    cachedContactNames(
      db,
      rows.flatMap((row) => (row.xeroContactId ? [row.xeroContactId] : [])),
    ),
  ]);
  const { one, many, path } = PARTY_LABELS[kind];
  const title = many[0]!.toUpperCase() + many.slice(1);
  const current = {
    q: query.search,
    sort: query.sort === "name" ? "" : query.sort,
    dir: query.direction === "asc" ? "" : query.direction,
    status: query.status === "active" ? "" : query.status,
    xero: query.xero === "all" ? "" : query.xero,
    page: String(query.page),
  };
  const sortHref = (sort: PartySort) =>
    listHref(path, current, {
      sort: sort === "name" ? "" : sort,
      dir: query.sort === sort && query.direction === "asc" ? "desc" : "",
    });
  const sortDirection = (sort: PartySort) => (query.sort === sort ? query.direction : undefined);
  const filtered = query.search !== "" || query.status !== "active" || query.xero !== "all";

  return (
    <>
      <PageHeader
        title={title}
        description={`${total.toLocaleString("en-NZ")} ${total === 1 ? one : many}${filtered ? " match" : ""}`}
        actions={
          <>
            {user.role === "admin" ? (
              <Button variant="secondary" asChild>
                <Link href="/xero/import">Import from Xero</Link>
              </Button>
            ) : null}
            <Button asChild>
              <Link href={`${path}/new`}>
                <Plus aria-hidden />
                New {one}
              </Link>
            </Button>
          </>
        }
      />
      <Card>
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
          <ListSearch label={`Search ${many}`} placeholder="Search name, code or email" />
          <ListFilter
            name="status"
            label="Show"
            value={query.status === "active" ? "" : query.status}
            options={[
              { value: "", label: "Active" },
              { value: "archived", label: "Archived" },
              { value: "all", label: "All" },
            ]}
          />
          <ListFilter
            name="xero"
            label="Xero"
            value={query.xero === "all" ? "" : query.xero}
            options={[
              { value: "", label: "Linked or not" },
              { value: "linked", label: "Linked" },
              { value: "unlinked", label: "Not linked" },
            ]}
          />
        </div>
        {rows.length === 0 ? (
          <EmptyState
            title={filtered ? `No ${many} match` : `No ${many} yet`}
            description={filtered ? "Try another search or filter." : `Add your first ${one} to get started.`}
            action={
              filtered ? (
                <Button variant="secondary" asChild>
                  <Link href={path}>Clear search and filters</Link>
                </Button>
              ) : undefined
            }
          />
        ) : (
          <Table>
            <thead>
              <tr>
                <SortableTh href={sortHref("code")} direction={sortDirection("code")} className="w-32">
                  Code
                </SortableTh>
                <SortableTh href={sortHref("name")} direction={sortDirection("name")}>
                  Name
                </SortableTh>
                <Th>Email</Th>
                <Th>Phone</Th>
                <Th className="w-24">Currency</Th>
                <Th className="w-44">Xero</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Tr key={row.id}>
                  <Td className="font-mono text-xs text-slate-600">{row.code}</Td>
                  <Td>
                    <Link href={`${path}/${row.id}`} className="font-medium text-slate-900 hover:underline">
                      {row.name}
                    </Link>
                    {row.archivedAt ? (
                      <Badge tone="warning" className="ml-2">
                        Archived
                      </Badge>
                    ) : null}
                  </Td>
                  <Td className="text-slate-600">{row.email}</Td>
                  <Td className="text-slate-600">{row.phone}</Td>
                  <Td className="text-slate-600">{row.currency}</Td>
                  <Td>
                    <ContactLinkBadge
                      linked={row.xeroContactId !== null}
                      contactName={row.xeroContactId ? contactNames.get(row.xeroContactId) : undefined}
                      issue={issues.get(row.id)?.kind}
                    />
                    {row.xeroContactId && contactNames.has(row.xeroContactId) ? (
                      <span className="mt-1 block text-xs text-slate-600">
                        Xero contact {contactNames.get(row.xeroContactId)}
                      </span>
                    ) : null}
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
    </>
  );
}
