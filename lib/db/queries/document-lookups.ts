import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Executor } from "../client";
import { customers, products, suppliers, taxRates, users } from "../schema";
import { matchesSearch } from "./search";

/** Tax rate id → percent, for pricing document lines with the rates' current percents. */
export async function findTaxPercents(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: taxRates.id, percent: taxRates.percent })
    .from(taxRates)
    .where(inArray(taxRates.id, ids));
  return new Map(rows.map((row) => [row.id, row.percent]));
}

/** The products among `ids` that exist and are active (the ones a new line may use). */
export async function findActiveProductIds(db: Executor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: products.id })
    .from(products)
    .where(and(inArray(products.id, ids), eq(products.active, true)));
  return new Set(rows.map((row) => row.id));
}

export interface PartyOption {
  id: string;
  code: string;
  name: string;
  currency: string;
}

/** A customer or supplier as documents need it: whether it can take new documents, and its terms. */
export async function findDocumentParty(db: Executor, kind: "customer" | "supplier", id: string) {
  const table = kind === "customer" ? customers : suppliers;
  const [row] = await db
    .select({
      id: table.id,
      code: table.code,
      name: table.name,
      currency: table.currency,
      archivedAt: table.archivedAt,
      paymentTermsType: table.paymentTermsType,
      paymentTermsDay: table.paymentTermsDay,
      deliveryAddress: table.deliveryAddress,
    })
    .from(table)
    .where(eq(table.id, id));
  return row;
}

/** Up to `limit` active customers or suppliers whose name or code contains `term`, for the pickers. */
export function searchPartyOptions(
  db: Executor,
  kind: "customer" | "supplier",
  term: string,
  limit = 20,
): Promise<PartyOption[]> {
  const table = kind === "customer" ? customers : suppliers;
  return db
    .select({ id: table.id, code: table.code, name: table.name, currency: table.currency })
    .from(table)
    .where(and(isNull(table.archivedAt), term ? matchesSearch(term, [table.name, table.code]) : undefined))
    .orderBy(asc(table.name), asc(table.id))
    .limit(limit);
}

export interface ProductOption {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  salePrice: string;
  purchaseCost: string;
  taxRateId: string;
}

/** Up to `limit` active products whose SKU or name contains `term`, for the line editor's picker. */
export function searchProductOptions(db: Executor, term: string, limit = 20): Promise<ProductOption[]> {
  return db
    .select({
      id: products.id,
      sku: products.sku,
      name: products.name,
      description: products.description,
      salePrice: products.salePrice,
      purchaseCost: products.purchaseCost,
      taxRateId: products.taxRateId,
    })
    .from(products)
    .where(
      and(
        eq(products.active, true),
        term ? or(matchesSearch(term, [products.sku, products.name])) : undefined,
      ),
    )
    .orderBy(asc(products.name), asc(products.id))
    .limit(limit);
}

/** Staff names by id, for "created by / changed by" on document pages. */
export async function findUserNames(db: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** "SKU · name" of products by id, for the line editor's picker on edit forms. */
export async function findProductLabels(
  db: Executor,
  ids: (string | null)[],
): Promise<Record<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return {};
  const rows = await db
    .select({ id: products.id, sku: products.sku, name: products.name })
    .from(products)
    .where(inArray(products.id, wanted));
  return Object.fromEntries(rows.map((row) => [row.id, `${row.sku} · ${row.name}`]));
}
