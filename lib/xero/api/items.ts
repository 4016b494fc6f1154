import type { Item } from "xero-node";
import type { XeroApi } from "./session";

/** An item as Factory uses it: links, pickers, SKU matching. */
export interface ItemSummary {
  itemId: string;
  code: string;
  name: string | null;
  /** The item's own accounts (SalesDetails / PurchaseDetails), sent on lines of linked products. */
  salesAccountCode?: string | null;
  purchaseAccountCode?: string | null;
}

/** The price, account and tax type of one side of a new item (xero_accounting.yaml `Purchase`). */
export interface NewItemDetails {
  unitPrice: number;
  accountCode?: string;
  taxType?: string;
}

/** A new Xero item (xero_accounting.yaml `Item`), as Factory fills it in. */
export interface NewXeroItem {
  code: string;
  name: string;
  description: string;
  purchaseDescription: string;
  isSold: boolean;
  isPurchased: boolean;
  salesDetails: NewItemDetails;
  purchaseDetails: NewItemDetails;
}

/** Unit prices to 4 decimals (spec `unitdp`). */
const UNIT_DP = 4;

const toSummary = (item: Item): ItemSummary => ({
  itemId: item.itemID ?? "",
  code: item.code,
  name: item.name ?? null,
  salesAccountCode: item.salesDetails?.accountCode || null,
  purchaseAccountCode: item.purchaseDetails?.accountCode || null,
});

/** Every item of the organisation in code order: GET /Items is not paged (docs/xero/api-behaviour.md#items), one call brings all. */
export async function getItems({ accounting, tenantId }: XeroApi): Promise<ItemSummary[]> {
  const { body } = await accounting.getItems(tenantId, undefined, undefined, "Code ASC");
  return (body.items ?? []).map(toSummary).filter((item) => item.itemId);
}

/** GET /Items/{id}: the item, or undefined when Xero answers without one. */
export async function getItem(
  { accounting, tenantId }: XeroApi,
  itemId: string,
): Promise<ItemSummary | undefined> {
  const { body } = await accounting.getItem(tenantId, itemId);
  const found = body.items?.[0];
  return found && toSummary(found);
}

/** Xero's answer for one item created: the item, or Xero's validation messages. */
export type ItemAnswer = { ok: true; item: ItemSummary } | { ok: false; errors: string[] };

/** PUT /Items with one item, under an Idempotency-Key so a retried create can't make a second one. */
export async function createItem(
  { accounting, tenantId }: XeroApi,
  item: NewXeroItem,
  idempotencyKey: string,
): Promise<ItemAnswer> {
  const { body } = await accounting.createItems(tenantId, { items: [item] }, false, UNIT_DP, idempotencyKey);
  const created = body.items?.[0];
  const errors = (created?.validationErrors ?? []).map((e) => e.message ?? "").filter(Boolean);
  if (!created?.itemID || errors.length > 0) return { ok: false, errors };
  return { ok: true, item: toSummary(created) };
}

/** What a product's edit changes on its Xero item: names and prices; accounts and tax stay Xero's. */
export interface XeroItemChanges {
  name: string;
  description: string;
  purchaseDescription: string;
  salePrice: number;
  purchaseCost: number;
}

/**
 * POST /Items/{id} with the item as Xero holds it (read first) and the changes on top, so its code,
 * accounts and tax types stay as they are whatever Xero does with details left out. Answers the item,
 * or Xero's validation messages; a missing item is a {@link XeroError} `not_found`.
 */
export async function updateItem(
  api: XeroApi,
  itemId: string,
  changes: XeroItemChanges,
  idempotencyKey: string,
): Promise<ItemAnswer> {
  const { accounting, tenantId } = api;
  const current = (await accounting.getItem(tenantId, itemId, UNIT_DP)).body.items?.[0];
  if (!current) return { ok: false, errors: ["Xero has no such item any more."] };
  const item: Item = {
    code: current.code,
    name: changes.name,
    description: changes.description,
    purchaseDescription: changes.purchaseDescription,
    ...(current.isSold !== false
      ? { salesDetails: { ...current.salesDetails, unitPrice: changes.salePrice } }
      : {}),
    ...(current.isPurchased !== false
      ? { purchaseDetails: { ...current.purchaseDetails, unitPrice: changes.purchaseCost } }
      : {}),
  };
  const { body } = await accounting.updateItem(tenantId, itemId, { items: [item] }, UNIT_DP, idempotencyKey);
  const updated = body.items?.[0];
  const errors = (updated?.validationErrors ?? []).map((e) => e.message ?? "").filter(Boolean);
  if (!updated?.itemID || errors.length > 0) return { ok: false, errors };
  return { ok: true, item: toSummary(updated) };
}
