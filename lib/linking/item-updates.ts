import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { findProduct } from "@/lib/db/queries/products";
import { cacheItems, setProductItemUpdate } from "@/lib/db/queries/xero-links";
import type { Product } from "@/lib/db/schema";
import { XeroError } from "@/lib/xero/api/errors";
import { updateItem, type XeroItemChanges } from "@/lib/xero/api/items";
import { withXero } from "@/lib/xero/api/session";
import { fitToXero } from "@/lib/xero/limits";

/**
 * A product's edits followed onto its Xero item: name, description (both sides) and prices, cut to
 * Xero's item limits as a new item's are (lib/linking/items.ts). Only when asked: by default for an
 * item created from the product in Factory, never silently for an item someone made in Xero. The
 * worker runs it (lib/sync/item-jobs.ts); its outcome is kept on the product for its Xero card.
 */

/** What the item takes from the product. */
export function itemChanges(
  product: Pick<Product, "name" | "description" | "salePrice" | "purchaseCost">,
): XeroItemChanges {
  const description = product.description ?? product.name;
  return {
    name: fitToXero(product.name, "Item.Name"),
    description: fitToXero(description, "Item.Description"),
    purchaseDescription: fitToXero(description, "Item.PurchaseDescription"),
    salePrice: Number(product.salePrice),
    purchaseCost: Number(product.purchaseCost),
  };
}

/**
 * Sends the product as it is now to its linked item. Xero's refusal is kept for people (not
 * retried); Xero unreachable is thrown so the job retries, the product saying it waits meanwhile.
 */
export async function updateItemFromProduct(db: Db, productId: string): Promise<void> {
  const product = await findProduct(db, productId);
  if (!product) return;
  const now = () => new Date().toISOString();
  const itemId = product.xeroItemId;
  if (!itemId) {
    await setProductItemUpdate(db, productId, {
      state: "failed",
      message: "The product is no longer linked to a Xero item.",
      at: now(),
    });
    return;
  }
  try {
    const answer = await withXero(db, (api) =>
      updateItem(api, itemId, itemChanges(product), `item-update-${product.id}-v${product.version}`),
    );
    if (!answer.ok) {
      const message = answer.errors.join("; ") || "Xero did not update the item.";
      await setProductItemUpdate(db, productId, { state: "failed", message, at: now() });
      return;
    }
    await db.transaction(async (tx) => {
      await cacheItems(tx, [answer.item]);
      await setProductItemUpdate(tx, productId, { state: "updated", message: null, at: now() });
      await recordAudit(tx, {
        userId: null,
        entityType: "product",
        entityId: productId,
        action: "xero_item_updated",
        after: { xeroItemId: itemId, code: answer.item.code, version: product.version },
      });
    });
  } catch (error) {
    if (!(error instanceof XeroError)) throw error;
    if (error.retryable || error.kind === "auth") {
      await setProductItemUpdate(db, productId, {
        state: "queued",
        message: `Waiting for Xero: ${error.message}`,
        at: now(),
      });
      throw error;
    }
    await setProductItemUpdate(db, productId, { state: "failed", message: error.message, at: now() });
  }
}
