import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { billLines, bills, purchaseOrders, type Bill, type BillStatus } from "../schema";
import { listDocuments, type DocumentListQuery, type DocumentListRow } from "./document-list";
import type { Page } from "./search";

/**
 * One page of bills with their suppliers' names (through their purchase orders), their orders'
 * numbers and Xero's number and state. A bill's "reference" is the supplier's invoice number; the
 * search also finds a bill by its order's number.
 */
export async function listBills(
  db: Executor,
  query: DocumentListQuery<BillStatus>,
): Promise<Page<DocumentListRow<BillStatus>>> {
  return listDocuments(
    db,
    query,
    bills,
    {
      id: bills.id,
      number: bills.number,
      status: bills.status,
      date: bills.billDate,
      reference: bills.supplierInvoiceNumber,
      partyId: purchaseOrders.supplierId,
      currency: bills.currency,
      total: bills.total,
    },
    "supplier",
    "bill",
    {
      table: purchaseOrders,
      id: purchaseOrders.id,
      number: purchaseOrders.number,
      orderId: bills.purchaseOrderId,
    },
  );
}

/** A bill with its lines in order, its purchase order and the order's supplier. */
export async function findBill(db: Executor, id: string) {
  return db.query.bills.findFirst({
    where: eq(bills.id, id),
    with: {
      lines: { orderBy: [asc(billLines.position)] },
      purchaseOrder: {
        columns: { id: true, number: true, status: true, supplierId: true },
        with: { supplier: { columns: { id: true, code: true, name: true } } },
      },
    },
  });
}

export type BillDetail = NonNullable<Awaited<ReturnType<typeof findBill>>>;

/** Locks the bill row until the transaction ends: edits of one bill queue up. */
export async function lockBill(tx: Executor, id: string): Promise<Bill | undefined> {
  const [row] = await tx.select().from(bills).where(eq(bills.id, id)).for("update");
  return row;
}

export async function updateBill(
  tx: Executor,
  id: string,
  changes: Partial<
    Pick<Bill, "supplierInvoiceNumber" | "dueDate" | "notes" | "status" | "idempotencyKey" | "updatedBy">
  >,
): Promise<Bill> {
  const [row] = await tx
    .update(bills)
    .set({ ...changes, version: sql`${bills.version} + 1`, updatedAt: new Date() })
    .where(eq(bills.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

export async function findBillLines(db: Executor, billId: string) {
  return db.select().from(billLines).where(eq(billLines.billId, billId)).orderBy(asc(billLines.position));
}

/** Changes one line's description; the line must belong to the bill. */
export async function updateBillLineDescription(
  tx: Executor,
  billId: string,
  lineId: string,
  description: string,
): Promise<void> {
  await tx
    .update(billLines)
    .set({ description })
    .where(and(eq(billLines.billId, billId), eq(billLines.id, lineId)));
}
