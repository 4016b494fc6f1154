import { and, asc, desc, eq, ilike, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../client";
import {
  auditEvents,
  customers,
  numberCounters,
  OPEN_IMPORT_STATUSES,
  suppliers,
  xeroContactImportRows,
  xeroContactImports,
  type ContactImportAction,
  type ContactImportOutcome,
  type ContactDetailsSnapshot,
  type ContactImportSides,
  type ImportedPartyValues,
  type NumberSeries,
  type PartyKind,
  type XeroContactImport,
  type XeroContactImportRow,
} from "../schema";
import { formatNumber } from "./numbering";
import { partyTable } from "./parties";
import type { Page } from "./search";

/** The unique index that admits one open import at a time (lib/db/schema/xero-links.ts). */
export const ONE_OPEN_IMPORT_INDEX = "xero_contact_imports_one_open_key";

export async function insertContactImport(
  db: Executor,
  input: { sides: ContactImportSides; includeArchived: boolean; startedBy: string | null },
): Promise<XeroContactImport> {
  const [row] = await db.insert(xeroContactImports).values(input).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function findContactImport(db: Executor, id: string): Promise<XeroContactImport | undefined> {
  const [row] = await db.select().from(xeroContactImports).where(eq(xeroContactImports.id, id));
  return row;
}

/** The import still going (at most one), else the latest finished one. */
export async function currentContactImport(db: Executor): Promise<XeroContactImport | undefined> {
  const [open] = await db
    .select()
    .from(xeroContactImports)
    .where(inArray(xeroContactImports.status, OPEN_IMPORT_STATUSES))
    .limit(1);
  if (open) return open;
  const [latest] = await db
    .select()
    .from(xeroContactImports)
    .orderBy(desc(xeroContactImports.startedAt))
    .limit(1);
  return latest;
}

/**
 * Locks the run for one step (a page fetch, a batch of rows), so two browser tabs or a tab and a
 * worker can't interleave steps; undefined when another step holds it right now.
 */
export async function lockContactImport(tx: Executor, id: string): Promise<XeroContactImport | undefined> {
  const rows = await tx.execute<{ id: string }>(
    sql`select id from ${xeroContactImports} where id = ${id} for update skip locked`,
  );
  if (rows.length === 0) return undefined;
  return findContactImport(tx, id);
}

export async function updateContactImport(
  db: Executor,
  id: string,
  changes: Partial<Omit<XeroContactImport, "id" | "startedAt" | "startedBy">>,
): Promise<void> {
  await db
    .update(xeroContactImports)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(xeroContactImports.id, id));
}

export type NewImportRow = Omit<typeof xeroContactImportRows.$inferInsert, "id" | "outcome" | "error">;

/** Stores a fetched page; a page fetched again (after a dropped connection) updates its rows in place. */
export async function upsertImportRows(db: Executor, rows: NewImportRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(xeroContactImportRows)
    .values(rows)
    .onConflictDoUpdate({
      target: [xeroContactImportRows.importId, xeroContactImportRows.contactId],
      set: {
        position: sql`excluded.position`,
        name: sql`excluded.name`,
        email: sql`excluded.email`,
        contactNumber: sql`excluded.contact_number`,
        contactStatus: sql`excluded.contact_status`,
        isCustomer: sql`excluded.is_customer`,
        isSupplier: sql`excluded.is_supplier`,
        values: sql`excluded.values`,
        action: sql`excluded.action`,
        side: sql`excluded.side`,
        targetId: sql`excluded.target_id`,
        reason: sql`excluded.reason`,
      },
    });
}

/** Factory records already proposed as link targets in this run, so two contacts don't claim one. */
export async function claimedTargets(db: Executor, importId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ targetId: xeroContactImportRows.targetId })
    .from(xeroContactImportRows)
    .where(and(eq(xeroContactImportRows.importId, importId), eq(xeroContactImportRows.action, "link")));
  return new Set(rows.flatMap((row) => (row.targetId ? [row.targetId] : [])));
}

