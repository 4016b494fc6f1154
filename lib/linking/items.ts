import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { findProduct } from "@/lib/db/queries/products";
import { cacheItems, itemDefaults, productSkus, setProductItemLinks } from "@/lib/db/queries/xero-links";
import { RecordError } from "@/lib/errors";
import type { Product } from "@/lib/db/schema";
import { createItem, getItem, getItems, type ItemSummary, type NewXeroItem } from "@/lib/xero/api/items";
import { fitToXero, xeroMax } from "@/lib/xero/limits";
import { withXero } from "@/lib/xero/api/session";

/**
 * Linking Factory products to Xero items. Many products may share one item (docs/sync.md#what-flows-to-xero), so a
 * link is a pointer on the product; nothing on the item refers back.
 */

/** Every item of the organisation: GET /Items is not paged (docs/xero/api-behaviour.md#items), one call brings all. */
export async function listXeroItems(db: Db): Promise<ItemSummary[]> {
  return withXero(db, getItems);
}

/** Items whose code or name contains `term` (case-insensitive), code order, at most `limit`. */
export function filterItems(items: ItemSummary[], term: string, limit = 20): ItemSummary[] {
  const needle = term.trim().toLowerCase();
  if (needle.length > 255) return [];
  return items
    .filter(
      (item) =>
        !needle || item.code.toLowerCase().includes(needle) || item.name?.toLowerCase().includes(needle),
    )
    .slice(0, limit);
}

/**
 * Why a product's SKU can't become an item code, or null when it can. Xero item codes are required,
 * unique and at most 30 characters (lib/xero/limits.ts). A longer SKU (saved before the product form
 * knew the limit) is refused rather than cut: lines find their item by code, and a cut code could
 * equal another product's SKU or an existing item's code.
 */
export function itemCodeProblem(sku: string): string | null {
  const code = sku.trim();
  const max = xeroMax("Item.Code");
  if (code.length > max) {
    return `The SKU "${code}" is ${code.length} characters; Xero item codes can be at most ${max}. Link this product to an existing item instead, or shorten its SKU.`;
  }
  return null;
}

/** The settings and tax mappings a new item takes its accounts and tax types from. */
export type ItemDefaults = Awaited<ReturnType<typeof itemDefaults>>;

/**
 * A new Xero item for a product: Code = the SKU, Name = the product's name, the description (or the
 * name) for both sides, sale price and cost with the default accounts and mapped tax types. Text
 * longer than Xero's item fields (a product name may be 200 characters, an item name 50) is cut on a
 * grapheme boundary, never inside an emoji, with a note added to `notes`; a SKU too long to be a
 * code is refused ({@link itemCodeProblem}).
 */
export function newItemPayload(
  product: Pick<Product, "sku" | "name" | "description" | "salePrice" | "purchaseCost">,
  defaults: ItemDefaults,
  notes?: string[],
): NewXeroItem {
  const problem = itemCodeProblem(product.sku);
  if (problem) throw new RecordError(problem);
  const description = product.description ?? product.name;
  return {
    code: product.sku.trim(),
    name: fitToXero(product.name, "Item.Name", notes),
    description: fitToXero(description, "Item.Description", notes),
    purchaseDescription: fitToXero(description, "Item.PurchaseDescription", notes),
    isSold: true,
    isPurchased: true,
    salesDetails: {
      unitPrice: Number(product.salePrice),
      ...(defaults.salesAccountCode ? { accountCode: defaults.salesAccountCode } : {}),
      ...(defaults.salesTaxType ? { taxType: defaults.salesTaxType } : {}),
    },
    purchaseDetails: {
      unitPrice: Number(product.purchaseCost),
      ...(defaults.purchaseAccountCode ? { accountCode: defaults.purchaseAccountCode } : {}),
      ...(defaults.purchaseTaxType ? { taxType: defaults.purchaseTaxType } : {}),
    },
  };
}

/**
 * What the item made from this product gets shortened, as notes for the product's Xero card (none
 * when the SKU can't be a code: the card says that instead).
 */
export function itemShortenings(
  product: Pick<Product, "sku" | "name" | "description" | "salePrice" | "purchaseCost">,
): string[] {
  const notes: string[] = [];
  if (itemCodeProblem(product.sku)) return notes;
  const noDefaults = {
    salesAccountCode: null,
    purchaseAccountCode: null,
    salesTaxType: null,
    purchaseTaxType: null,
  };
  newItemPayload(product, noDefaults, notes);
  return notes;
}

/** A proposed product → item link from matching SKUs to item codes. */
export interface SkuMatch {
  productId: string;
  sku: string;
  productName: string;
  item: ItemSummary;
  /** The item the product links to now, when it is a different one. */
  currentItemId: string | null;
}

