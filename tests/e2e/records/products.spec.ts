import { randomUUID } from "node:crypto";
import { expect, test } from "../support/fixtures";

test.describe("products", () => {
  test("staff create a product; a taken SKU is refused on its field", async ({ staffPage: page, sql }) => {
    const sku = `E2E-${randomUUID().slice(0, 8).toUpperCase()}`;
    await page.goto("/products");
    await page.getByRole("link", { name: "New product" }).click();
    await page.getByLabel("SKU").fill(sku);
    await page.getByLabel("Name").fill("Galvanised gate hinge, heavy duty");
    await page.getByLabel("Unit").fill("pair");
    await page.getByLabel("Sale price").fill("-4");
    await page.getByRole("button", { name: "Create product" }).click();
    await expect(page.getByLabel("Sale price")).toHaveAccessibleDescription(
      /0 or more, with at most 4 decimals/,
    );

    await page.getByLabel("Sale price").fill("24.9950");
    await page.getByLabel("Purchase cost").fill("11.5");
    await page.getByRole("button", { name: "Create product" }).click();
    await expect(page.getByRole("heading", { name: "Galvanised gate hinge, heavy duty" })).toBeVisible();
    await expect(page.getByText("24.995", { exact: true })).toBeVisible();

    const [row] = await sql<{ sale_price: string; purchase_cost: string; unit: string; active: boolean }[]>`
      select sale_price, purchase_cost, unit, active from products where sku = ${sku}`;
    expect(row).toEqual({ sale_price: "24.9950", purchase_cost: "11.5000", unit: "pair", active: true });

    await page.goto("/products/new");
    await page.getByLabel("SKU").fill(sku.toLowerCase());
    await page.getByLabel("Name").fill("Duplicate");
    await page.getByRole("button", { name: "Create product" }).click();
    await expect(page.getByLabel("SKU")).toHaveAccessibleDescription(
      new RegExp(`Another product already uses SKU ${sku}`),
    );
    expect(await sql`select 1 from products where lower(sku) = lower(${sku})`).toHaveLength(1);
  });
});
