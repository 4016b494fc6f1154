"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import {
  applySkuMatches,
  createItemFromProduct,
  filterItems,
  listXeroItems,
  setProductItemLink,
} from "@/lib/linking/items";
import type { ItemSummary } from "@/lib/xero/api/items";
import { itemLinkSchema, itemSearchSchema, productRefSchema, skuMatchesSchema } from "./item-link-schema";

function refresh(productId?: string) {
  if (productId) revalidatePath(`/products/${productId}`);
  revalidatePath("/products");
}

/** Items have no server-side search (GET /Items is one unpaged call), so the list is filtered here. */
export const searchItems = authedAction(itemSearchSchema, async ({ term }): Promise<ItemSummary[]> =>
  filterItems(await listXeroItems(getDb()), term),
);

export const linkItem = authedAction(itemLinkSchema, async (input, { user }) => {
  const item = await setProductItemLink(getDb(), { ...input, userId: user.id });
  refresh(input.productId);
  return item;
});

export const createItem = authedAction(productRefSchema, async (input, { user }) => {
  const item = await createItemFromProduct(getDb(), { productId: input.productId, userId: user.id });
  refresh(input.productId);
  return item;
});

export const applySkuMatchesAction = authedAction(skuMatchesSchema, async (input, { user }) => {
  const linked = await applySkuMatches(getDb(), input.matches, user.id);
  refresh();
  return { linked };
});
