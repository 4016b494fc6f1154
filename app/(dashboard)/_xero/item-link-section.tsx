import { ItemLinkEditor } from "@/components/xero/item-link-editor";
import { getDb } from "@/lib/db/client";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { cachedItems, productsLinkedTo } from "@/lib/db/queries/xero-links";
import { Alert } from "@/components/ui/alert";
import { RefreshWhile } from "@/components/ui/refresh-while";
import type { Product, XeroItemUpdate } from "@/lib/db/schema";
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
    <div className="space-y-3">
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
      {itemId && product.xeroItemUpdate ? (
        <ItemUpdateStatus update={product.xeroItemUpdate} code={item?.code ?? "the linked item"} />
      ) : null}
    </div>
  );
}

/** How the last "update the Xero item too" went: waiting, done, or Xero's refusal in its words. */
function ItemUpdateStatus({ update, code }: { update: XeroItemUpdate; code: string }) {
  const tone = { queued: "warning", updated: "success", failed: "danger" } as const;
  const said = {
    queued: `Updating Xero item ${code} from this product…`,
    updated: `Xero item ${code} was updated from this product.`,
    failed: `Xero did not update item ${code}.`,
  };
  return (
    <Alert tone={tone[update.state]} role="status" aria-label="Xero item update">
      <RefreshWhile active={update.state === "queued"} />
      {said[update.state]} {update.message}
    </Alert>
  );
}
