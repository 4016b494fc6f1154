import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../client";
import {
  billLines,
  creditNoteLines,
  creditNotes,
  invoiceLines,
  type CreditNote,
  type CreditNoteKind,
} from "../schema";

export type NewCreditNote = typeof creditNotes.$inferInsert;
export type NewCreditNoteLine = Omit<typeof creditNoteLines.$inferInsert, "creditNoteId">;

export async function findCreditNoteByIdempotencyKey(
  db: Executor,
  key: string,
): Promise<CreditNote | undefined> {
  const [row] = await db.select().from(creditNotes).where(eq(creditNotes.idempotencyKey, key));
  return row;
}

export async function insertCreditNote(
  tx: Executor,
  values: NewCreditNote,
  lines: readonly NewCreditNoteLine[],
): Promise<CreditNote> {
  const [row] = await tx.insert(creditNotes).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  if (lines.length > 0) {
    await tx.insert(creditNoteLines).values(lines.map((line) => ({ ...line, creditNoteId: row.id })));
  }
  return row;
}

/**
 * Raises the credited quantity of invoice (bill) lines by what a credit note takes. The lines' check
 * (quantity_credited ≤ quantity) refuses over-crediting even when two people credit one line at once.
 */
export async function addQuantityCredited(
  tx: Executor,
  kind: CreditNoteKind,
  credited: readonly { lineId: string; quantity: string }[],
): Promise<void> {
  const table = kind === "customer" ? invoiceLines : billLines;
  for (const { lineId, quantity } of credited) {
    await tx
      .update(table)
      .set({ quantityCredited: sql`${table.quantityCredited} + ${quantity}` })
      .where(eq(table.id, lineId));
  }
}

/** A credit note with its lines in order and what it credits: the invoice (its order and customer) or the bill (its purchase order and supplier). */
export async function findCreditNote(db: Executor, id: string) {
  return db.query.creditNotes.findFirst({
    where: eq(creditNotes.id, id),
    with: {
      lines: { orderBy: [asc(creditNoteLines.position)] },
      invoice: {
        columns: { id: true, number: true, total: true, status: true },
        with: {
          salesOrder: {
            columns: { id: true, number: true },
            with: { customer: { columns: { id: true, code: true, name: true } } },
          },
        },
      },
      bill: {
        columns: { id: true, number: true, total: true, status: true },
        with: {
          purchaseOrder: {
            columns: { id: true, number: true },
            with: { supplier: { columns: { id: true, code: true, name: true } } },
          },
        },
      },
    },
  });
}

export type CreditNoteDetail = NonNullable<Awaited<ReturnType<typeof findCreditNote>>>;

/** The credit notes of one invoice or bill, newest first. */
export async function listCreditNotesOf(
  db: Executor,
  of: { invoiceId: string } | { billId: string },
): Promise<CreditNote[]> {
  return db
    .select()
    .from(creditNotes)
    .where("invoiceId" in of ? eq(creditNotes.invoiceId, of.invoiceId) : eq(creditNotes.billId, of.billId))
    .orderBy(desc(creditNotes.createdAt), desc(creditNotes.number));
}

/** Records that Xero's allocation of the credit note is settled (the amount allocated, 0 when nothing was due). */
export async function settleAllocation(tx: Executor, id: string, amount: string): Promise<void> {
  await tx
    .update(creditNotes)
    .set({ allocatedAmount: amount, allocationSettledAt: new Date() })
    .where(eq(creditNotes.id, id));
}

/** For the planner: which of these credit notes have their allocation settled, and what they credit. */
export async function creditNoteAllocations(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { settled: boolean; invoiceId: string | null; billId: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: creditNotes.id,
      settledAt: creditNotes.allocationSettledAt,
      invoiceId: creditNotes.invoiceId,
      billId: creditNotes.billId,
    })
    .from(creditNotes)
    .where(and(inArray(creditNotes.id, [...ids])));
  return new Map(
    rows.map((row) => [row.id, { settled: !!row.settledAt, invoiceId: row.invoiceId, billId: row.billId }]),
  );
}
