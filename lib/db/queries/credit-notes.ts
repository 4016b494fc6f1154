import { and, asc, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../client";
import {
  billLines,
  bills,
  creditNoteLines,
  creditNotes,
  invoiceLines,
  invoices,
  purchaseOrders,
  salesOrders,
  type CreditNote,
  type CreditNoteKind,
  type CreditNoteStatus,
} from "../schema";
import { listDocuments, type DocumentListQuery, type DocumentListRow } from "./document-list";
import type { Page } from "./search";

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
 * Raises the credited quantity of invoice (bill) lines by what a credit note takes (lowers it, with a
 * negative quantity, when a credit note is voided). The lines' check (0 ≤ quantity_credited ≤
 * quantity) refuses over-crediting even when two people credit one line at once.
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

/** The credit note's row, locked for the transaction (voiding it). */
export async function lockCreditNote(tx: Executor, id: string): Promise<CreditNote | undefined> {
  const [row] = await tx.select().from(creditNotes).where(eq(creditNotes.id, id)).for("update");
  return row;
}

/** Marks the credit note voided (a new version). */
export async function markCreditNoteVoided(
  tx: Executor,
  id: string,
  userId: string | null,
): Promise<CreditNote> {
  const [row] = await tx
    .update(creditNotes)
    .set({
      status: "voided",
      updatedBy: userId,
      version: sql`${creditNotes.version} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(creditNotes.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

/** What each item line of the credit note credits: the invoice (bill) line and how much of it. */
export async function findCreditedQuantities(
  db: Executor,
  creditNoteId: string,
): Promise<{ lineId: string; quantity: string }[]> {
  const rows = await db
    .select({
      invoiceLineId: creditNoteLines.invoiceLineId,
      billLineId: creditNoteLines.billLineId,
      quantity: creditNoteLines.quantity,
    })
    .from(creditNoteLines)
    // Only item lines count towards a line's credited quantity (a rounding line names it too).
    .where(and(eq(creditNoteLines.creditNoteId, creditNoteId), eq(creditNoteLines.kind, "item")));
  return rows.flatMap((row) => {
    const lineId = row.invoiceLineId ?? row.billLineId;
    return lineId ? [{ lineId, quantity: row.quantity }] : [];
  });
}

/**
 * What the credits (not voided) of these invoice (bill) lines hold so far, item and rounding lines
 * summed per credited line (lib/factory/credit-remainder.ts), read in the crediting transaction.
 */
export async function creditedSoFar(
  tx: Executor,
  kind: CreditNoteKind,
  lineIds: readonly string[],
): Promise<Map<string, { lineAmount: string; taxAmount: string }>> {
  if (lineIds.length === 0) return new Map();
  const source = kind === "customer" ? creditNoteLines.invoiceLineId : creditNoteLines.billLineId;
  const rows = await tx
    .select({
      lineId: source,
      lineAmount: sql<string>`sum(${creditNoteLines.lineAmount})`,
      taxAmount: sql<string>`sum(${creditNoteLines.taxAmount})`,
    })
    .from(creditNoteLines)
    .innerJoin(creditNotes, eq(creditNotes.id, creditNoteLines.creditNoteId))
    .where(and(inArray(source, [...lineIds]), ne(creditNotes.status, "voided")))
    .groupBy(source);
  return new Map(
    rows.flatMap((row) =>
      row.lineId ? [[row.lineId, { lineAmount: row.lineAmount, taxAmount: row.taxAmount }] as const] : [],
    ),
  );
}

/** `column in (ids…)`, or false for no ids. */
const anyOf = (column: SQL, ids: readonly string[]): SQL =>
  ids.length === 0
    ? sql`false`
    : sql`${column} in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`;

/**
 * Credit notes whose allocation waits for the invoice (bill) they credit to be approved in Xero, among
 * these invoices (bills), once Xero holds them AUTHORISED (their stored read-back copy): issued, in
 * Xero and not being sent, their allocation tried and left waiting (markAllocationWaiting). Read-back
 * queues them, and their send makes the allocation.
 */
export async function creditsAwaitingApproval(
  db: Executor,
  credited: readonly { recordType: string; recordId: string }[],
): Promise<{ type: "credit_note" | "supplier_credit"; id: string }[]> {
  const invoiceIds = credited.filter((c) => c.recordType === "invoice").map((c) => c.recordId);
  const billIds = credited.filter((c) => c.recordType === "bill").map((c) => c.recordId);
  if (invoiceIds.length === 0 && billIds.length === 0) return [];
  const rows = await db.execute<{ id: string; kind: CreditNoteKind }>(sql`
    select c.id, c.kind from credit_notes c
    join document_sync_states d
      on (d.record_type = 'invoice' and d.record_id = c.invoice_id)
      or (d.record_type = 'bill' and d.record_id = c.bill_id)
    join document_sync_states s
      on s.record_type = (case c.kind when 'customer' then 'credit_note' else 'supplier_credit' end)::sync_document_type
      and s.record_id = c.id
    where d.xero_status = 'AUTHORISED' and c.status = 'issued'
      and c.allocated_amount is not null and c.allocation_settled_at is null
      and s.xero_id is not null and s.state = 'sent'
      and (${anyOf(sql`c.invoice_id`, invoiceIds)} or ${anyOf(sql`c.bill_id`, billIds)})`);
  return rows.map((row) => ({
    type: row.kind === "customer" ? ("credit_note" as const) : ("supplier_credit" as const),
    id: row.id,
  }));
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

/** Records that the allocation waits for the invoice (bill) to be approved in Xero (nothing allocated yet). */
export async function markAllocationWaiting(tx: Executor, id: string): Promise<void> {
  await tx
    .update(creditNotes)
    .set({ allocatedAmount: "0.00", allocationSettledAt: null })
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

/** Where each kind of credit note finds its party: through the invoice (bill) it credits, and its order. */
const LIST_BY_KIND = {
  customer: {
    party: "customer",
    recordType: "credit_note",
    partyId: salesOrders.customerId,
    credited: {
      table: invoices,
      id: invoices.id,
      number: invoices.number,
      orderId: creditNotes.invoiceId,
      through: { table: salesOrders, on: eq(salesOrders.id, invoices.salesOrderId) },
    },
  },
  supplier: {
    party: "supplier",
    recordType: "supplier_credit",
    partyId: purchaseOrders.supplierId,
    credited: {
      table: bills,
      id: bills.id,
      number: bills.number,
      orderId: creditNotes.billId,
      through: { table: purchaseOrders, on: eq(purchaseOrders.id, bills.purchaseOrderId) },
    },
  },
} as const;

/**
 * One page of credit notes of one kind (customer credits or supplier credits), with their customers'
 * (suppliers') names through the invoice's (bill's) order, the invoice (bill) each credits as its
 * "order" column, and Xero's number and state; the search also finds one by the invoice's (bill's) number.
 */
export async function listCreditNotes(
  db: Executor,
  kind: CreditNoteKind,
  query: DocumentListQuery<CreditNoteStatus>,
): Promise<Page<DocumentListRow<CreditNoteStatus>>> {
  const by = LIST_BY_KIND[kind];
  return listDocuments(
    db,
    query,
    creditNotes,
    {
      id: creditNotes.id,
      number: creditNotes.number,
      status: creditNotes.status,
      date: creditNotes.creditDate,
      reference: creditNotes.reference,
      partyId: by.partyId,
      currency: creditNotes.currency,
      total: creditNotes.total,
    },
    by.party,
    by.recordType,
    by.credited,
    eq(creditNotes.kind, kind),
  );
}
