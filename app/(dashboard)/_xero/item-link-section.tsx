import { ItemLinkEditor } from "@/components/xero/item-link-editor";
import { getDb } from "@/lib/db/client";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { cachedItems, productsLinkedTo } from "@/lib/db/queries/xero-links";
import type { Product } from "@/lib/db/schema";
import { itemCodeProblem, itemShortenings } from "@/lib/linking/items";
import { createItem, linkItem, searchItems } from "./item-link-actions";

/** The Xero card of a product page: its item, the other products sharing it, and the ways to change it. */
export async function ItemLinkSection({ product }: { product: Product }) {
  const db = getDb();
  const itemId = product.xeroItemId;
  const [connection, items, sharing] = await Promise.all([
    getXeroConnection(db),
    itemId ? cachedItems(db, [itemId]) : undefined,
    itemId ? productsLinkedTo(db, itemId) : [],
  ]);
  const item = itemId ? items?.get(itemId) : undefined;
  return (
    <ItemLinkEditor
      actions={{ search: searchItems, link: linkItem, create: createItem }}
      productId={product.id}
      linkedItemId={itemId}
      item={item ? { itemId: item.itemId, code: item.code, name: item.name } : null}
      sharedWith={sharing.filter((other) => other.id !== product.id)}
      createProblem={itemCodeProblem(product.sku)}
      createNotes={itemShortenings(product)}
      connected={connection?.status === "connected"}
    />
  );
}
