import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Executor } from "../client";
import {
  billLines,
  bills,
  purchaseOrderLines,
  purchaseOrders,
  type Bill,
  type BillLine,
  type PurchaseOrder,
  type PurchaseOrderLine,
  type PurchaseOrderStatus,
} from "../schema";
import { listDocuments, type DocumentListQuery, type DocumentListRow } from "./document-list";
import type { Page } from "./search";

export type PurchaseOrderValues = Omit<
  typeof purchaseOrders.$inferInsert,
  "id" | "version" | "createdAt" | "updatedAt"
>;
export type PurchaseOrderLineValues = Omit<
  typeof purchaseOrderLines.$inferInsert,
  "id" | "purchaseOrderId" | "quantityBilled"
>;
export type BillValues = Omit<typeof bills.$inferInsert, "id" | "version" | "createdAt" | "updatedAt">;
export type BillLineValues = Omit<typeof billLines.$inferInsert, "id" | "billId">;

export async function listPurchaseOrders(
  db: Executor,
  query: DocumentListQuery<PurchaseOrderStatus>,
): Promise<Page<DocumentListRow<PurchaseOrderStatus>>> {
  return listDocuments(
    db,
    query,
    purchaseOrders,
    {
      id: purchaseOrders.id,
      number: purchaseOrders.number,
      status: purchaseOrders.status,
      date: purchaseOrders.orderDate,
      reference: purchaseOrders.reference,
      partyId: purchaseOrders.supplierId,
      currency: purchaseOrders.currency,
      total: purchaseOrders.total,
    },
    "supplier",
    "purchase_order",
  );
}

/** A purchase order with its supplier, lines and bills (each with its lines). */
export async function findPurchaseOrder(db: Executor, id: string) {
  return db.query.purchaseOrders.findFirst({
    where: eq(purchaseOrders.id, id),
    with: {
      supplier: {
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
      lines: { orderBy: [asc(purchaseOrderLines.position)] },
      bills: {
        orderBy: [desc(bills.billDate), desc(bills.number)],
        with: { lines: { orderBy: [asc(billLines.position)] } },
      },
    },
  });
}

export type PurchaseOrderDetail = NonNullable<Awaited<ReturnType<typeof findPurchaseOrder>>>;

export async function findPurchaseOrderByIdempotencyKey(
  db: Executor,
  key: string,
): Promise<PurchaseOrder | undefined> {
  const [row] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.idempotencyKey, key));
  return row;
}

/** Locks the order row until the transaction ends: edits, status changes and billing of one order queue up. */
export async function lockPurchaseOrder(tx: Executor, id: string): Promise<PurchaseOrder | undefined> {
  const [row] = await tx.select().from(purchaseOrders).where(eq(purchaseOrders.id, id)).for("update");
  return row;
}

export async function insertPurchaseOrder(tx: Executor, values: PurchaseOrderValues): Promise<PurchaseOrder> {
  const [row] = await tx.insert(purchaseOrders).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updatePurchaseOrder(
  tx: Executor,
  id: string,
  changes: Partial<PurchaseOrderValues>,
): Promise<PurchaseOrder> {
  const [row] = await tx
    .update(purchaseOrders)
    .set({ ...changes, version: sql`${purchaseOrders.version} + 1`, updatedAt: new Date() })
    .where(eq(purchaseOrders.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

export async function findPurchaseOrderLines(
  db: Executor,
  purchaseOrderId: string,
): Promise<PurchaseOrderLine[]> {
  return db
    .select()
    .from(purchaseOrderLines)
    .where(eq(purchaseOrderLines.purchaseOrderId, purchaseOrderId))
    .orderBy(asc(purchaseOrderLines.position));
}

export async function insertPurchaseOrderLines(
  tx: Executor,
  purchaseOrderId: string,
  lines: PurchaseOrderLineValues[],
): Promise<void> {
  if (lines.length > 0)
    await tx.insert(purchaseOrderLines).values(lines.map((line) => ({ ...line, purchaseOrderId })));
}

export async function updatePurchaseOrderLine(
  tx: Executor,
  id: string,
  values: PurchaseOrderLineValues,
): Promise<void> {
  await tx.update(purchaseOrderLines).set(values).where(eq(purchaseOrderLines.id, id));
}

/** Deletes lines of an order; the caller has checked that none of them is billed. */
export async function deletePurchaseOrderLines(
  tx: Executor,
  purchaseOrderId: string,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .delete(purchaseOrderLines)
    .where(and(eq(purchaseOrderLines.purchaseOrderId, purchaseOrderId), inArray(purchaseOrderLines.id, ids)));
}

/**
 * Raises a line's billed quantity in place (`quantity_billed + n`), so the database's check
 * (billed ≤ ordered) judges the sum even if two bills are made at the same moment.
 */
export async function addQuantityBilled(
  tx: Executor,
  lineId: string,
  quantity: string,
): Promise<PurchaseOrderLine> {
  const [row] = await tx
    .update(purchaseOrderLines)
    .set({ quantityBilled: sql`${purchaseOrderLines.quantityBilled} + ${quantity}::numeric` })
    .where(eq(purchaseOrderLines.id, lineId))
    .returning();
  if (!row) throw new Error("order line vanished");
  return row;
}

/** Every line of the order's bills not voided: what the bill that completes the order adds up against. */
export async function findOrderBillLines(db: Executor, purchaseOrderId: string): Promise<BillLine[]> {
  const rows = await db
    .select({ line: billLines })
    .from(billLines)
    .innerJoin(bills, eq(bills.id, billLines.billId))
    .where(and(eq(bills.purchaseOrderId, purchaseOrderId), ne(bills.status, "voided")));
  return rows.map((row) => row.line);
}

export async function findBillByIdempotencyKey(db: Executor, key: string): Promise<Bill | undefined> {
  const [row] = await db.select().from(bills).where(eq(bills.idempotencyKey, key));
  return row;
}

export async function insertBill(tx: Executor, values: BillValues, lines: BillLineValues[]): Promise<Bill> {
  const [bill] = await tx.insert(bills).values(values).returning();
  if (!bill) throw new Error("insert returned no row");
  await tx.insert(billLines).values(lines.map((line) => ({ ...line, billId: bill.id })));
  return bill;
}
