import { sql } from "drizzle-orm";
import type { Executor } from "../client";
import {
  bills,
  creditNotes,
  customers,
  invoices,
  products,
  purchaseOrders,
  quotes,
  salesOrders,
  suppliers,
  users,
} from "../schema";

const TABLES = {
  customer: customers,
  supplier: suppliers,
  product: products,
  quote: quotes,
  sales_order: salesOrders,
  invoice: invoices,
  purchase_order: purchaseOrders,
  bill: bills,
  credit_note: creditNotes,
  supplier_credit: creditNotes,
  user: users,
};

export type RecordKind = keyof typeof TABLES;

/** Whether a record of this kind has this id (archived ones count: they still have a page). */
export async function recordExists(db: Executor, kind: RecordKind, id: string): Promise<boolean> {
  const rows = await db.execute(sql`select 1 from ${TABLES[kind]} where id = ${id} limit 1`);
  return rows.length > 0;
}
