import { and, asc, desc, eq, exists, ilike, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../client";
import {
  customers,
  purchaseOrders,
  quotes,
  salesOrders,
  suppliers,
  type Party,
  type PartyKind,
} from "../schema";
import { matchesSearch, type Page } from "./search";

/**
 * The table of a party kind. Both tables come from one builder and have identical columns, so the
 * supplier table is typed as the customer one to let every query below serve both kinds.
 */
export function partyTable(kind: PartyKind): typeof customers {
  return kind === "customer" ? customers : (suppliers as unknown as typeof customers);
}

export const PARTY_SORTS = ["name", "code", "created"] as const;
export type PartySort = (typeof PARTY_SORTS)[number];

export interface PartyListQuery {
  search: string;
  sort: PartySort;
  direction: "asc" | "desc";
  status: "active" | "archived" | "all";
  xero: "all" | "linked" | "unlinked";
  page: number;
  pageSize: number;
}

export type PartyListRow = Pick<
  Party,
  "id" | "code" | "name" | "email" | "phone" | "currency" | "archivedAt" | "xeroContactId"
>;

function partyListWhere(kind: PartyKind, query: PartyListQuery): SQL | undefined {
  const table = partyTable(kind);
  return and(
    query.status === "active" ? isNull(table.archivedAt) : undefined,
    query.status === "archived" ? isNotNull(table.archivedAt) : undefined,
    query.xero === "linked" ? isNotNull(table.xeroContactId) : undefined,
    query.xero === "unlinked" ? isNull(table.xeroContactId) : undefined,
    query.search ? matchesSearch(query.search, [table.name, table.code, table.email]) : undefined,
  );
}

/** One page of customers or suppliers, sorted on an indexed column with the id as tie-breaker. */
export function listPartyPage(db: Executor, kind: PartyKind, query: PartyListQuery): Promise<PartyListRow[]> {
  const table = partyTable(kind);
  const order = query.direction === "asc" ? asc : desc;
  const sortColumn = { name: table.name, code: table.code, created: table.createdAt }[query.sort];
  return db
    .select({
      id: table.id,
      code: table.code,
      name: table.name,
      email: table.email,
      phone: table.phone,
      currency: table.currency,
      archivedAt: table.archivedAt,
      xeroContactId: table.xeroContactId,
    })
    .from(table)
    .where(partyListWhere(kind, query))
    .orderBy(order(sortColumn), order(table.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
}

/** How many customers or suppliers match the list's search and filters. */
export async function countParties(db: Executor, kind: PartyKind, query: PartyListQuery): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(partyTable(kind))
    .where(partyListWhere(kind, query));
  return row?.total ?? 0;
}

/**
 * A page of customers or suppliers and the total matching the filters. Both queries are served by
 * indexes (btree for the sort, trigram for the search, a partial index for "not archived"), so
 * they stay fast at 100,000 rows (tests/bench/list-bench.ts measures them).
 */
export async function listParties(
  db: Executor,
  kind: PartyKind,
  query: PartyListQuery,
): Promise<Page<PartyListRow>> {
  const [rows, total] = await Promise.all([listPartyPage(db, kind, query), countParties(db, kind, query)]);
  return { rows, total };
}

/**
 * Serialises the creation of one party's Xero contact across every process until the caller's
 * transaction ends (a transaction-scoped advisory lock keyed by the party): two documents of a new
 * customer sent at once must not both create, or mistake the other's new contact for a look-alike.
 */
export async function lockPartyContact(tx: Executor, kind: PartyKind, id: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`xero-contact:${kind}:${id}`}, 0))`);
}

export async function findParty(db: Executor, kind: PartyKind, id: string): Promise<Party | undefined> {
  const table = partyTable(kind);
  const [row] = await db.select().from(table).where(eq(table.id, id));
  return row;
}

export async function findPartyByIdempotencyKey(
  db: Executor,
  kind: PartyKind,
  idempotencyKey: string,
): Promise<Party | undefined> {
  const table = partyTable(kind);
  const [row] = await db.select().from(table).where(eq(table.idempotencyKey, idempotencyKey));
  return row;
}

export type PartyValues = Omit<
  typeof customers.$inferInsert,
  "id" | "code" | "version" | "createdAt" | "updatedAt" | "archivedAt" | "xeroContactId"
>;

export async function insertParty(
  tx: Executor,
  kind: PartyKind,
  values: PartyValues & { code: string },
): Promise<Party> {
  const [row] = await tx.insert(partyTable(kind)).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/**
 * Applies `changes` only if the row is still at `version`, bumping it; undefined when the row is
 * gone or someone saved it in between (optimistic concurrency).
 */
export async function updatePartyAtVersion(
  tx: Executor,
  kind: PartyKind,
  target: { id: string; version: number },
  changes: Partial<PartyValues> & { archivedAt?: Date | null; xeroContactId?: string | null },
): Promise<Party | undefined> {
  const table = partyTable(kind);
  const [row] = await tx
    .update(table)
    .set({ ...changes, version: sql`${table.version} + 1`, updatedAt: new Date() })
    .where(and(eq(table.id, target.id), eq(table.version, target.version)))
    .returning();
  return row;
}

export async function deletePartyAtVersion(
  tx: Executor,
  kind: PartyKind,
  target: { id: string; version: number },
): Promise<boolean> {
  const table = partyTable(kind);
  const deleted = await tx
    .delete(table)
    .where(and(eq(table.id, target.id), eq(table.version, target.version)))
    .returning({ id: table.id });
  return deleted.length > 0;
}

/** Whether any document refers to the party; such a party can be archived but not deleted. */
export async function isPartyReferenced(db: Executor, kind: PartyKind, id: string): Promise<boolean> {
  const references: SQL[] =
    kind === "customer"
      ? [
          exists(
            db
              .select({ one: sql`1` })
              .from(quotes)
              .where(eq(quotes.customerId, id)),
          ),
          exists(
            db
              .select({ one: sql`1` })
              .from(salesOrders)
              .where(eq(salesOrders.customerId, id)),
          ),
        ]
      : [
          exists(
            db
              .select({ one: sql`1` })
              .from(purchaseOrders)
              .where(eq(purchaseOrders.supplierId, id)),
          ),
        ];
  const [row] = await db.execute<{ referenced: boolean }>(sql`select ${or(...references)} as referenced`);
  return row?.referenced ?? false;
}

/** A customer or supplier a new one may duplicate, as the "already exists" question names it. */
export type LookAlikeParty = Pick<Party, "id" | "code" | "name" | "email" | "archivedAt">;

/**
 * Customers or suppliers (archived ones included) whose name contains `nameWord` or whose email is
 * `email` (ignoring case): the candidates the duplicate check (lib/factory/party-duplicates.ts)
 * compares by its own rules. Trigram indexes serve both conditions, so it stays fast on large tables.
 */
export function findLookAlikeParties(
  db: Executor,
  kind: PartyKind,
  keys: { nameWord: string | null; email: string | null; limit?: number },
): Promise<LookAlikeParty[]> {
  const table = partyTable(kind);
  const exact = (value: string) => value.replace(/[\\%_]/g, "\\$&");
  const conditions = [
    keys.nameWord ? matchesSearch(keys.nameWord, [table.name]) : undefined,
    keys.email ? ilike(table.email, exact(keys.email)) : undefined,
  ].filter((condition) => condition !== undefined);
  if (conditions.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: table.id,
      code: table.code,
      name: table.name,
      email: table.email,
      archivedAt: table.archivedAt,
    })
    .from(table)
    .where(or(...conditions))
    .orderBy(asc(table.code))
    .limit(keys.limit ?? 200);
}
