import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { invoiceLines, invoices, salesOrders, type Invoice, type InvoiceStatus } from "../schema";
import { listDocuments, type DocumentListQuery, type DocumentListRow } from "./document-list";
import type { Page } from "./search";

/**
 * One page of invoices with their customers' names (through their sales orders), their orders'
 * numbers and Xero's number and state; the search also finds an invoice by its order's number.
 */
export async function listInvoices(
  db: Executor,
  query: DocumentListQuery<InvoiceStatus>,
): Promise<Page<DocumentListRow<InvoiceStatus>>> {
  return listDocuments(
    db,
    query,
    invoices,
    {
      id: invoices.id,
      number: invoices.number,
      status: invoices.status,
      date: invoices.issueDate,
      reference: invoices.reference,
      partyId: salesOrders.customerId,
      currency: invoices.currency,
      total: invoices.total,
    },
    "customer",
    "invoice",
    { table: salesOrders, id: salesOrders.id, number: salesOrders.number, orderId: invoices.salesOrderId },
  );
}

/** An invoice with its lines in order, its sales order and the order's customer. */
export async function findInvoice(db: Executor, id: string) {
  return db.query.invoices.findFirst({
    where: eq(invoices.id, id),
    with: {
      lines: { orderBy: [asc(invoiceLines.position)] },
      salesOrder: {
        columns: { id: true, number: true, status: true, customerId: true },
        with: { customer: { columns: { id: true, code: true, name: true } } },
      },
    },
  });
}

export type InvoiceDetail = NonNullable<Awaited<ReturnType<typeof findInvoice>>>;

/** Locks the invoice row until the transaction ends: edits of one invoice queue up. */
export async function lockInvoice(tx: Executor, id: string): Promise<Invoice | undefined> {
  const [row] = await tx.select().from(invoices).where(eq(invoices.id, id)).for("update");
  return row;
}

export async function updateInvoice(
  tx: Executor,
  id: string,
  changes: Partial<
    Pick<Invoice, "dueDate" | "reference" | "notes" | "status" | "idempotencyKey" | "updatedBy">
  >,
): Promise<Invoice> {
  const [row] = await tx
    .update(invoices)
    .set({ ...changes, version: sql`${invoices.version} + 1`, updatedAt: new Date() })
    .where(eq(invoices.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

export async function findInvoiceLines(db: Executor, invoiceId: string) {
  return db
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoiceId))
    .orderBy(asc(invoiceLines.position));
}

/** Changes one line's description; the line must belong to the invoice. */
export async function updateInvoiceLineDescription(
  tx: Executor,
  invoiceId: string,
  lineId: string,
  description: string,
): Promise<void> {
  await tx
    .update(invoiceLines)
    .set({ description })
    .where(and(eq(invoiceLines.invoiceId, invoiceId), eq(invoiceLines.id, lineId)));
}
