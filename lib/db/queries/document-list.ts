import {
  and,
  asc,
  desc,
  eq,
  exists,
  inArray,
  not,
  or,
  sql,
  type AnyColumn,
  type ColumnBaseConfig,
  type ColumnDataType,
  type SQL,
} from "drizzle-orm";
import type { PgColumn, PgSelect, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../client";
import { customers, documentSyncStates, suppliers, type SyncDocumentType, type SyncState } from "../schema";
import { matchesSearch, type Page } from "./search";

/** The payment filter of the invoice and bill lists, on Xero's figures as read back. */
export type DocumentPaymentFilter = "unpaid" | "overdue" | "paid";

export const DOCUMENT_SORTS = ["number", "date", "party", "total"] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

/** What a list's Xero filter offers: the sync states people tell apart at a glance, grouped. */
export const XERO_LIST_STATES = ["sent", "waiting", "failed", "locked", "not_sent"] as const;
export type XeroListState = (typeof XERO_LIST_STATES)[number];

/**
 * The sync states behind each choice of the Xero filter. "Waiting" is everything on its way or held
 * (queued, sending, Xero unreachable or disconnected, the contact to link); "not sent" is also a
 * document that has no sync record at all (never evented, e.g. with auto-send off).
 */
export const XERO_LIST_STATE_MEMBERS: Record<XeroListState, readonly SyncState[]> = {
  sent: ["sent"],
  waiting: ["queued", "sending", "waiting_reconnect", "waiting_for_contact", "waiting_for_xero"],
  failed: ["failed"],
  locked: ["locked"],
  not_sent: ["not_sent"],
};

/** What a quote, sales order or purchase order list page asks for. */
export interface DocumentListQuery<Status extends string> {
  search: string;
  status: Status | "all";
  xero: XeroListState | "all";
  /** Invoices and bills: Xero's payment state; other lists leave it out. */
  payment?: DocumentPaymentFilter | "all";
  /** The organisation's day (YYYY-MM-DD), what "overdue" is measured against. */
  today?: string;
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
  /** Xero's number for the document (INV-0001), once Xero has answered. */
  xeroNumber: string | null;
  /** Null when the document has no sync record (never evented): not sent. */
  xeroState: SyncState | null;
  /** Xero's status and payment figures as last read back (lib/sync/payment.ts reads them). */
  xeroStatus: string | null;
  xeroAmountPaid: string | null;
  xeroAmountDue: string | null;
  xeroPaidOn: string | null;
  xeroDueDate: string | null;
  /** Invoices and bills: the order they were made from. */
  order: { id: string; number: string } | null;
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
  /** More columns the term may match (an invoice's order number). */
  also: AnyColumn[] = [],
): SQL | undefined {
  if (!term) return undefined;
  const parties = party === "customer" ? customers : suppliers;
  return or(
    matchesSearch(term, [columns.number, columns.reference, ...also]),
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

/** The columns of a document table that its list shows. */
export interface DocumentListColumns<Status extends string> {
  id: TypedColumn<string>;
  number: TypedColumn<string>;
  status: TypedColumn<Status>;
  /** Issue date of a quote or an invoice, order date of an order, bill date of a bill. */
  date: TypedColumn<string>;
  /** The reference, or a bill's supplier invoice number. */
  reference: TypedColumn<string, boolean>;
  /** The customer (supplier); an invoice's (bill's) is its order's. */
  partyId: TypedColumn<string>;
  currency: TypedColumn<string>;
  total: TypedColumn<string>;
}

/**
 * The Xero filter of a document list, read from `document_sync_states` (the one record of what Xero
 * holds) as a semi-join on its primary key, so the filter costs one index probe per document.
 */
export function documentXeroFilter(
  db: Executor,
  xero: XeroListState | "all",
  recordType: SyncDocumentType,
  id: AnyColumn,
): SQL | undefined {
  if (xero === "all") return undefined;
  const inStates = (states: readonly SyncState[]) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(documentSyncStates)
        .where(
          and(
            eq(documentSyncStates.recordType, recordType),
            eq(documentSyncStates.recordId, id),
            inArray(documentSyncStates.state, [...states]),
          ),
        ),
    );
  if (xero !== "not_sent") return inStates(XERO_LIST_STATE_MEMBERS[xero]);
  const others = XERO_LIST_STATES.filter((state) => state !== "not_sent").flatMap(
    (state) => XERO_LIST_STATE_MEMBERS[state],
  );
  return not(inStates(others));
}

/**
 * The payment filter, from Xero's figures on the document's sync state: paid is Xero's PAID; unpaid
 * is approved with an amount still due; overdue is unpaid past Xero's due date.
 */
export function documentPaymentFilter(
  db: Executor,
  payment: DocumentPaymentFilter | "all" | undefined,
  recordType: SyncDocumentType,
  id: AnyColumn,
  today: string,
): SQL | undefined {
  if (!payment || payment === "all") return undefined;
  const s = documentSyncStates;
  const condition =
    payment === "paid"
      ? eq(s.xeroStatus, "PAID")
      : and(
          eq(s.xeroStatus, "AUTHORISED"),
          sql`coalesce(${s.xeroAmountDue}, 1) > 0`,
          payment === "overdue" ? sql`${s.xeroDueDate} < ${today}::date` : undefined,
        );
  return exists(
    db
      .select({ one: sql`1` })
      .from(s)
      .where(and(eq(s.recordType, recordType), eq(s.recordId, id), condition)),
  );
}

/**
 * Invoices and bills belong to an order and reach their customer (supplier) through it: the list
 * joins the order, shows its number and searches it too.
 */
export interface DocumentListOrder {
  table: PgTable;
  /** The order's id, e.g. `salesOrders.id`. */
  id: TypedColumn<string>;
  number: TypedColumn<string>;
  /** The document's column naming its order, e.g. `invoices.salesOrderId` (a credit note's `invoiceId`). */
  orderId: TypedColumn<string, boolean>;
  /**
   * A credit note's "order" is the invoice (bill) it credits, which reaches its party through its
   * own order: that order, joined too.
   */
  through?: { table: PgTable; on: SQL };
}

/**
 * One page of a document list with its parties' names and Xero's number and state, and the count
 * under the same filter. The page's ids come first, then only those rows are joined to their parties
 * and sync states: a deep page then walks an index instead of looking up the party of every row it
 * skips. Sorting by name needs the join.
 */
export async function listDocuments<Status extends string>(
  db: Executor,
  query: DocumentListQuery<Status>,
  table: PgTable,
  columns: DocumentListColumns<Status>,
  party: "customer" | "supplier",
  recordType: SyncDocumentType,
  order?: DocumentListOrder,
  /** Which rows of the table the list holds at all (credit notes of one kind). */
  scope?: SQL,
): Promise<Page<DocumentListRow<Status>>> {
  const parties = party === "customer" ? customers : suppliers;
  const where = and(
    scope,
    query.status === "all" ? undefined : eq(columns.status, query.status),
    documentSearch(db, query.search, columns, party, order ? [order.number] : []),
    documentXeroFilter(db, query.xero, recordType, columns.id),
    documentPaymentFilter(db, query.payment, recordType, columns.id, query.today ?? "9999-12-31"),
  );
  const sortedBy = documentOrder(query, { ...columns, party: parties.name });
  // FROM the document table, joined to its order when it has one (the party's id lives there). An
  // inner join to the order adds no nullable fields to these explicit selections: the type stays.
  const withOrder = <Q extends PgSelect>(select: Q): Q => {
    if (!order) return select;
    const joined = select.innerJoin(order.table, eq(order.id, order.orderId)) as unknown as Q;
    return order.through ? (joined.innerJoin(order.through.table, order.through.on) as unknown as Q) : joined;
  };
  const pageIds = withOrder(db.select({ id: columns.id }).from(table).$dynamic());
  const [rows, [counted]] = await Promise.all([
    withOrder(
      db
        .select({
          ...columns,
          partyName: parties.name,
          xeroNumber: documentSyncStates.xeroNumber,
          xeroState: documentSyncStates.state,
          xeroStatus: documentSyncStates.xeroStatus,
          xeroAmountPaid: documentSyncStates.xeroAmountPaid,
          xeroAmountDue: documentSyncStates.xeroAmountDue,
          xeroPaidOn: documentSyncStates.xeroPaidOn,
          xeroDueDate: documentSyncStates.xeroDueDate,
          orderId: order ? order.id : sql<string | null>`null`,
          orderNumber: order ? order.number : sql<string | null>`null`,
        })
        .from(table)
        .$dynamic(),
    )
      .innerJoin(parties, eq(parties.id, columns.partyId))
      .leftJoin(
        documentSyncStates,
        and(eq(documentSyncStates.recordType, recordType), eq(documentSyncStates.recordId, columns.id)),
      )
      .where(
        inArray(
          columns.id,
          (query.sort === "party" ? pageIds.innerJoin(parties, eq(parties.id, columns.partyId)) : pageIds)
            .where(where)
            .orderBy(...sortedBy)
            .limit(query.pageSize)
            .offset((query.page - 1) * query.pageSize),
        ),
      )
      .orderBy(...sortedBy),
    withOrder(
      db
        .select({ total: sql<number>`count(*)::int` })
        .from(table)
        .$dynamic(),
    ).where(where),
  ]);
  return {
    rows: rows.map(({ orderId, orderNumber, ...row }) => ({
      ...row,
      order: orderId && orderNumber ? { id: orderId, number: orderNumber } : null,
    })),
    total: counted?.total ?? 0,
  };
}
