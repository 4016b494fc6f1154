import { count } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import {
  bills,
  customers,
  invoices,
  products,
  purchaseOrders,
  quotes,
  salesOrders,
  suppliers,
} from "@/lib/db/schema";
import { seedDemoData } from "@/lib/db/seed/demo-data";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";

/** The demo seed needs an empty database (it does nothing once any customer exists), so it gets its own. */
let database: TestDatabase;
let connection: { db: Db; close: () => Promise<void> };

beforeAll(async () => {
  database = await createTestDatabase("seed");
  connection = createDb(database.url, { max: 4 });
});

afterAll(async () => {
  await connection?.close();
  await database?.drop();
});

async function counts(db: Db) {
  const rows = async (table: PgTable) => (await db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return {
    customers: await rows(customers),
    suppliers: await rows(suppliers),
    products: await rows(products),
    quotes: await rows(quotes),
    salesOrders: await rows(salesOrders),
    invoices: await rows(invoices),
    purchaseOrders: await rows(purchaseOrders),
    bills: await rows(bills),
  };
}

describe("demo seed", () => {
  it("seeds an empty database once, even when two starts race", async () => {
    const { db } = connection;
    const results = await Promise.all([seedDemoData(db), seedDemoData(db)]);
    expect(results.sort()).toEqual([false, true]);

    const seeded = await counts(db);
    expect(seeded).toMatchObject({ quotes: 4, salesOrders: 4, invoices: 2, purchaseOrders: 3, bills: 2 });
    expect(seeded.customers).toBeGreaterThanOrEqual(5);
    expect(seeded.suppliers).toBeGreaterThanOrEqual(3);
    expect(seeded.products).toBeGreaterThanOrEqual(12);

    const statuses = (await db.select({ status: quotes.status }).from(quotes)).map((q) => q.status).sort();
    expect(statuses).toEqual(["accepted", "declined", "draft", "sent"]);
    const orderStatuses = (await db.select({ status: salesOrders.status }).from(salesOrders)).map(
      (o) => o.status,
    );
    expect(orderStatuses).toEqual(expect.arrayContaining(["partially_invoiced", "invoiced", "draft"]));

    expect(await seedDemoData(db)).toBe(false);
    expect(await counts(db)).toEqual(seeded);
  });
});
