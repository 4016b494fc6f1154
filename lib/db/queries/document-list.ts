import { asc, desc, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Executor } from "../client";
import { customers, suppliers } from "../schema";
import { matchesSearch } from "./search";

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
