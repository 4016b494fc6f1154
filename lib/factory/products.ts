import { isDeepStrictEqual } from "node:util";
import type { Db, Executor } from "@/lib/db/client";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/db/errors";
import { recordAudit } from "@/lib/db/queries/audit";
import {
  deleteProductAtVersion,
  findProduct,
  findProductByIdempotencyKey,
  findProductBySku,
  insertProduct,
  isProductReferenced,
  updateProductAtVersion,
} from "@/lib/db/queries/products";
import type { Product } from "@/lib/db/schema";
import { enqueueItemUpdate } from "@/lib/sync/item-jobs";
import type { ProductChanges } from "./product-schema";
import { missingRecordMessage, RecordError, staleRecordMessage } from "@/lib/errors";

const SKU_INDEX = "products_sku_lower_key";
const IDEMPOTENCY_CONSTRAINT = "products_idempotencyKey_unique";

const skuTaken = (sku: string) =>
  new RecordError("Check the highlighted fields.", { sku: [`Another product already uses SKU ${sku}`] });

async function refuseTakenSku(db: Executor, sku: string, exceptId?: string): Promise<void> {
  const holder = await findProductBySku(db, sku);
  if (holder && holder.id !== exceptId) throw skuTaken(holder.sku);
}

/**
 * Creates a product in one transaction. A SKU another product uses (in any letter case) is refused
 * on the SKU field; a repeated idempotency key returns the product the first submission made.
 */
export async function createProduct(
  db: Db,
  input: ProductChanges & { idempotencyKey: string },
  userId: string | null,
): Promise<{ product: Product; created: boolean }> {
  const earlier = await findProductByIdempotencyKey(db, input.idempotencyKey);
  if (earlier) return { product: earlier, created: false };
  try {
    const product = await db.transaction(async (tx) => {
      await refuseTakenSku(tx, input.sku);
      const product = await insertProduct(tx, { ...input, createdBy: userId, updatedBy: userId });
      await recordAudit(tx, { userId, entityType: "product", entityId: product.id, action: "created" });
      return product;
    });
    return { product, created: true };
  } catch (error) {
    if (isUniqueViolation(error, IDEMPOTENCY_CONSTRAINT)) {
      const twin = await findProductByIdempotencyKey(db, input.idempotencyKey);
      if (twin) return { product: twin, created: false };
    }
    // Two people saving the same new SKU at once: the unique index decides, the field says why.
    if (isUniqueViolation(error, SKU_INDEX)) throw skuTaken(input.sku);
    throw error;
  }
}

/** Saves an edit if the product is still at the version the form loaded. */
export async function updateProduct(
  db: Db,
  input: ProductChanges & { id: string; version: number; updateXeroItem?: boolean },
  userId: string | null,
): Promise<Product> {
  const { id, version, updateXeroItem = false, ...changes } = input;
  try {
    return await db.transaction(async (tx) => {
      await refuseTakenSku(tx, changes.sku, id);
      const updated = await updateProductAtVersion(tx, { id, version }, { ...changes, updatedBy: userId });
      if (updated) {
        await recordAudit(tx, { userId, entityType: "product", entityId: id, action: "updated" });
        // The linked item follows in the background, committed with the edit (the outbox).
        if (updateXeroItem && updated.xeroItemId) await enqueueItemUpdate(tx, id);
        return updated;
      }
      const current = await findProduct(tx, id);
      if (!current) throw new RecordError(missingRecordMessage("product"));
      const { taxRate: _taxRate, ...currentProduct } = current;
      const alreadySaved = Object.entries(changes).every(([key, value]) =>
        isDeepStrictEqual(currentProduct[key as keyof Product], value),
      );
      if (current.updatedBy === userId && alreadySaved) return currentProduct;
      throw new RecordError(staleRecordMessage("product"));
    });
  } catch (error) {
    if (isUniqueViolation(error, SKU_INDEX)) throw skuTaken(changes.sku);
    throw error;
  }
}

/** Why a product can't be deleted, or null when it can. */
export async function productDeleteBlocker(db: Executor, product: Product): Promise<string | null> {
  if (await isProductReferenced(db, product.id)) {
    return "Documents use this product. Mark it inactive instead.";
  }
  return null;
}

/** Deletes a product no document uses; a product in use is made inactive instead. */
export async function deleteProduct(
  db: Db,
  input: { id: string; version: number },
  userId: string | null,
): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      const product = await findProduct(tx, input.id);
      if (!product) throw new RecordError(missingRecordMessage("product"));
      if (product.version !== input.version) throw new RecordError(staleRecordMessage("product"));
      const blocker = await productDeleteBlocker(tx, product);
      if (blocker) throw new RecordError(blocker);
      if (!(await deleteProductAtVersion(tx, input))) throw new RecordError(staleRecordMessage("product"));
      await recordAudit(tx, {
        userId,
        entityType: "product",
        entityId: input.id,
        action: "deleted",
        before: { sku: product.sku, name: product.name },
      });
    });
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RecordError("Documents now use this product. Mark it inactive instead.");
    throw error;
  }
}