/** What matching needs of every customer or supplier (id, code, name, email, link). */
export function partiesForMatching(
  db: Executor,
  kind: PartyKind,
): Promise<{ id: string; code: string; name: string; email: string | null; xeroContactId: string | null }[]> {
  const table = partyTable(kind);
  return db
    .select({
      id: table.id,
      code: table.code,
      name: table.name,
      email: table.email,
      xeroContactId: table.xeroContactId,
    })
    .from(table);
}

export interface ImportRowFilter {
  search: string;
  action: ContactImportAction | "all";
  outcome: ContactImportOutcome | "all";
}

function rowFilter(importId: string, filter: ImportRowFilter): SQL | undefined {
  const pattern = filter.search ? `%${filter.search.replace(/[\\%_]/g, "\\$&")}%` : undefined;
  return and(
    eq(xeroContactImportRows.importId, importId),
    filter.action === "all" ? undefined : eq(xeroContactImportRows.action, filter.action),
    filter.outcome === "all" ? undefined : eq(xeroContactImportRows.outcome, filter.outcome),
    pattern
      ? or(
          ilike(xeroContactImportRows.name, pattern),
          ilike(xeroContactImportRows.email, pattern),
          ilike(xeroContactImportRows.contactNumber, pattern),
        )
      : undefined,
  );
}

export type ImportReviewRow = Pick<
  XeroContactImportRow,
  | "id"
  | "contactId"
  | "name"
  | "email"
  | "contactNumber"
  | "contactStatus"
  | "isCustomer"
  | "isSupplier"
  | "action"
  | "side"
  | "targetId"
  | "reason"
  | "outcome"
  | "error"
> & { targetCode: string | null; targetName: string | null };

/** One page of the review table, in Xero's order, with the name of each proposed Factory record. */
export async function listImportRows(
  db: Executor,
  importId: string,
  query: ImportRowFilter & { page: number; pageSize: number },
): Promise<Page<ImportReviewRow>> {
  const where = rowFilter(importId, query);
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: xeroContactImportRows.id,
        contactId: xeroContactImportRows.contactId,
        name: xeroContactImportRows.name,
        email: xeroContactImportRows.email,
        contactNumber: xeroContactImportRows.contactNumber,
        contactStatus: xeroContactImportRows.contactStatus,
        isCustomer: xeroContactImportRows.isCustomer,
        isSupplier: xeroContactImportRows.isSupplier,
        action: xeroContactImportRows.action,
        side: xeroContactImportRows.side,
        targetId: xeroContactImportRows.targetId,
        reason: xeroContactImportRows.reason,
        outcome: xeroContactImportRows.outcome,
        error: xeroContactImportRows.error,
        targetCode: sql<string | null>`coalesce(${customers.code}, ${suppliers.code})`,
        targetName: sql<string | null>`coalesce(${customers.name}, ${suppliers.name})`,
      })
      .from(xeroContactImportRows)
      .leftJoin(
        customers,
        and(eq(xeroContactImportRows.side, "customer"), eq(customers.id, xeroContactImportRows.targetId)),
      )
      .leftJoin(
        suppliers,
        and(eq(xeroContactImportRows.side, "supplier"), eq(suppliers.id, xeroContactImportRows.targetId)),
      )
      .where(where)
      .orderBy(asc(xeroContactImportRows.position))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(xeroContactImportRows)
      .where(where),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

/** How many rows have each action and each outcome, for the review header and the summary. */
export async function importRowCounts(
  db: Executor,
  importId: string,
): Promise<{ actions: Record<ContactImportAction, number>; outcomes: Record<ContactImportOutcome, number> }> {
  const rows = await db
    .select({
      action: xeroContactImportRows.action,
      outcome: xeroContactImportRows.outcome,
      count: sql<number>`count(*)::int`,
    })
    .from(xeroContactImportRows)
    .where(eq(xeroContactImportRows.importId, importId))
    .groupBy(xeroContactImportRows.action, xeroContactImportRows.outcome);
  const actions = { link: 0, create: 0, skip: 0, already_linked: 0 };
  const outcomes = { pending: 0, created: 0, linked: 0, unchanged: 0, skipped: 0, failed: 0 };
  for (const row of rows) {
    actions[row.action] += row.count;
    outcomes[row.outcome] += row.count;
  }
  return { actions, outcomes };
}

