import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Executor, Tx } from "../client";
import {
  customers,
  documentSyncStates,
  products,
  suppliers,
  xeroConnections,
  xeroContactCache,
  xeroContactDetails,
  xeroContactImports,
  xeroContactIssues,
  xeroItemCache,
  xeroPendingAuthorisations,
  xeroSettings,
  xeroTaxMappings,
  type PendingXeroTenant,
  type XeroConnection,
} from "../schema";

/** The single connection row (see lib/db/schema/xero.ts), or undefined before the first connect. */
export async function getXeroConnection(db: Executor): Promise<XeroConnection | undefined> {
  const [row] = await db.select().from(xeroConnections).where(eq(xeroConnections.id, 1));
  return row;
}

/**
 * Reads the connection row with `FOR UPDATE`: the lock that makes token refresh single-flight across
 * every process sharing the database (docs/sync.md#tokens-one-refresh-at-a-time). Use inside a transaction. With `waitAtMost`
 * (a Postgres interval such as "20s") the wait for another holder is bounded for the rest of the
 * transaction, and a longer wait fails instead of hanging.
 */
export async function lockXeroConnection(
  tx: Tx,
  options: { waitAtMost?: `${number}s` } = {},
): Promise<XeroConnection | undefined> {
  if (options.waitAtMost) await tx.execute(sql.raw(`set local lock_timeout = '${options.waitAtMost}'`));
  const [row] = await tx.select().from(xeroConnections).where(eq(xeroConnections.id, 1)).for("update");
  return row;
}

/** Stores the organisation's enabled currencies (GET /Currencies), base currency first. */
export async function saveEnabledCurrencies(db: Executor, codes: readonly string[]): Promise<void> {
  await db
    .update(xeroConnections)
    .set({ enabledCurrencies: [...codes] })
    .where(eq(xeroConnections.id, 1));
}

export type XeroConnectionValues = Omit<typeof xeroConnections.$inferInsert, "id" | "updatedAt">;

export async function saveXeroConnection(db: Executor, values: XeroConnectionValues): Promise<void> {
  await db
    .insert(xeroConnections)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: xeroConnections.id, set: { ...values, updatedAt: new Date() } });
}

export async function updateXeroConnection(
  db: Executor,
  patch: Partial<XeroConnectionValues>,
  onlyIf?: { status?: XeroConnection["status"]; encryptedTokenSet?: string },
): Promise<boolean> {
  const rows = await db
    .update(xeroConnections)
    .set({ ...patch, updatedAt: new Date() })
    .where(
      and(
        eq(xeroConnections.id, 1),
        onlyIf?.status ? eq(xeroConnections.status, onlyIf.status) : undefined,
        onlyIf?.encryptedTokenSet
          ? eq(xeroConnections.encryptedTokenSet, onlyIf.encryptedTokenSet)
          : undefined,
      ),
    )
    .returning({ id: xeroConnections.id });
  return rows.length > 0;
}

/**
 * Removes every pointer into the previous organisation's books: contact, item and document links, the
 * document sync state, cached Xero contacts and items, contact details, problems and imports, the
 * account codes and tax mappings. Used when
 * Factory is reconnected to a different organisation.
 */
export async function clearXeroLinks(tx: Tx): Promise<void> {
  await tx
    .update(customers)
    .set({ xeroContactId: null })
    .where(sql`${customers.xeroContactId} is not null`);
  await tx
    .update(suppliers)
    .set({ xeroContactId: null })
    .where(sql`${suppliers.xeroContactId} is not null`);
  await tx
    .update(products)
    .set({ xeroItemId: null })
    .where(sql`${products.xeroItemId} is not null`);
  await tx
    .update(documentSyncStates)
    .set({
      xeroId: null,
      xeroNumber: null,
      xeroStatus: null,
      xeroTotal: null,
      sentRevision: null,
      pendingCreate: null,
    })
    .where(sql`${documentSyncStates.xeroId} is not null or ${documentSyncStates.pendingCreate} is not null`);
  // Up to date or locked in the old books means nothing in the new ones: send them afresh.
  await tx
    .update(documentSyncStates)
    .set({ state: "not_sent" })
    .where(inArray(documentSyncStates.state, ["sent", "locked"]));
  await tx.delete(xeroContactCache).where(sql`true`);
  await tx.delete(xeroItemCache).where(sql`true`);
  // What Factory knew of the old contacts (their details, open problems, imports from those books).
  await tx.delete(xeroContactDetails).where(sql`true`);
  await tx.delete(xeroContactIssues).where(sql`true`);
  await tx.delete(xeroContactImports).where(sql`true`);
  await tx
    .update(xeroSettings)
    .set({ salesAccountCode: null, purchaseAccountCode: null })
    .where(eq(xeroSettings.id, 1));
  await tx.delete(xeroTaxMappings).where(sql`true`);
}

