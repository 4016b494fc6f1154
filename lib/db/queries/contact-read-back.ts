import { eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { xeroContactCache, type PartyKind } from "../schema";
import { partyTable } from "./parties";

/** A customer or supplier linked to a Xero contact. */
export interface LinkedParty {
  kind: PartyKind;
  id: string;
  code: string;
  name: string;
  contactId: string;
}

/** The customers and suppliers linked to any of these contacts (one query a side). */
export async function partiesLinkedTo(db: Executor, contactIds: readonly string[]): Promise<LinkedParty[]> {
  if (contactIds.length === 0) return [];
  const ids = [...new Set(contactIds.map((id) => id.toLowerCase()))];
  const side = (kind: PartyKind, table = partyTable(kind)) =>
    db
      .select({ id: table.id, code: table.code, name: table.name, contactId: table.xeroContactId })
      .from(table)
      .where(inArray(table.xeroContactId, ids))
      .then((rows) => rows.map((row) => ({ kind, ...row, contactId: row.contactId ?? "" })));
  const [linkedCustomers, linkedSuppliers] = await Promise.all([side("customer"), side("supplier")]);
  return [...linkedCustomers, ...linkedSuppliers];
}

/** Xero's copy of a contact as read-back stores it. */
export interface ContactReadBack {
  contactId: string;
  name: string;
  contactNumber: string | null;
  email: string | null;
  status: string;
  mergedToContactId: string | null;
  isCustomer: boolean;
  isSupplier: boolean;
  xeroUpdatedAt: Date;
}

/**
 * Stores Xero's copies of contacts, each only when it is newer (UpdatedDateUTC) than the one stored,
 * so a replayed or late event changes nothing. Returns the contacts stored, with what was stored of
 * each before (null for a contact not stored before).
 */
export async function applyContactReadBacks(
  db: Executor,
  copies: readonly ContactReadBack[],
): Promise<
  { contactId: string; previous: { status: string; name: string; mergedToContactId: string | null } | null }[]
> {
  if (copies.length === 0) return [];
  const before = new Map(
    (
      await db
        .select({
          contactId: xeroContactCache.contactId,
          status: xeroContactCache.status,
          name: xeroContactCache.name,
          mergedToContactId: xeroContactCache.mergedToContactId,
        })
        .from(xeroContactCache)
        .where(
          inArray(
            xeroContactCache.contactId,
            copies.map((copy) => copy.contactId),
          ),
        )
    ).map(({ contactId, ...row }) => [contactId, row]),
  );
  const changed = await db
    .insert(xeroContactCache)
    .values(copies.map((copy) => ({ ...copy, fetchedAt: sql`now()`, readBackAt: sql`now()` })))
    .onConflictDoUpdate({
      target: xeroContactCache.contactId,
      set: {
        name: sql`excluded.name`,
        contactNumber: sql`excluded.contact_number`,
        email: sql`excluded.email`,
        status: sql`excluded.status`,
        mergedToContactId: sql`excluded.merged_to_contact_id`,
        isCustomer: sql`excluded.is_customer`,
        isSupplier: sql`excluded.is_supplier`,
        xeroUpdatedAt: sql`excluded.xero_updated_at`,
        fetchedAt: sql`now()`,
        readBackAt: sql`now()`,
      },
      setWhere: or(
        isNull(xeroContactCache.xeroUpdatedAt),
        lt(xeroContactCache.xeroUpdatedAt, sql`excluded.xero_updated_at`),
      ),
    })
    .returning({ contactId: xeroContactCache.contactId });
  return changed.map((row) => ({
    contactId: row.contactId,
    previous: before.get(row.contactId) ?? null,
  }));
}

/**
 * Where the contact poller starts when it never read contacts: the oldest moment Factory knew one of
 * its linked contacts as it was (read back, or fetched when linked). Null when nothing is linked.
 */
export async function firstContactKnownAt(db: Executor): Promise<Date | null> {
  const linked = (table: ReturnType<typeof partyTable>) =>
    db
      .select({
        at: sql<Date | null>`min(coalesce(${xeroContactCache.xeroUpdatedAt}, ${xeroContactCache.fetchedAt}))`.mapWith(
          (v) => (v ? new Date(v as string) : null),
        ),
      })
      .from(xeroContactCache)
      .innerJoin(table, eq(table.xeroContactId, xeroContactCache.contactId))
      .where(isNotNull(table.xeroContactId));
  const [[fromCustomers], [fromSuppliers]] = await Promise.all([
    linked(partyTable("customer")),
    linked(partyTable("supplier")),
  ]);
  const times = [fromCustomers?.at, fromSuppliers?.at].filter((at): at is Date => !!at);
  return times.length ? new Date(Math.min(...times.map((at) => at.getTime()))) : null;
}

/** What Xero last said of each contact, for the send planner (lib/sync/send-facts.ts). */
export async function cachedContactStates(
  db: Executor,
  contactIds: readonly string[],
): Promise<Map<string, { name: string; status: string; mergedToContactId: string | null }>> {
  if (contactIds.length === 0) return new Map();
  const rows = await db
    .select({
      contactId: xeroContactCache.contactId,
      name: xeroContactCache.name,
      status: xeroContactCache.status,
      mergedToContactId: xeroContactCache.mergedToContactId,
    })
    .from(xeroContactCache)
    .where(inArray(xeroContactCache.contactId, [...new Set(contactIds)]));
  return new Map(rows.map(({ contactId, ...row }) => [contactId, row]));
}

/**
 * What a customer or supplier page needs to tell whether its Xero contact changed since it rendered:
 * the linked contact, its status and the UpdatedDateUTC read back. Empty when the party is gone.
 */
export async function contactReadBackStamp(db: Executor, kind: PartyKind, partyId: string): Promise<string> {
  const table = partyTable(kind);
  const [row] = await db
    .select({
      contactId: table.xeroContactId,
      status: xeroContactCache.status,
      name: xeroContactCache.name,
      updatedAt: xeroContactCache.xeroUpdatedAt,
    })
    .from(table)
    .leftJoin(xeroContactCache, eq(xeroContactCache.contactId, table.xeroContactId))
    .where(eq(table.id, partyId));
  if (!row) return "";
  return [row.contactId ?? "", row.status ?? "", row.name ?? "", row.updatedAt?.toISOString() ?? ""].join(
    "|",
  );
}
