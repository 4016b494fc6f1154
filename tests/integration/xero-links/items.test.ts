import "./simulator-env";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findProduct } from "@/lib/db/queries/products";
import { products } from "@/lib/db/schema";
import { createProduct } from "@/lib/factory/products";
import {
  applySkuMatches,
  createItemFromProduct,
  filterItems,
  listXeroItems,
  previewSkuMatches,
  setProductItemLink,
} from "@/lib/linking/items";
import { gstRateId, productInput } from "../records/record-fixtures";
import { admin, connectedDb, sim, type ConnectedDb } from "./connected-db";

let ctx: ConnectedDb;
let taxRateId: string;

beforeAll(async () => {
  ctx = await connectedDb("items");
  taxRateId = await gstRateId(ctx.db);
});
afterAll(async () => {
  await ctx.close();
});

async function newProduct(sku: string, name = `Product ${sku}`) {
  const { product } = await createProduct(ctx.db, productInput(taxRateId, { sku, name }), ctx.userId);
  return product;
}

describe("product links", () => {
  it("links many products to one item and unlinks one", async () => {
    const [sheet] = filterItems(await listXeroItems(ctx.db), "STL-SHT-2");
    const a = await newProduct("SHEET-2-FULL");
    const b = await newProduct("SHEET-2-HALF");
    for (const product of [a, b]) {
      await setProductItemLink(ctx.db, {
        productId: product.id,
        itemId: sheet?.itemId ?? "",
        userId: ctx.userId,
      });
    }
    expect((await findProduct(ctx.db, a.id))?.xeroItemId).toBe(sheet?.itemId);
    expect((await findProduct(ctx.db, b.id))?.xeroItemId).toBe(sheet?.itemId);
    await setProductItemLink(ctx.db, { productId: a.id, itemId: null, userId: ctx.userId });
    expect((await findProduct(ctx.db, a.id))?.xeroItemId).toBeNull();
  });

  it("creates an item from a product with the SKU as its code", async () => {
    const product = await newProduct(
      "NEW-BRACKET-01",
      "Wall bracket, galvanised, with a name longer than fifty characters",
    );
    const item = await createItemFromProduct(ctx.db, { productId: product.id, userId: ctx.userId });
    expect(item.code).toBe("NEW-BRACKET-01");
    const { records } = await admin<{ records: { Code: string; Name: string }[] }>(
      sim,
      "GET",
      `/sim/orgs/${ctx.tenantId}/items`,
    );
    expect(records.find((r) => r.Code === "NEW-BRACKET-01")?.Name).toHaveLength(50);
    expect((await findProduct(ctx.db, product.id))?.xeroItemId).toBe(item.itemId);
  });

  it("explains a SKU over 30 characters and an item code that already exists", async () => {
    // The product form caps SKUs at 30 already; older or migrated data may still hold longer ones.
    const long = await newProduct("LONG-SKU");
    await ctx.db
      .update(products)
      .set({ sku: "A-VERY-LONG-SKU-THAT-XERO-WILL-NOT-TAKE" })
      .where(eq(products.id, long.id));
    await expect(createItemFromProduct(ctx.db, { productId: long.id, userId: null })).rejects.toThrow(
      /39 characters; Xero item codes can be at most 30/,
    );
    const taken = await newProduct("stl-sht-3");
    await expect(createItemFromProduct(ctx.db, { productId: taken.id, userId: null })).rejects.toThrow(
      /already has an item with the code "STL-SHT-3"/,
    );
  });

  it("previews SKU matches and links only what was confirmed", async () => {
    const five = await newProduct("STL-SHT-5");
    const six = await newProduct("stl-sht-6");
    const preview = await previewSkuMatches(ctx.db);
    const five_ = preview.find((m) => m.productId === five.id);
    expect(preview.find((m) => m.productId === six.id)?.item.code).toBe("STL-SHT-6");
    expect((await findProduct(ctx.db, five.id))?.xeroItemId).toBeNull();
    const linked = await applySkuMatches(
      ctx.db,
      [{ productId: five.id, itemId: five_?.item.itemId ?? "" }],
      ctx.userId,
    );
    expect(linked).toBe(1);
    expect((await findProduct(ctx.db, five.id))?.xeroItemId).toBe(five_?.item.itemId);
    expect((await findProduct(ctx.db, six.id))?.xeroItemId).toBeNull();
  });
});
