import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Executor } from "../client";
import {
  invoiceLines,
  invoices,
  salesOrderLines,
  salesOrders,
  type Invoice,
  type InvoiceLine,
  type SalesOrder,
  type SalesOrderLine,
  type SalesOrderStatus,
} from "../schema";
import { listDocuments, type DocumentListQuery, type DocumentListRow } from "./document-list";
import type { Page } from "./search";

export type SalesOrderValues = Omit<
  typeof salesOrders.$inferInsert,
  "id" | "version" | "createdAt" | "updatedAt"
>;
export type SalesOrderLineValues = Omit<
  typeof salesOrderLines.$inferInsert,
  "id" | "salesOrderId" | "quantityInvoiced"
>;
export type InvoiceValues = Omit<typeof invoices.$inferInsert, "id" | "version" | "createdAt" | "updatedAt">;
export type InvoiceLineValues = Omit<typeof invoiceLines.$inferInsert, "id" | "invoiceId">;

export async function listSalesOrders(
  db: Executor,
  query: DocumentListQuery<SalesOrderStatus>,
): Promise<Page<DocumentListRow<SalesOrderStatus>>> {
  return listDocuments(
    db,
    query,
    salesOrders,
    {
      id: salesOrders.id,
      number: salesOrders.number,
      status: salesOrders.status,
      date: salesOrders.orderDate,
      reference: salesOrders.reference,
      partyId: salesOrders.customerId,
      currency: salesOrders.currency,
      total: salesOrders.total,
    },
    "customer",
    "sales_order",
  );
}

/** A sales order with its customer, lines, source quote and invoices (each with its lines). */
export async function findSalesOrder(db: Executor, id: string) {
  return db.query.salesOrders.findFirst({
    where: eq(salesOrders.id, id),
    with: {
      customer: {
        columns: {
          id: true,
          code: true,
          name: true,
          email: true,
          currency: true,
          paymentTermsType: true,
          paymentTermsDay: true,
        },
      },
      quote: { columns: { id: true, number: true } },
      lines: { orderBy: [asc(salesOrderLines.position)] },
      invoices: {
        orderBy: [desc(invoices.issueDate), desc(invoices.number)],
        with: { lines: { orderBy: [asc(invoiceLines.position)] } },
      },
    },
  });
}

export type SalesOrderDetail = NonNullable<Awaited<ReturnType<typeof findSalesOrder>>>;

export async function findSalesOrderByIdempotencyKey(
  db: Executor,
  key: string,
): Promise<SalesOrder | undefined> {
  const [row] = await db.select().from(salesOrders).where(eq(salesOrders.idempotencyKey, key));
  return row;
}

/** Locks the order row until the transaction ends: edits, status changes and invoicing of one order queue up. */
export async function lockSalesOrder(tx: Executor, id: string): Promise<SalesOrder | undefined> {
  const [row] = await tx.select().from(salesOrders).where(eq(salesOrders.id, id)).for("update");
  return row;
}

export async function insertSalesOrder(tx: Executor, values: SalesOrderValues): Promise<SalesOrder> {
  const [row] = await tx.insert(salesOrders).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateSalesOrder(
  tx: Executor,
  id: string,
  changes: Partial<SalesOrderValues>,
): Promise<SalesOrder> {
  const [row] = await tx
    .update(salesOrders)
    .set({ ...changes, version: sql`${salesOrders.version} + 1`, updatedAt: new Date() })
    .where(eq(salesOrders.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

export async function findSalesOrderLines(db: Executor, salesOrderId: string): Promise<SalesOrderLine[]> {
  return db
    .select()
    .from(salesOrderLines)
    .where(eq(salesOrderLines.salesOrderId, salesOrderId))
    .orderBy(asc(salesOrderLines.position));
}

export async function insertSalesOrderLines(
  tx: Executor,
  salesOrderId: string,
  lines: SalesOrderLineValues[],
): Promise<void> {
  if (lines.length > 0)
    await tx.insert(salesOrderLines).values(lines.map((line) => ({ ...line, salesOrderId })));
}

export async function updateSalesOrderLine(
  tx: Executor,
  id: string,
  values: SalesOrderLineValues,
): Promise<void> {
  await tx.update(salesOrderLines).set(values).where(eq(salesOrderLines.id, id));
}

/** Deletes lines of an order; the caller has checked that none of them is invoiced. */
export async function deleteSalesOrderLines(
  tx: Executor,
  salesOrderId: string,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .delete(salesOrderLines)
    .where(and(eq(salesOrderLines.salesOrderId, salesOrderId), inArray(salesOrderLines.id, ids)));
}

/**
 * Raises a line's invoiced quantity in place (`quantity_invoiced + n`), so the database's check
 * (invoiced ≤ ordered) judges the sum even if two invoices are made at the same moment.
 */
export async function addQuantityInvoiced(
  tx: Executor,
  lineId: string,
  quantity: string,
): Promise<SalesOrderLine> {
  const [row] = await tx
    .update(salesOrderLines)
    .set({ quantityInvoiced: sql`${salesOrderLines.quantityInvoiced} + ${quantity}::numeric` })
    .where(eq(salesOrderLines.id, lineId))
    .returning();
  if (!row) throw new Error("order line vanished");
  return row;
}

/** Every line of the order's invoices not voided: what the invoice that completes the order adds up against. */
export async function findOrderInvoiceLines(db: Executor, salesOrderId: string): Promise<InvoiceLine[]> {
  const rows = await db
    .select({ line: invoiceLines })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
    .where(and(eq(invoices.salesOrderId, salesOrderId), ne(invoices.status, "voided")));
  return rows.map((row) => row.line);
}

export async function findInvoiceByIdempotencyKey(db: Executor, key: string): Promise<Invoice | undefined> {
  const [row] = await db.select().from(invoices).where(eq(invoices.idempotencyKey, key));
  return row;
}

export async function insertInvoice(
  tx: Executor,
  values: InvoiceValues,
  lines: InvoiceLineValues[],
): Promise<Invoice> {
  const [invoice] = await tx.insert(invoices).values(values).returning();
  if (!invoice) throw new Error("insert returned no row");
  await tx.insert(invoiceLines).values(lines.map((line) => ({ ...line, invoiceId: invoice.id })));
  return invoice;
}
