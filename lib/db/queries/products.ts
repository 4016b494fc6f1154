import { and, asc, desc, eq, exists, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../client";
import {
  billLines,
  invoiceLines,
  products,
  purchaseOrderLines,
  quoteLines,
  salesOrderLines,
  taxRates,
  xeroItemCache,
  type Product,
  type TaxRate,
} from "../schema";
import { matchesSearch, type Page } from "./search";

export const PRODUCT_SORTS = ["name", "sku", "created"] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export interface ProductListQuery {
  search: string;
  sort: ProductSort;
  direction: "asc" | "desc";
  status: "active" | "inactive" | "all";
  xero: "all" | "linked" | "unlinked";
  page: number;
  pageSize: number;
}

export type ProductListRow = Pick<
  Product,
  "id" | "sku" | "name" | "unit" | "salePrice" | "purchaseCost" | "active" | "xeroItemId"
> & {
  taxRateName: string;
  /** The linked Xero item's code as last seen; null when not linked or not cached yet. */
  xeroItemCode: string | null;
};

/**
 * One page of products with their tax rate's name and linked Xero item's code (joined, not looked
 * up per row) and the total.
 */
export async function listProducts(db: Executor, query: ProductListQuery): Promise<Page<ProductListRow>> {
  const where = and(
    query.status === "active" ? eq(products.active, true) : undefined,
    query.status === "inactive" ? eq(products.active, false) : undefined,
    query.search ? matchesSearch(query.search, [products.sku, products.name]) : undefined,
    query.xero === "linked" ? isNotNull(products.xeroItemId) : undefined,
    query.xero === "unlinked" ? isNull(products.xeroItemId) : undefined,
  );
  const order = query.direction === "asc" ? asc : desc;
  const sortColumn = { name: products.name, sku: sql`lower(${products.sku})`, created: products.createdAt }[
    query.sort
  ];

  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: products.id,
        sku: products.sku,
        name: products.name,
        unit: products.unit,
        salePrice: products.salePrice,
        purchaseCost: products.purchaseCost,
        active: products.active,
        xeroItemId: products.xeroItemId,
        taxRateName: taxRates.name,
        xeroItemCode: xeroItemCache.code,
      })
      .from(products)
      .innerJoin(taxRates, eq(taxRates.id, products.taxRateId))
      .leftJoin(xeroItemCache, eq(xeroItemCache.itemId, products.xeroItemId))
      .where(where)
      .orderBy(order(sortColumn), order(products.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(products)
      .where(where),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

export async function findProduct(
  db: Executor,
  id: string,
): Promise<(Product & { taxRate: TaxRate }) | undefined> {
  const [row] = await db
    .select({ product: products, taxRate: taxRates })
    .from(products)
    .innerJoin(taxRates, eq(taxRates.id, products.taxRateId))
    .where(eq(products.id, id));
  return row ? { ...row.product, taxRate: row.taxRate } : undefined;
}

export async function findProductByIdempotencyKey(
  db: Executor,
  idempotencyKey: string,
): Promise<Product | undefined> {
  const [row] = await db.select().from(products).where(eq(products.idempotencyKey, idempotencyKey));
  return row;
}

/** The product using `sku`, compared case-insensitively as the unique index does. */
export async function findProductBySku(db: Executor, sku: string): Promise<Product | undefined> {
  const [row] = await db
    .select()
    .from(products)
    .where(sql`lower(${products.sku}) = lower(${sku})`);
  return row;
}

export type ProductValues = Omit<
  typeof products.$inferInsert,
  "id" | "version" | "createdAt" | "updatedAt" | "xeroItemId"
>;

export async function insertProduct(tx: Executor, values: ProductValues): Promise<Product> {
  const [row] = await tx.insert(products).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Applies `changes` only if the product is still at `version`; undefined when it moved on or is gone. */
export async function updateProductAtVersion(
  tx: Executor,
  target: { id: string; version: number },
  changes: Partial<ProductValues>,
): Promise<Product | undefined> {
  const [row] = await tx
    .update(products)
    .set({ ...changes, version: sql`${products.version} + 1`, updatedAt: new Date() })
    .where(and(eq(products.id, target.id), eq(products.version, target.version)))
    .returning();
  return row;
}

export async function deleteProductAtVersion(
  tx: Executor,
  target: { id: string; version: number },
): Promise<boolean> {
  const deleted = await tx
    .delete(products)
    .where(and(eq(products.id, target.id), eq(products.version, target.version)))
    .returning({ id: products.id });
  return deleted.length > 0;
}

/** Whether any document line uses the product; such a product can be made inactive but not deleted. */
export async function isProductReferenced(db: Executor, id: string): Promise<boolean> {
  const uses: SQL[] = [quoteLines, salesOrderLines, invoiceLines, purchaseOrderLines, billLines].map(
    (lines) =>
      exists(
        db
          .select({ one: sql`1` })
          .from(lines)
          .where(eq(lines.productId, id)),
      ),
  );
  const [row] = await db.execute<{ referenced: boolean }>(sql`select ${or(...uses)} as referenced`);
  return row?.referenced ?? false;
}

export function listTaxRates(db: Executor, options: { includeInactive?: boolean } = {}): Promise<TaxRate[]> {
  return db
    .select()
    .from(taxRates)
    .where(options.includeInactive ? undefined : eq(taxRates.active, true))
    .orderBy(desc(taxRates.percent), asc(taxRates.name));
}
