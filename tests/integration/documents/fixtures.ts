import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import type { DocumentListQuery } from "@/lib/db/queries/document-list";
import {
  auditEvents,
  customers,
  numberCounters,
  products,
  suppliers,
  taxRates,
  users,
} from "@/lib/db/schema";
import type { DocumentLineValues } from "@/lib/factory/document-fields";
import type { PurchaseOrderFormValues } from "@/lib/factory/purchase-order-schema";
import type { QuoteFormValues } from "@/lib/factory/quote-schema";
import type { SalesOrderFormValues } from "@/lib/factory/sales-order-schema";

/** A staff member, a customer, a supplier and a product for one test file; codes are unique per call. */
export async function seedBasics(db: Db) {
  const tag = randomUUID().slice(0, 8);
  const [gst] = await db.select().from(taxRates).where(eq(taxRates.name, "GST 15%"));
  const [user] = await db
    .insert(users)
    .values({ email: `staff-${tag}@example.test`, name: "Staff", passwordHash: "x" })
    .returning();
  const [customer] = await db
    .insert(customers)
    .values({
      code: `CT-${tag}`,
      name: `Customer ${tag}`,
      currency: "NZD",
      paymentTermsType: "day_of_following_month",
      paymentTermsDay: 20,
    })
    .returning();
  const [supplier] = await db
    .insert(suppliers)
    .values({ code: `ST-${tag}`, name: `Supplier ${tag}`, currency: "NZD" })
    .returning();
  const [product] = await db
    .insert(products)
    .values({
      sku: `P-${tag}`,
      name: "Steel bracket",
      salePrice: "12.5000",
      purchaseCost: "7.2500",
      taxRateId: gst!.id,
    })
    .returning();
  return { gst: gst!, user: user!, customer: customer!, supplier: supplier!, product: product! };
}

export function line(overrides: Partial<DocumentLineValues> = {}): DocumentLineValues {
  return {
    id: "",
    productId: "",
    description: "Laser cutting, 3 mm plate",
    quantity: "10",
    unitPrice: "12.50",
    discountPercent: "",
    taxRateId: "",
    ...overrides,
  };
}

const common = () => ({
  id: "",
  version: 0,
  idempotencyKey: randomUUID(),
  currency: "NZD",
  taxMode: "exclusive" as const,
  reference: "",
  notes: "",
});

export function quoteForm(customerId: string, overrides: Partial<QuoteFormValues> = {}): QuoteFormValues {
  return { ...common(), customerId, issueDate: "2026-11-25", expiryDate: "", lines: [line()], ...overrides };
}

export function salesOrderForm(
  customerId: string,
  overrides: Partial<SalesOrderFormValues> = {},
): SalesOrderFormValues {
  return {
    ...common(),
    customerId,
    orderDate: "2026-11-25",
    deliveryDate: "",
    lines: [line()],
    ...overrides,
  };
}

export function purchaseOrderForm(
  supplierId: string,
  overrides: Partial<PurchaseOrderFormValues> = {},
): PurchaseOrderFormValues {
  return {
    ...common(),
    supplierId,
    orderDate: "2026-11-25",
    deliveryDate: "2026-12-01",
    deliveryAddress: {
      line1: "12 Foundry Road",
      line2: "",
      city: "Hamilton",
      region: "",
      postcode: "3204",
      country: "NZ",
    },
    deliveryInstructions: "",
    lines: [line()],
    ...overrides,
  };
}

/** The factory events recorded for one record, oldest first. */
export async function eventsFor(db: Db, recordType: string, recordId: string): Promise<string[]> {
  const rows = await db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, recordType), eq(auditEvents.entityId, recordId)))
    .orderBy(auditEvents.at);
  return rows.map((row) => row.action);
}

export async function counter(db: Db, series: string): Promise<number> {
  const [row] = await db
    .select()
    .from(numberCounters)
    .where(eq(numberCounters.series, series as "quote"));
  return row?.lastValue ?? 0;
}

/** A list page's query (search, no filters, by number, 25 a page), with `overrides`. */
export const listQuery = <S extends string>(
  search: string,
  overrides: Partial<DocumentListQuery<S>> = {},
): DocumentListQuery<S> => ({
  search,
  status: "all",
  xero: "all",
  sort: "number",
  direction: "asc",
  page: 1,
  pageSize: 25,
  ...overrides,
});
