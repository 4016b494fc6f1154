import { randomUUID } from "node:crypto";
import path from "node:path";
import { test } from "../support/fixtures";
import { connectXero, disconnectXero, expect, SCREENSHOTS } from "./helpers";

async function insertProduct(sql: import("postgres").Sql, sku: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into products (sku, name, tax_rate_id)
    values (${sku}, ${`Product ${sku}`}, (select id from tax_rates where name = 'GST 15%'))
    returning id`;
  return row?.id ?? "";
}

test.describe("linking products to Xero items", () => {
  test.beforeEach(async ({ adminPage, sql, simulatorUrl }) => {
    await connectXero(adminPage, sql, simulatorUrl);
  });
  test.afterEach(async ({ sql }) => {
    await disconnectXero(sql);
  });

  test("two products link to one item; a third creates its own item", async ({ staffPage: page, sql }) => {
    const suffix = randomUUID().slice(0, 6);
    const first = await insertProduct(sql, `SHEET-A-${suffix}`);
    const second = await insertProduct(sql, `SHEET-B-${suffix}`);
    for (const id of [first, second]) {
      await page.goto(`/products/${id}`);
      const card = page.getByRole("region", { name: "Xero item" });
      await card.getByRole("button", { name: "Link to a Xero item" }).click();
      await card.getByRole("combobox", { name: "Search Xero items" }).fill("STL-SHT-2");
      await card.getByRole("option").filter({ hasText: "Mild steel sheet 2mm" }).click();
      await card.getByRole("button", { name: "Link", exact: true }).click();
      await expect(card.getByText("STL-SHT-2", { exact: true })).toBeVisible();
    }
    await expect(page.getByRole("link", { name: new RegExp(`SHEET-A-${suffix}`) })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, "item-link-shared.png"), fullPage: true });

    const third = await insertProduct(sql, `NEW-${suffix}`);
    await page.goto(`/products/${third}`);
    const card = page.getByRole("region", { name: "Xero item" });
    await card.getByRole("button", { name: "Create Xero item from this product" }).click();
    await expect(card.getByText(`NEW-${suffix}`, { exact: true })).toBeVisible();

    const rows = await sql<{ xero_item_id: string | null }[]>`
      select xero_item_id from products where id in (${first}, ${second}) `;
    expect(new Set(rows.map((r) => r.xero_item_id)).size).toBe(1);
  });

  test("a SKU over 30 characters is explained, and SKUs are matched to item codes after a preview", async ({
    adminPage: page,
    sql,
  }) => {
    const long = await insertProduct(sql, `A-SKU-LONGER-THAN-THIRTY-CHARS-${randomUUID().slice(0, 4)}`);
    await page.goto(`/products/${long}`);
    const card = page.getByRole("region", { name: "Xero item" });
    await expect(card.getByRole("button", { name: "Create Xero item from this product" })).toBeDisabled();
    await expect(card.getByText(/Xero item codes can be at most 30/)).toBeVisible();

    await sql`delete from products where lower(sku) = 'stl-sht-8'`;
    const matching = await insertProduct(sql, "stl-sht-8");
    await page.goto("/products");
    await page.getByRole("link", { name: "Match SKUs to Xero items" }).click();
    await expect(page.getByRole("checkbox", { name: "Link stl-sht-8" })).toBeChecked();
    await page.screenshot({ path: path.join(SCREENSHOTS, "sku-match-preview.png"), fullPage: true });
    const [before] = await sql<
      { xero_item_id: string | null }[]
    >`select xero_item_id from products where id = ${matching}`;
    expect(before?.xero_item_id).toBeNull();
    await page.getByRole("button", { name: /^Link \d+ products?$/ }).click();
    await expect(page.getByText(/Linked \d+ of \d+ products/)).toBeVisible();
    const [after] = await sql<
      { xero_item_id: string | null }[]
    >`select xero_item_id from products where id = ${matching}`;
    expect(after?.xero_item_id).toBeTruthy();
  });

  test("the SKU matcher stays current after linking: what is left can be linked next", async ({
    adminPage: page,
    sql,
  }) => {
    await sql`delete from products where lower(sku) in ('stl-sht-5', 'stl-sht-6')`;
    const first = await insertProduct(sql, "stl-sht-5");
    const second = await insertProduct(sql, "stl-sht-6");
    await page.goto("/products/xero-match");
    // Link only the first: untick all, tick it.
    await page.getByRole("checkbox", { name: "Tick all" }).uncheck();
    await page.getByRole("checkbox", { name: "Link stl-sht-5" }).check();
    await page.getByRole("button", { name: "Link 1 product", exact: true }).click();
    await expect(page.getByText("Linked 1 of 1 products.")).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "Link stl-sht-5" })).toHaveCount(0);

    // The second is still there, unticked as left; the button counts what is ticked now (it used to
    // keep counting the linked product and then link nothing: "Linked 0 of 0").
    await expect(page.getByRole("checkbox", { name: "Link stl-sht-6" })).not.toBeChecked();
    await expect(page.getByRole("button", { name: "Link 0 products" })).toBeDisabled();
    await page.getByRole("checkbox", { name: "Link stl-sht-6" }).check();
    await page.getByRole("button", { name: "Link 1 product", exact: true }).click();
    await expect(page.getByText("Linked 1 of 1 products.")).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "Link stl-sht-6" })).toHaveCount(0);
    const rows = await sql<{ xero_item_id: string | null }[]>`
      select xero_item_id from products where id in (${first}, ${second})`;
    expect(rows.every((row) => row.xero_item_id)).toBe(true);
  });
});