/**
 * Pairs each product with the item whose code equals its SKU (ignoring case and surrounding
 * spaces, as staff type them). Products already linked to that item are left out; products
 * linked elsewhere are included with `currentItemId`, so the preview shows the change.
 */
export function matchSkusToItems(
  products: { id: string; sku: string; name: string; xeroItemId: string | null }[],
  items: ItemSummary[],
): SkuMatch[] {
  const byCode = new Map(items.map((item) => [item.code.trim().toLowerCase(), item]));
  return products.flatMap((product) => {
    const item = byCode.get(product.sku.trim().toLowerCase());
    if (!item || item.itemId === product.xeroItemId) return [];
    return [
      {
        productId: product.id,
        sku: product.sku,
        productName: product.name,
        item,
        currentItemId: product.xeroItemId,
      },
    ];
  });
}

/** The bulk matcher's preview: nothing changes until {@link applySkuMatches}. */
export async function previewSkuMatches(db: Db): Promise<SkuMatch[]> {
  const [products, items] = await Promise.all([productSkus(db), listXeroItems(db)]);
  return matchSkusToItems(products, items);
}

/**
 * Links the confirmed products of a preview. Matching runs again on fresh data, and only the
 * confirmed products whose match is still the one previewed are linked: a product renamed or an
 * item deleted since the preview is left alone rather than linked to something nobody saw.
 */
export async function applySkuMatches(
  db: Db,
  confirmed: { productId: string; itemId: string }[],
  userId: string | null,
): Promise<number> {
  const wanted = new Map(confirmed.map((c) => [c.productId, c.itemId]));
  const current = (await previewSkuMatches(db)).filter((m) => wanted.get(m.productId) === m.item.itemId);
  if (current.length === 0) return 0;
  await db.transaction(async (tx) => {
    await cacheItems(tx, [...new Map(current.map((m) => [m.item.itemId, m.item])).values()]);
    for (const match of current) {
      await setProductItemLinks(tx, [match.productId], match.item.itemId);
      await recordAudit(tx, {
        userId,
        entityType: "product",
        entityId: match.productId,
        action: "xero_link_changed",
        before: { xeroItemId: match.currentItemId },
        after: { xeroItemId: match.item.itemId, code: match.item.code, via: "sku_match" },
      });
    }
  });
  return current.length;
}

/** Links one product to an item chosen by staff (or to none), audited. */
export async function setProductItemLink(
  db: Db,
  input: { productId: string; itemId: string | null; userId: string | null },
): Promise<ItemSummary | null> {
  const product = await findProduct(db, input.productId);
  if (!product) throw new RecordError("This product no longer exists; someone may have deleted it.");
  let item: ItemSummary | null = null;
  if (input.itemId) {
    const itemId = input.itemId;
    const found = await withXero(db, (api) => getItem(api, itemId));
    if (!found) throw new RecordError("That Xero item no longer exists. Search again.");
    item = found;
  }
  await db.transaction(async (tx) => {
    if (item) await cacheItems(tx, [item]);
    await setProductItemLinks(tx, [product.id], item?.itemId ?? null);
    await recordAudit(tx, {
      userId: input.userId,
      entityType: "product",
      entityId: product.id,
      action: item ? "xero_link_changed" : "xero_link_removed",
      before: { xeroItemId: product.xeroItemId },
      after: { xeroItemId: item?.itemId ?? null, code: item?.code ?? null },
    });
  });
  return item;
}

/**
 * Creates a Xero item from a product ({@link newItemPayload}) and links the product to it. An item
 * that already has the SKU as its code is reported, so staff link to it instead.
 */
export async function createItemFromProduct(
  db: Db,
  input: { productId: string; userId: string | null },
): Promise<ItemSummary> {
  const product = await findProduct(db, input.productId);
  if (!product) throw new RecordError("This product no longer exists; someone may have deleted it.");
  const payload = newItemPayload(product, await itemDefaults(db, product.taxRateId));
  const code = payload.code;
  const existing = (await listXeroItems(db)).find((item) => item.code.toLowerCase() === code.toLowerCase());
  if (existing) {
    throw new RecordError(
      `Xero already has an item with the code "${existing.code}". Link this product to it instead.`,
    );
  }
  const answer = await withXero(db, (api) =>
    createItem(api, payload, `item-${product.id}-v${product.version}`),
  );
  if (!answer.ok) throw new RecordError(answer.errors.join("; ") || "Xero did not create the item.");
  const { item } = answer;
  await db.transaction(async (tx) => {
    await cacheItems(tx, [item]);
    await setProductItemLinks(tx, [product.id], item.itemId, { fromFactory: true });
    await recordAudit(tx, {
      userId: input.userId,
      entityType: "product",
      entityId: product.id,
      action: "xero_item_created",
      before: { xeroItemId: product.xeroItemId },
      after: { xeroItemId: item.itemId, code: item.code },
    });
  });
  return item;
}
