import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { quoteLines, quotes, salesOrders, type Quote, type QuoteStatus } from "../schema";
import { listDocuments, type DocumentListQuery, type DocumentListRow } from "./document-list";
import type { Page } from "./search";

export type QuoteValues = Omit<typeof quotes.$inferInsert, "id" | "version" | "createdAt" | "updatedAt">;
export type QuoteLineValues = Omit<typeof quoteLines.$inferInsert, "id" | "quoteId">;

/** One page of quotes with their customers' names; the count uses the same filter. */
export async function listQuotes(
  db: Executor,
  query: DocumentListQuery<QuoteStatus>,
): Promise<Page<DocumentListRow<QuoteStatus>>> {
  return listDocuments(
    db,
    query,
    quotes,
    {
      id: quotes.id,
      number: quotes.number,
      status: quotes.status,
      date: quotes.issueDate,
      reference: quotes.reference,
      partyId: quotes.customerId,
      currency: quotes.currency,
      total: quotes.total,
    },
    "customer",
    "quote",
  );
}

/** A quote with its customer, its lines in order, and the sales order it became (if any). */
export async function findQuote(db: Executor, id: string) {
  const quote = await db.query.quotes.findFirst({
    where: eq(quotes.id, id),
    with: {
      customer: { columns: { id: true, code: true, name: true, email: true, currency: true } },
      lines: { orderBy: [asc(quoteLines.position)] },
    },
  });
  if (!quote) return undefined;
  return { ...quote, salesOrder: (await findSalesOrderOfQuote(db, id)) ?? null };
}

/** The sales order a quote was converted into, if it has been. */
export async function findSalesOrderOfQuote(
  db: Executor,
  quoteId: string,
): Promise<{ id: string; number: string } | undefined> {
  const [row] = await db
    .select({ id: salesOrders.id, number: salesOrders.number })
    .from(salesOrders)
    .where(eq(salesOrders.quoteId, quoteId));
  return row;
}

export type QuoteDetail = NonNullable<Awaited<ReturnType<typeof findQuote>>>;

export async function findQuoteByIdempotencyKey(db: Executor, key: string): Promise<Quote | undefined> {
  const [row] = await db.select().from(quotes).where(eq(quotes.idempotencyKey, key));
  return row;
}

/** Locks the quote row until the transaction ends, so edits, status changes and conversion queue up. */
export async function lockQuote(tx: Executor, id: string): Promise<Quote | undefined> {
  const [row] = await tx.select().from(quotes).where(eq(quotes.id, id)).for("update");
  return row;
}

export async function insertQuote(tx: Executor, values: QuoteValues): Promise<Quote> {
  const [row] = await tx.insert(quotes).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Applies changes and bumps the version; call after `lockQuote` has checked the version. */
export async function updateQuote(tx: Executor, id: string, changes: Partial<QuoteValues>): Promise<Quote> {
  const [row] = await tx
    .update(quotes)
    .set({ ...changes, version: sql`${quotes.version} + 1`, updatedAt: new Date() })
    .where(eq(quotes.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

/** Replaces a quote's lines; nothing refers to quote lines, so they are simply rewritten. */
export async function replaceQuoteLines(
  tx: Executor,
  quoteId: string,
  lines: QuoteLineValues[],
): Promise<void> {
  await tx.delete(quoteLines).where(eq(quoteLines.quoteId, quoteId));
  if (lines.length > 0) await tx.insert(quoteLines).values(lines.map((line) => ({ ...line, quoteId })));
}

export async function findQuoteLines(db: Executor, quoteId: string) {
  return db
    .select()
    .from(quoteLines)
    .where(eq(quoteLines.quoteId, quoteId))
    .orderBy(asc(quoteLines.position));
}
