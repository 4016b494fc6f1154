import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ListFilter, ListSearch, SortableTh } from "@/components/ui/list-controls";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listProducts, PRODUCT_SORTS, type ProductSort } from "@/lib/db/queries/products";
import { formatUnitPrice } from "@/lib/factory/money";
import { listHref, readChoice, readPage, readSearch, type SearchParams } from "@/lib/ui/list-params";

export const metadata: Metadata = { title: "Products" };

const PAGE_SIZE = 25;

export default async function ProductsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireUser();
  const params = await searchParams;
  const query = {
    search: readSearch(params),
    sort: readChoice(params, "sort", PRODUCT_SORTS, "name"),
    direction: readChoice(params, "dir", ["asc", "desc"], "asc"),
    status: readChoice(params, "status", ["active", "inactive", "all"], "active"),
    xero: readChoice(params, "xero", ["all", "linked", "unlinked"], "all"),
    page: readPage(params),
    pageSize: PAGE_SIZE,
  };
  const { rows, total } = await listProducts(getDb(), query);
  const current = {
    q: query.search,
    sort: query.sort === "name" ? "" : query.sort,
    dir: query.direction === "asc" ? "" : query.direction,
    status: query.status === "active" ? "" : query.status,
    xero: query.xero === "all" ? "" : query.xero,
    page: String(query.page),
  };
  const sortHref = (sort: ProductSort) =>
    listHref("/products", current, {
      sort: sort === "name" ? "" : sort,
      dir: query.sort === sort && query.direction === "asc" ? "desc" : "",
    });
  const sortDirection = (sort: ProductSort) => (query.sort === sort ? query.direction : undefined);
  const filtered = query.search !== "" || query.status !== "active" || query.xero !== "all";

  return (
    <>
      <PageHeader
        title="Products"
        description={`${total.toLocaleString("en-NZ")} ${total === 1 ? "product" : "products"}${filtered ? " match" : ""}`}
        actions={
          <>
            <Button variant="secondary" asChild>
              <Link href="/products/xero-match">Match SKUs to Xero items</Link>
            </Button>
            <Button asChild>
              <Link href="/products/new">
                <Plus aria-hidden />
                New product
              </Link>
            </Button>
          </>
        }
      />
      <Card>
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
          <ListSearch label="Search products" placeholder="Search SKU or name" />
          <ListFilter
            name="status"
            label="Show"
            value={query.status === "active" ? "" : query.status}
            options={[
              { value: "", label: "Active" },
              { value: "inactive", label: "Inactive" },
              { value: "all", label: "All" },
            ]}
          />
          <ListFilter
            name="xero"
            label="Xero"
            value={current.xero}
            options={[
              { value: "", label: "Linked or not" },
              { value: "linked", label: "Linked" },
              { value: "unlinked", label: "Not linked" },
            ]}
          />
        </div>
        {rows.length === 0 ? (
          <EmptyState
            title={filtered ? "No products match" : "No products yet"}
            description={
              filtered ? "Try another search or filter." : "Add the products and services you sell and buy."
            }
            action={
              filtered ? (
                <Button variant="secondary" asChild>
                  <Link href="/products">Clear search and filters</Link>
                </Button>
              ) : undefined
            }
          />
        ) : (
          <Table>
            <thead>
              <tr>
                <SortableTh href={sortHref("sku")} direction={sortDirection("sku")} className="w-48">
                  SKU
                </SortableTh>
                <SortableTh href={sortHref("name")} direction={sortDirection("name")}>
                  Name
                </SortableTh>
                <Th className="w-24">Unit</Th>
                <Th className="w-32 text-right">Sale price</Th>
                <Th className="w-32 text-right">Cost</Th>
                <Th className="w-28">Tax</Th>
                <Th className="w-36">Xero</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Tr key={row.id}>
                  <Td className="font-mono text-xs text-slate-600">{row.sku}</Td>
                  <Td>
                    <Link href={`/products/${row.id}`} className="font-medium text-slate-900 hover:underline">
                      {row.name}
                    </Link>
                    {row.active ? null : (
                      <Badge tone="warning" className="ml-2">
                        Inactive
                      </Badge>
                    )}
                  </Td>
                  <Td className="text-slate-600">{row.unit}</Td>
                  <Td className="text-right tabular-nums">{formatUnitPrice(row.salePrice)}</Td>
                  <Td className="text-right text-slate-600 tabular-nums">
                    {formatUnitPrice(row.purchaseCost)}
                  </Td>
                  <Td className="text-slate-600">{row.taxRateName}</Td>
                  <Td>
                    {row.xeroItemId ? (
                      <span className="flex flex-col items-start gap-1">
                        <Badge tone="success">Linked</Badge>
                        {row.xeroItemCode ? (
                          <span className="text-xs text-slate-600">
                            Xero item <span className="font-mono text-sky-900">{row.xeroItemCode}</span>
                          </span>
                        ) : null}
                      </span>
                    ) : (
                      <Badge>Not linked</Badge>
                    )}
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
          hrefFor={(page) => listHref("/products", current, { page: String(page) })}
        />
      </Card>
    </>
  );
}
