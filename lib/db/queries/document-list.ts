import {
  and,
  asc,
  desc,
  eq,
  inArray,
  or,
  sql,
  type AnyColumn,
  type ColumnBaseConfig,
  type ColumnDataType,
  type SQL,
} from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../client";
import { customers, suppliers } from "../schema";
import { matchesSearch, type Page } from "./search";

export const DOCUMENT_SORTS = ["number", "date", "party", "total"] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

/** What a quote, sales order or purchase order list page asks for. */
export interface DocumentListQuery<Status extends string> {
  search: string;
  status: Status | "all";
  sort: DocumentSort;
  direction: "asc" | "desc";
  page: number;
  pageSize: number;
}

export interface DocumentListRow<Status extends string> {
  id: string;
  number: string;
  status: Status;
  date: string;
  reference: string | null;
  partyId: string;
  partyName: string;
  currency: string;
  total: string;
}

/**
 * The search condition of a document list: the term in the document's number or reference, or in
 * its customer's (supplier's) name. The matching parties are collected once into an array
 * (`= any(array(…))`, served by the party table's trigram index), which lets Postgres answer all
 * three arms from indexes and OR the bitmaps, instead of testing every document row.
 */
export function documentSearch(
  db: Executor,
  term: string,
  columns: { number: AnyColumn; reference: AnyColumn; partyId: AnyColumn },
  party: "customer" | "supplier",
): SQL | undefined {
  if (!term) return undefined;
  const parties = party === "customer" ? customers : suppliers;
  return or(
    matchesSearch(term, [columns.number, columns.reference]),
    sql`${columns.partyId} = any(array(${db
      .select({ id: parties.id })
      .from(parties)
      .where(matchesSearch(term, [parties.name]))}))`,
  );
}

/**
 * ORDER BY for a document list; ties (same date, same customer) are broken by the unique document
 * number, so pages never repeat or skip a row and same-day documents read in number order.
 */
export function documentOrder(
  query: { sort: DocumentSort; direction: "asc" | "desc" },
  columns: Record<DocumentSort, AnyColumn>,
): SQL[] {
  const order = query.direction === "asc" ? asc : desc;
  return query.sort === "number"
    ? [order(columns.number)]
    : [order(columns[query.sort]), order(columns.number)];
}

type TypedColumn<Data, NotNull extends boolean = true> = PgColumn<
  ColumnBaseConfig<ColumnDataType, string> & { data: Data; notNull: NotNull }
>;

/** The columns of a quote, sales order or purchase order table that its list shows. */
export interface DocumentListColumns<Status extends string> {
  id: TypedColumn<string>;
  number: TypedColumn<string>;
  status: TypedColumn<Status>;
  /** Issue date of a quote, order date of an order. */
  date: TypedColumn<string>;
  reference: TypedColumn<string, false>;
  partyId: TypedColumn<string>;
  currency: TypedColumn<string>;
  total: TypedColumn<string>;
}

/**
 * One page of a document list with its parties' names, and the count under the same filter. The
 * page's ids come first, then only those rows are joined to their parties: a deep page then walks an
 * index instead of looking up the party of every row it skips. Sorting by name needs the join.
 */
export async function listDocuments<Status extends string>(
  db: Executor,
  query: DocumentListQuery<Status>,
  table: PgTable,
  columns: DocumentListColumns<Status>,
  party: "customer" | "supplier",
): Promise<Page<DocumentListRow<Status>>> {
  const parties = party === "customer" ? customers : suppliers;
  const where = and(
    query.status === "all" ? undefined : eq(columns.status, query.status),
    documentSearch(db, query.search, columns, party),
  );
  const order = documentOrder(query, { ...columns, party: parties.name });
  const pageIds = (
    query.sort === "party"
      ? db.select({ id: columns.id }).from(table).innerJoin(parties, eq(parties.id, columns.partyId))
      : db.select({ id: columns.id }).from(table)
  )
    .where(where)
    .orderBy(...order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [rows, [counted]] = await Promise.all([
    db
      .select({ ...columns, partyName: parties.name })
      .from(table)
      .innerJoin(parties, eq(parties.id, columns.partyId))
      .where(inArray(columns.id, pageIds))
      .orderBy(...order),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(table)
      .where(where),
  ]);
  return { rows, total: counted?.total ?? 0 };
}
