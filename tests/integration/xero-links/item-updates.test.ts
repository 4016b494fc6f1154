import "./simulator-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findProduct } from "@/lib/db/queries/products";
import { createProduct, updateProduct } from "@/lib/factory/products";
import { updateItemFromProduct } from "@/lib/linking/item-updates";
import { createItemFromProduct, setProductItemLink } from "@/lib/linking/items";
import { gstRateId, productInput } from "../records/record-fixtures";
import { admin, connectedDb, sim, type ConnectedDb } from "./connected-db";

/** A product's edits followed onto its Xero item, asserted on the simulator's item. */
let ctx: ConnectedDb;
let taxRateId: string;

beforeAll(async () => {
  ctx = await connectedDb("item-updates");
  taxRateId = await gstRateId(ctx.db);
});
afterAll(async () => {
  await ctx.close();
});

interface SimItem {
  ItemID: string;
  Code: string;
  Name?: string;
  Description?: string;
  PurchaseDescription?: string;
  SalesDetails?: { UnitPrice?: number; AccountCode?: string; TaxType?: string };
  PurchaseDetails?: { UnitPrice?: number; AccountCode?: string };
}

async function simItem(code: string): Promise<SimItem | undefined> {
  const { records } = await admin<{ records: SimItem[] }>(sim, "GET", `/sim/orgs/${ctx.tenantId}/items`);
  return records.find((record) => record.Code === code);
}

/** The edit form's submission: the product as it is, with changes. */
async function edit(productId: string, changes: Record<string, unknown>, updateXeroItem: boolean) {
  const current = await findProduct(ctx.db, productId);
  if (!current) throw new Error("no product");
  return updateProduct(
    ctx.db,
    {
      sku: current.sku,
      name: current.name,
      description: current.description,
      unit: current.unit,
      salePrice: current.salePrice,
      purchaseCost: current.purchaseCost,
      taxRateId: current.taxRateId,
      active: current.active,
      ...changes,
      id: productId,
      version: current.version,
      updateXeroItem,
    },
    ctx.userId,
  );
}

describe("products follow Factory onto their Xero items", () => {
  it("remembers an item made from the product, and sends its name, description and prices when asked", async () => {
    const { product } = await createProduct(
      ctx.db,
      productInput(taxRateId, {
        sku: "FOLLOW-01",
        name: "Angle bracket",
        salePrice: "12.5",
        purchaseCost: "7",
      }),
      ctx.userId,
    );
    await createItemFromProduct(ctx.db, { productId: product.id, userId: ctx.userId });
    const before = await simItem("FOLLOW-01");
    expect((await findProduct(ctx.db, product.id))?.xeroItemFromFactory).toBe(true);

    await edit(
      product.id,
      {
        name: "Angle bracket, zinc",
        description: "Zinc plated angle bracket",
        salePrice: "14.2",
        purchaseCost: "8.15",
      },
      true,
    );
    // The edit commits with its job; the worker's handler then brings the item up to date.
    expect((await findProduct(ctx.db, product.id))?.xeroItemUpdate?.state).toBe("queued");
    await updateItemFromProduct(ctx.db, product.id);

    const after = await simItem("FOLLOW-01");
    expect(after).toMatchObject({
      ItemID: before?.ItemID,
      Name: "Angle bracket, zinc",
      Description: "Zinc plated angle bracket",
      PurchaseDescription: "Zinc plated angle bracket",
      SalesDetails: { ...before?.SalesDetails, UnitPrice: 14.2 },
      PurchaseDetails: { ...before?.PurchaseDetails, UnitPrice: 8.15 },
    });
    expect((await findProduct(ctx.db, product.id))?.xeroItemUpdate).toMatchObject({
      state: "updated",
      message: null,
    });
  });

  it("leaves the item alone when the edit doesn't ask, and forgets the origin when the link changes", async () => {
    const { product } = await createProduct(
      ctx.db,
      productInput(taxRateId, { sku: "FOLLOW-02", name: "Gusset plate" }),
      ctx.userId,
    );
    const item = await createItemFromProduct(ctx.db, { productId: product.id, userId: ctx.userId });
    await edit(product.id, { name: "Gusset plate, 6 mm" }, false);
    expect((await simItem("FOLLOW-02"))?.Name).toBe("Gusset plate");
    expect((await findProduct(ctx.db, product.id))?.xeroItemUpdate).toBeNull();

    await setProductItemLink(ctx.db, { productId: product.id, itemId: null, userId: ctx.userId });
    await setProductItemLink(ctx.db, { productId: product.id, itemId: item.itemId, userId: ctx.userId });
    expect((await findProduct(ctx.db, product.id))?.xeroItemFromFactory).toBe(false);
  });

  it("cuts a long name to Xero's item limit rather than failing", async () => {
    const { product } = await createProduct(
      ctx.db,
      productInput(taxRateId, { sku: "FOLLOW-03", name: "Base plate" }),
      ctx.userId,
    );
    await createItemFromProduct(ctx.db, { productId: product.id, userId: ctx.userId });
    await edit(product.id, { name: "x".repeat(60) }, true);
    await updateItemFromProduct(ctx.db, product.id);
    expect((await simItem("FOLLOW-03"))?.Name).toHaveLength(50);
  });
});
