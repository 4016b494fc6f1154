import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test } from "../support/fixtures";
import { expectNoSidewaysScroll } from "../sync/helpers";
import { connectXero, disconnectXero, expect, SCREENSHOTS } from "./helpers";

async function simItem(simulatorUrl: string, code: string) {
  const state = (await (await fetch(`${simulatorUrl}/sim/state`)).json()) as {
    orgs: { tenantId: string; name: string }[];
  };
  const nz = state.orgs.find((org) => org.name === "Demo Fabrication NZ");
  const { records } = (await (await fetch(`${simulatorUrl}/sim/orgs/${nz?.tenantId}/items`)).json()) as {
    records: { Code: string; Name?: string; Description?: string; SalesDetails?: { UnitPrice?: number } }[];
  };
  return records.find((record) => record.Code === code);
}

async function shoot(page: Page, name: string, width: number) {
  await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
}

test.describe("products follow Factory onto their Xero items", () => {
  test.beforeEach(async ({ adminPage, sql, simulatorUrl }) => {
    await connectXero(adminPage, sql, simulatorUrl);
  });
  test.afterEach(async ({ sql }) => {
    await disconnectXero(sql);
  });

  test("editing a product whose item Factory created updates the item through the worker", async ({
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    test.setTimeout(120_000);
    const sku = `FOLLOW-${randomUUID().slice(0, 6)}`;
    const [row] = await sql<{ id: string }[]>`
      insert into products (sku, name, sale_price, purchase_cost, tax_rate_id)
      values (${sku}, 'Angle bracket', 12.5, 7, (select id from tax_rates where name = 'GST 15%'))
      returning id`;
    await page.goto(`/products/${row!.id}`);
    const card = page.getByRole("region", { name: "Xero item" });
    await card.getByRole("button", { name: "Create Xero item from this product" }).click();
    await expect(card.getByText(sku, { exact: true })).toBeVisible();

    await page.goto(`/products/${row!.id}/edit`);
    const follow = page.getByRole("checkbox", { name: new RegExp(`Also update Xero item ${sku}`) });
    await expect(follow).toBeChecked();
    await page.getByLabel("Name", { exact: true }).fill("Angle bracket, zinc");
    await page.getByLabel("Sale price").fill("14.20");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(new RegExp(`/products/${row!.id}$`));

    await expect(async () => {
      const item = await simItem(simulatorUrl, sku);
      expect(item?.Name).toBe("Angle bracket, zinc");
      expect(item?.SalesDetails?.UnitPrice).toBe(14.2);
    }).toPass({ timeout: 45_000 });
    // The page refreshes itself while the update waits for the worker.
    await expect(page.getByRole("status", { name: "Xero item update" })).toContainText(
      `Xero item ${sku} was updated from this product.`,
      { timeout: 45_000 },
    );
    await shoot(page, "product-item-updated", 1440);
    await shoot(page, "product-item-updated", 390);

    // Left unticked, the item stays as it is.
    await page.goto(`/products/${row!.id}/edit`);
    await page.getByRole("checkbox", { name: new RegExp(`Also update Xero item ${sku}`) }).uncheck();
    await page.getByLabel("Name", { exact: true }).fill("Angle bracket, zinc, 40 mm");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(new RegExp(`/products/${row!.id}$`));
    expect((await simItem(simulatorUrl, sku))?.Name).toBe("Angle bracket, zinc");
  });
});