/** How many records point into Xero: decides whether switching organisation needs a confirmation. */
export async function countXeroLinks(db: Executor): Promise<number> {
  const [row] = await db.execute<{ total: number }>(sql`
    select (
      (select count(*) from ${customers} where ${customers.xeroContactId} is not null) +
      (select count(*) from ${suppliers} where ${suppliers.xeroContactId} is not null) +
      (select count(*) from ${products} where ${products.xeroItemId} is not null) +
      (select count(*) from ${documentSyncStates} where ${documentSyncStates.xeroId} is not null)
    )::int as total`);
  return row?.total ?? 0;
}

/** Pending consents older than this are useless: their access token has expired (30 minutes). */
export const PENDING_AUTHORISATION_TTL_MS = 25 * 60_000;

export async function insertPendingAuthorisation(
  db: Executor,
  values: { userId: string; encryptedTokenSet: string; tenants: PendingXeroTenant[] },
): Promise<string> {
  await db
    .delete(xeroPendingAuthorisations)
    .where(lt(xeroPendingAuthorisations.createdAt, new Date(Date.now() - PENDING_AUTHORISATION_TTL_MS)));
  const [row] = await db.insert(xeroPendingAuthorisations).values(values).returning();
  if (!row) throw new Error("Pending authorisation was not stored");
  return row.id;
}

/** The admin's own pending consent, if it is still fresh. */
export async function findPendingAuthorisation(db: Executor, id: string, userId: string) {
  const [row] = await db
    .select()
    .from(xeroPendingAuthorisations)
    .where(and(eq(xeroPendingAuthorisations.id, id), eq(xeroPendingAuthorisations.userId, userId)));
  if (!row || row.createdAt.getTime() < Date.now() - PENDING_AUTHORISATION_TTL_MS) return undefined;
  return row;
}

export async function deletePendingAuthorisation(db: Executor, id: string): Promise<void> {
  await db.delete(xeroPendingAuthorisations).where(eq(xeroPendingAuthorisations.id, id));
}

/** Where an encrypted token set is stored: the connection row, or a pending consent. */
export interface SealedTokenSet {
  place: "connection" | "pending_authorisation";
  id: string;
  sealed: string;
}

/** Every encrypted token set in the database, for re-encryption under a new key. */
export async function listSealedTokenSets(db: Executor): Promise<SealedTokenSet[]> {
  const connections = await db
    .select({ id: xeroConnections.id, sealed: xeroConnections.encryptedTokenSet })
    .from(xeroConnections);
  const pending = await db
    .select({ id: xeroPendingAuthorisations.id, sealed: xeroPendingAuthorisations.encryptedTokenSet })
    .from(xeroPendingAuthorisations);
  return [
    ...connections.flatMap((row) =>
      row.sealed ? [{ place: "connection" as const, id: String(row.id), sealed: row.sealed }] : [],
    ),
    ...pending.map((row) => ({ place: "pending_authorisation" as const, id: row.id, sealed: row.sealed })),
  ];
}

/**
 * Replaces one encrypted token set with `next`, only if it still is `current` (a token refresh may
 * have rotated it meanwhile); returns whether it did.
 */
export async function replaceSealedTokenSet(
  db: Executor,
  current: SealedTokenSet,
  next: string,
): Promise<boolean> {
  const rows =
    current.place === "connection"
      ? await db
          .update(xeroConnections)
          .set({ encryptedTokenSet: next })
          .where(
            and(
              eq(xeroConnections.id, Number(current.id)),
              eq(xeroConnections.encryptedTokenSet, current.sealed),
            ),
          )
          .returning({ id: xeroConnections.id })
      : await db
          .update(xeroPendingAuthorisations)
          .set({ encryptedTokenSet: next })
          .where(
            and(
              eq(xeroPendingAuthorisations.id, current.id),
              eq(xeroPendingAuthorisations.encryptedTokenSet, current.sealed),
            ),
          )
          .returning({ id: xeroPendingAuthorisations.id });
  return rows.length > 0;
}
