import { sql } from "drizzle-orm";
import type { Executor } from "../client";
import { customers, products, purchaseOrders, quotes, salesOrders, suppliers } from "../schema";

export type RecordCounts = {
  customers: number;
  suppliers: number;
  products: number;
  openQuotes: number;
  openSalesOrders: number;
  openPurchaseOrders: number;
};

/** The Overview's record counts in one round trip: live records, and documents still in progress. */
export async function countRecords(db: Executor): Promise<RecordCounts> {
  const [row] = await db.execute<RecordCounts>(sql`
    select
      (select count(*) from ${customers} where ${customers.archivedAt} is null)::int as "customers",
      (select count(*) from ${suppliers} where ${suppliers.archivedAt} is null)::int as "suppliers",
      (select count(*) from ${products} where ${products.active})::int as "products",
      (select count(*) from ${quotes} where ${quotes.status} in ('draft', 'sent'))::int as "openQuotes",
      (select count(*) from ${salesOrders}
        where ${salesOrders.status} in ('draft', 'confirmed', 'partially_invoiced'))::int as "openSalesOrders",
      (select count(*) from ${purchaseOrders}
        where ${purchaseOrders.status} in ('draft', 'sent', 'partially_billed'))::int as "openPurchaseOrders"
  `);
  if (!row) throw new Error("count query returned no row");
  return row;
}