/**
 * Changes the action of the chosen rows (by id), or of every row the filter shows (bulk). "Link"
 * applies only to rows that have a proposed Factory record; "already linked" rows stay as they are.
 */
export async function setImportRowsAction(
  db: Executor,
  importId: string,
  target: { rowIds: string[] } | { filter: ImportRowFilter },
  change: { action?: "link" | "create" | "skip"; side?: PartyKind },
): Promise<number> {
  const scope =
    "rowIds" in target
      ? inArray(xeroContactImportRows.id, target.rowIds)
      : rowFilter(importId, target.filter);
  const updated = await db
    .update(xeroContactImportRows)
    .set({
      ...(change.action ? { action: change.action } : {}),
      // A record proposed on one side is not a record of the other: switching side drops the proposal.
      ...(change.side ? { side: change.side, targetId: null } : {}),
    })
    .where(
      and(
        eq(xeroContactImportRows.importId, importId),
        scope,
        sql`${xeroContactImportRows.action} <> 'already_linked'`,
        change.action === "link" && !change.side ? isNotNull(xeroContactImportRows.targetId) : undefined,
      ),
    )
    .returning({ id: xeroContactImportRows.id });
  return updated.length;
}

/** The next rows to import, locked for this step, in Xero's order. */
export function pendingImportRows(
  tx: Executor,
  importId: string,
  limit: number,
): Promise<XeroContactImportRow[]> {
  return tx
    .select()
    .from(xeroContactImportRows)
    .where(and(eq(xeroContactImportRows.importId, importId), eq(xeroContactImportRows.outcome, "pending")))
    .orderBy(asc(xeroContactImportRows.position))
    .limit(limit)
    .for("update", { skipLocked: true });
}

