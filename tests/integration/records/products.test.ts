import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { findProduct, listProducts } from "@/lib/db/queries/products";
import { products, quoteLines, quotes, xeroItemCache } from "@/lib/db/schema";
import { createParty } from "@/lib/factory/parties";
import { createProductSchema, updateProductSchema } from "@/lib/factory/product-schema";
import { createProduct, deleteProduct, updateProduct } from "@/lib/factory/products";
import { RecordError } from "@/lib/errors";
import { testDb } from "../../support/db";
import { createTestUser, gstRateId, partyInput, productInput } from "./record-fixtures";

const db = testDb();
let userId: string;
let taxRateId: string;

beforeAll(async () => {
  userId = await createTestUser(db);
  taxRateId = await gstRateId(db);
});

describe("products", () => {
  it("keeps prices as exact 4-decimal strings", async () => {
    const { product } = await createProduct(db, productInput(taxRateId, { salePrice: "12.3456" }), userId);
    expect(product.salePrice).toBe("12.3456");
    expect(product.purchaseCost).toBe("5.0000");
  });

  it("refuses a SKU another product uses, in any letter case, on the SKU field", async () => {
    const sku = `FLAT-${randomUUID().slice(0, 6)}`;
    await createProduct(db, productInput(taxRateId, { sku: sku.toUpperCase() }), userId);
    const attempt = createProduct(db, productInput(taxRateId, { sku: sku.toLowerCase() }), userId);
    await expect(attempt).rejects.toThrow(RecordError);
    await expect(attempt).rejects.toMatchObject({
      fieldErrors: { sku: [`Another product already uses SKU ${sku.toUpperCase()}`] },
    });
  });

  it("refuses a SKU taken by a concurrent create through the unique index", async () => {
    const sku = `RACE-${randomUUID().slice(0, 6)}`;
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => createProduct(db, productInput(taxRateId, { sku }), userId)),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results.filter((result) => result.status === "rejected")) {
      expect(result.reason).toBeInstanceOf(RecordError);
    }
  });

  it("returns the first product for a repeated idempotency key", async () => {
    const input = productInput(taxRateId);
    const [a, b] = await Promise.all([createProduct(db, input, userId), createProduct(db, input, userId)]);
    expect(a.product.id).toBe(b.product.id);
  });

  it("refuses negative, over-precise and absurd prices, and a 1 MB description", () => {
    const base = { sku: "X", name: "X", unit: "each", purchaseCost: "0", taxRateId, active: true };
    const parse = (fields: Record<string, string>) =>
      createProductSchema.safeParse({
        ...base,
        salePrice: "1",
        description: "",
        idempotencyKey: randomUUID(),
        ...fields,
      });
    expect(parse({ salePrice: "-1" }).error?.issues[0]?.message).toMatch(
      /0 or more, with at most 4 decimals/,
    );
    expect(parse({ salePrice: "1.23456" }).success).toBe(false);
    expect(parse({ salePrice: "99999999999" }).error?.issues[0]?.message).toBe("Enter at most 10,000,000");
    expect(parse({ description: "d".repeat(1024 * 1024) }).error?.issues[0]).toMatchObject({
      path: ["description"],
      message: "Description can be at most 4,000 characters.",
    });
  });

  it("refuses a stale edit", async () => {
    const { product } = await createProduct(db, productInput(taxRateId), userId);
    const edit = updateProductSchema.parse({
      ...productInput(taxRateId),
      sku: product.sku,
      salePrice: "20",
      purchaseCost: "5",
      description: "",
      id: product.id,
      version: 1,
    });
    await updateProduct(db, edit, userId);
    const other = await createTestUser(db, "Other Editor");
    await expect(updateProduct(db, { ...edit, salePrice: "30.0000" }, other)).rejects.toThrow(
      /Someone else changed this product/,
    );
    expect((await findProduct(db, product.id))?.salePrice).toBe("20.0000");
  });

  it("deletes an unused product but refuses one a document uses", async () => {
    const unused = await createProduct(db, productInput(taxRateId), userId);
    await deleteProduct(db, { id: unused.product.id, version: 1 }, userId);
    expect(await findProduct(db, unused.product.id)).toBeUndefined();

    const used = await createProduct(db, productInput(taxRateId), userId);
    const { party } = await createParty(db, "customer", partyInput(), userId);
    const [quote] = await db
      .insert(quotes)
      .values({
        number: `Q-TEST-${randomUUID().slice(0, 8)}`,
        customerId: party.id,
        issueDate: "2026-11-25",
        currency: "NZD",
      })
      .returning();
    await db.insert(quoteLines).values({
      quoteId: quote!.id,
      position: 1,
      productId: used.product.id,
      description: "Used",
      quantity: "1",
      unitPrice: "10",
      lineAmount: "10",
    });
    await expect(deleteProduct(db, { id: used.product.id, version: 1 }, userId)).rejects.toThrow(
      "Documents use this product. Mark it inactive instead.",
    );
  });

  it("lists with the tax rate name joined and filters by active", async () => {
    const tag = randomUUID().slice(0, 6);
    await createProduct(db, productInput(taxRateId, { name: `Gate hinge ${tag}` }), userId);
    await createProduct(db, productInput(taxRateId, { name: `Old hinge ${tag}`, active: false }), userId);
    const page = await listProducts(db, {
      search: tag,
      sort: "name",
      direction: "asc",
      status: "active",
      xero: "all",
      page: 1,
      pageSize: 10,
    });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ name: `Gate hinge ${tag}`, taxRateName: "GST 15%" });
  });

  it("filters by linked to a Xero item or not, and shows the linked item's code", async () => {
    const tag = randomUUID().slice(0, 6);
    const itemId = randomUUID();
    await db.insert(xeroItemCache).values({ itemId, code: `XI-${tag}`, name: "Hinge item" });
    const linked = await createProduct(db, productInput(taxRateId, { name: `Linked ${tag}` }), userId);
    await db.update(products).set({ xeroItemId: itemId }).where(eq(products.id, linked.product.id));
    await createProduct(db, productInput(taxRateId, { name: `Loose ${tag}` }), userId);
    await createProduct(db, productInput(taxRateId, { name: `Loose too ${tag}` }), userId);
    const list = (xero: "all" | "linked" | "unlinked") =>
      listProducts(db, {
        search: tag,
        sort: "name",
        direction: "asc",
        status: "all",
        xero,
        page: 1,
        pageSize: 10,
      });

    const onlyLinked = await list("linked");
    expect(onlyLinked.total).toBe(1);
    expect(onlyLinked.rows).toEqual([
      expect.objectContaining({ id: linked.product.id, xeroItemId: itemId, xeroItemCode: `XI-${tag}` }),
    ]);
    const notLinked = await list("unlinked");
    expect(notLinked.total).toBe(2);
    expect(notLinked.rows.map((row) => [row.name, row.xeroItemCode])).toEqual([
      [`Loose ${tag}`, null],
      [`Loose too ${tag}`, null],
    ]);
    expect((await list("all")).total).toBe(3);
  });
});
