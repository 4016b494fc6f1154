import { json } from "../http/types.ts";
import { newId } from "../state/ids.ts";
import type { ItemDetails, ItemRecord, OrgRecord } from "../state/types.ts";
import { batchResponse, type ElementOutcome } from "./batch.ts";
import { notFound } from "./errors.ts";
import {
  bodyElements,
  filterList,
  isResponse,
  type OperationContext,
  type OperationSpec,
} from "./operation.ts";
import { envelope, msDate } from "./wire.ts";

const round = (value: number, dp: number) => Math.round(value * 10 ** dp) / 10 ** dp;

export function itemToWire(item: ItemRecord, unitdp: 2 | 4 = 2): Record<string, unknown> {
  const details = (d?: ItemDetails) =>
    d && { ...d, ...(d.UnitPrice !== undefined ? { UnitPrice: round(d.UnitPrice, unitdp) } : {}) };
  return {
    ...item,
    ...(item.SalesDetails ? { SalesDetails: details(item.SalesDetails) } : {}),
    ...(item.PurchaseDetails ? { PurchaseDetails: details(item.PurchaseDetails) } : {}),
    UpdatedDateUTC: msDate(item.UpdatedDateUTC),
  };
}

function findByCode(org: OrgRecord, code: string): ItemRecord | undefined {
  const lower = code.toLowerCase();
  for (const item of org.items.values()) if (item.Code.toLowerCase() === lower) return item;
  return undefined;
}

function detailErrors(org: OrgRecord, d: ItemDetails | undefined, side: "sales" | "purchases"): string[] {
  if (!d) return [];
  const errors: string[] = [];
  if (
    d.AccountCode &&
    !org.accounts.some((a) => a.Code === d.AccountCode && a.Status === "ACTIVE" && !a.SystemAccount)
  ) {
    errors.push(`Account code '${d.AccountCode}' is not a valid code for this item.`);
  }
  const rate = d.TaxType ? org.taxRates.find((t) => t.TaxType === d.TaxType) : undefined;
  if (d.TaxType && !(rate && (side === "sales" ? rate.CanApplyToRevenue : rate.CanApplyToExpenses))) {
    errors.push(
      `The TaxType code ${d.TaxType} does not exist or cannot be used for this type of transaction.`,
    );
  }
  return errors;
}

/** Items (developer.xero.com/documentation/api/items): Code ≤ 30 characters (spec) and unique. */
function saveItem(
  org: OrgRecord,
  input: Record<string, unknown>,
  existing: ItemRecord | undefined,
  unitdp: 2 | 4,
): ElementOutcome {
  const merged = { ...(existing ?? {}), ...input } as Partial<ItemRecord>;
  const code = typeof merged.Code === "string" ? merged.Code.trim() : "";
  const errors: string[] = [];
  if (!code) errors.push("Item Code must be specified.");
  const clash = code ? findByCode(org, code) : undefined;
  if (clash && clash.ItemID !== existing?.ItemID) errors.push(`Item code '${code}' already exists.`);
  errors.push(
    ...detailErrors(org, merged.SalesDetails, "sales"),
    ...detailErrors(org, merged.PurchaseDetails, "purchases"),
  );
  if (errors.length) return { ok: false, errors };
  const isSold = merged.IsSold ?? true;
  const isPurchased = merged.IsPurchased ?? true;
  const details = (d?: ItemDetails) =>
    d && { ...d, ...(d.UnitPrice !== undefined ? { UnitPrice: round(d.UnitPrice, unitdp) } : {}) };
  const record: ItemRecord = {
    ItemID: existing?.ItemID ?? newId(),
    Code: code,
    ...(merged.Name !== undefined ? { Name: merged.Name } : {}),
    ...(merged.Description !== undefined ? { Description: merged.Description } : {}),
    ...(merged.PurchaseDescription !== undefined ? { PurchaseDescription: merged.PurchaseDescription } : {}),
    IsSold: isSold,
    IsPurchased: isPurchased,
    // Setting IsSold/IsPurchased false clears the matching details, as Xero does.
    ...(isSold && merged.SalesDetails ? { SalesDetails: details(merged.SalesDetails) } : {}),
    ...(isPurchased && merged.PurchaseDetails ? { PurchaseDetails: details(merged.PurchaseDetails) } : {}),
    IsTrackedAsInventory: false,
    UpdatedDateUTC: Date.now(),
  };
  org.items.set(record.ItemID, record);
  return { ok: true, wire: itemToWire(record, unitdp) };
}

function write(c: OperationContext, mode: "create" | "upsert", forcedId?: string) {
  const inputs = bodyElements(c, "Items");
  const outcomes = inputs.map((input): ElementOutcome => {
    const tooLong = c.lengthErrors("Item", input);
    if (tooLong.length) return { ok: false, errors: tooLong };
    if (forcedId) return saveItem(c.org, input, c.org.items.get(forcedId), c.unitdp);
    const byId = typeof input.ItemID === "string" ? c.org.items.get(input.ItemID.toLowerCase()) : undefined;
    if (typeof input.ItemID === "string" && !byId) return { ok: false, errors: ["Item could not be found"] };
    // POST matches an existing item by ItemID, then by Code.
    const existing =
      byId ??
      (mode === "upsert" && typeof input.Code === "string" ? findByCode(c.org, input.Code) : undefined);
    if (existing && mode === "create" && byId)
      return { ok: false, errors: ["Item already exists. Use POST to update it."] };
    return saveItem(c.org, input, existing, c.unitdp);
  });
  return batchResponse("Items", inputs, outcomes, c.summarizeErrors);
}

export const itemOperations: Record<string, OperationSpec> = {
  // GET /Items is not paged (spec; docs/xero/api-behaviour.md#items).
  getItems: {
    scope: "accounting.invoices",
    write: false,
    handle: (c) => {
      const filtered = filterList(c, [...c.org.items.values()], (a, b) => (a.Code < b.Code ? -1 : 1));
      if (isResponse(filtered)) return filtered;
      return json(
        200,
        envelope(
          "Items",
          filtered.map((i) => itemToWire(i, c.unitdp)),
        ),
      );
    },
  },
  getItem: {
    scope: "accounting.invoices",
    write: false,
    handle: (c) => {
      const key = c.op.pathParams.ItemID ?? "";
      const item = c.org.items.get(key.toLowerCase()) ?? findByCode(c.org, key);
      return item
        ? json(200, envelope("Items", [itemToWire(item, c.unitdp)]))
        : notFound(`Item ${key} was not found`);
    },
  },
  createItems: { scope: "accounting.invoices", write: true, handle: (c) => write(c, "create") },
  updateOrCreateItems: { scope: "accounting.invoices", write: true, handle: (c) => write(c, "upsert") },
  updateItem: {
    scope: "accounting.invoices",
    write: true,
    handle: (c) => {
      const id = (c.op.pathParams.ItemID ?? "").toLowerCase();
      if (!c.org.items.has(id)) return notFound(`Item ${id} was not found`);
      return write(c, "upsert", id);
    },
  },
};