export async function setImportRowOutcomes(
  tx: Executor,
  outcomes: { id: string; outcome: ContactImportOutcome; error?: string | null; targetId?: string | null }[],
): Promise<void> {
  if (outcomes.length === 0) return;
  const values = sql.join(
    outcomes.map(
      (o) =>
        sql`(${o.id}::uuid, ${o.outcome}::contact_import_outcome, ${o.error ?? null}::text, ${o.targetId ?? null}::uuid)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    update ${xeroContactImportRows} as r
    set outcome = v.outcome, error = v.error, target_id = coalesce(v.target_id, r.target_id)
    from (values ${values}) as v(id, outcome, error, target_id)
    where r.id = v.id`);
}

/** The failed rows of a run with Xero's or Factory's reason, for the summary. */
export function failedImportRows(
  db: Executor,
  importId: string,
  limit = 100,
): Promise<Pick<XeroContactImportRow, "id" | "name" | "error">[]> {
  return db
    .select({
      id: xeroContactImportRows.id,
      name: xeroContactImportRows.name,
      error: xeroContactImportRows.error,
    })
    .from(xeroContactImportRows)
    .where(and(eq(xeroContactImportRows.importId, importId), eq(xeroContactImportRows.outcome, "failed")))
    .orderBy(asc(xeroContactImportRows.position))
    .limit(limit);
}

/**
 * Reserves `count` consecutive numbers of a series in one statement (an import creating 1,000
 * customers takes one counter update, not 1,000). Like `takeNumber`, the counter row stays locked
 * until the transaction ends, and a rollback hands the numbers back.
 */
export async function reserveNumbers(tx: Executor, series: NumberSeries, count: number): Promise<string[]> {
  if (count === 0) return [];
  const [row] = await tx
    .insert(numberCounters)
    .values({ series, lastValue: count })
    .onConflictDoUpdate({
      target: numberCounters.series,
      set: { lastValue: sql`${numberCounters.lastValue} + ${count}` },
    })
    .returning({ value: numberCounters.lastValue });
  if (!row) throw new Error(`number counter ${series} returned no row`);
  const first = row.value - count + 1;
  return Array.from({ length: count }, (_, i) => formatNumber(series, first + i));
}

/** Which of `contactIds` are already linked on `kind`'s side, and to which record. */
export async function linkedContacts(
  tx: Executor,
  kind: PartyKind,
  contactIds: string[],
): Promise<Map<string, string>> {
  if (contactIds.length === 0) return new Map();
  const table = partyTable(kind);
  const rows = await tx
    .select({ id: table.id, xeroContactId: table.xeroContactId })
    .from(table)
    .where(inArray(table.xeroContactId, contactIds));
  return new Map(rows.flatMap((row) => (row.xeroContactId ? [[row.xeroContactId, row.id] as const] : [])));
}

/**
 * The link and contact details of each of `partyIds`, locked for this batch; missing ids are
 * records deleted since the review.
 */
export async function partyLinks(
  tx: Executor,
  kind: PartyKind,
  partyIds: string[],
): Promise<Map<string, { xeroContactId: string | null; details: ContactDetailsSnapshot }>> {
  if (partyIds.length === 0) return new Map();
  const table = partyTable(kind);
  const rows = await tx
    .select({
      id: table.id,
      xeroContactId: table.xeroContactId,
      name: table.name,
      email: table.email,
      phone: table.phone,
      mobile: table.mobile,
      billingAddress: table.billingAddress,
      deliveryAddress: table.deliveryAddress,
    })
    .from(table)
    .where(inArray(table.id, partyIds))
    .for("update");
  return new Map(rows.map(({ id, xeroContactId, ...details }) => [id, { xeroContactId, details }]));
}

/**
 * Creates imported customers or suppliers in one statement, already linked to their contacts;
 * returns each new record's id by ContactID.
 */
export async function insertImportedParties(
  tx: Executor,
  kind: PartyKind,
  parties: { code: string; contactId: string; fallbackName: string; values: ImportedPartyValues }[],
  userId: string | null,
  /** For contacts without a DefaultCurrency: the organisation's base currency. */
  defaultCurrency: string,
): Promise<Map<string, string>> {
  if (parties.length === 0) return new Map();
  const table = partyTable(kind);
  const created = await tx
    .insert(table)
    .values(
      parties.map(({ code, contactId, fallbackName, values: v }) => {
        const terms = kind === "customer" ? v.salesTerms : v.billTerms;
        return {
          code,
          name: v.name || fallbackName,
          email: v.email,
          phone: v.phone,
          mobile: v.mobile,
          billingAddress: v.billingAddress,
          deliveryAddress: v.deliveryAddress,
          contactPeople: v.contactPeople,
          taxNumber: v.taxNumber,
          currency: v.currency ?? defaultCurrency,
          paymentTermsType: terms?.type ?? null,
          paymentTermsDay: terms?.day ?? null,
          xeroContactId: contactId,
          createdBy: userId,
          updatedBy: userId,
        };
      }),
    )
    .returning({ id: table.id, xeroContactId: table.xeroContactId });
  return new Map(created.flatMap((row) => (row.xeroContactId ? [[row.xeroContactId, row.id] as const] : [])));
}

/** Sets many links at once (import); like `setPartyContactLink`, the records' versions are kept. */
export async function linkPartiesToContacts(
  tx: Executor,
  kind: PartyKind,
  links: { partyId: string; contactId: string; currency: string | null }[],
): Promise<void> {
  if (links.length === 0) return;
  const table = partyTable(kind);
  const values = sql.join(
    links.map((link) => sql`(${link.partyId}::uuid, ${link.contactId}::uuid, ${link.currency}::char(3))`),
    sql`, `,
  );
  // The contact's DefaultCurrency, where Xero has one, becomes the record's default currency.
  await tx.execute(sql`
    update ${table} as p set xero_contact_id = v.contact_id, currency = coalesce(v.currency, p.currency)
    from (values ${values}) as v(party_id, contact_id, currency)
    where p.id = v.party_id`);
}

/** Audit rows for a batch of changes, in one statement (an import links or creates hundreds at once). */
export async function recordAudits(tx: Executor, events: (typeof auditEvents.$inferInsert)[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(auditEvents).values(events);
}
