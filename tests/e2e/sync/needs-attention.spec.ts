import { seedParties } from "../documents/seed";
import { connectXero } from "../linking/helpers";
import { expect, test } from "../support/fixtures";
import { chooseOption, configureXero, expectNoSidewaysScroll, fillProductLine } from "./helpers";

const SHOTS = process.env.SHOTS_DIR;

test.describe("documents that need attention", () => {
  test("the overview's count leads to exactly the documents it counted, whatever their reason", async ({
    adminPage: page,
    sql,
    simulatorUrl,
  }) => {
    await connectXero(page, sql, simulatorUrl);
    // No contact is made for a new customer: its quote waits for a person to link one.
    await configureXero(sql, true, false);
    const { tag, customer, product } = await seedParties(sql);
    await page.goto("/quotes/new");
    await chooseOption(page, "Customer", tag, customer.name);
    await fillProductLine(page, product.sku, "2");
    await page.getByRole("button", { name: "Save quote" }).click();
    await expect(page).toHaveURL(/\/quotes\/[0-9a-f-]{36}$/);
    const number = (await page.getByRole("heading", { level: 1 }).textContent())?.match(/Q-\d+/)?.[0];
    await expect(page.getByRole("region", { name: "Xero" })).toContainText("Waiting: Xero contact", {
      timeout: 45_000,
    });

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/");
    const banner = page.getByRole("status").filter({ hasText: /needs? attention before/ });
    const count = Number((await banner.textContent())?.match(/(\d+) documents? needs?/)?.[1]);
    expect(count).toBeGreaterThanOrEqual(1);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/overview-attention-1440.png`, fullPage: true });
    await banner.getByRole("link", { name: /Show (it|them)/ }).click();

    await expect(page).toHaveURL(/\/xero\/sync-log\/attention$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Needs attention");
    const rows = page.locator("tbody").getByRole("row");
    await expect(rows).toHaveCount(count);
    const row = page.getByRole("row", { name: new RegExp(`Quote ${number}`) });
    await expect(row).toContainText("Waiting: Xero contact");
    await expect(row).toContainText(customer.name);
    // The same documents the database holds in those states.
    const [held] = await sql<{ count: number }[]>`
      select count(*)::int as count from document_sync_states
      where state in ('failed', 'waiting_reconnect', 'waiting_for_contact')`;
    expect(held?.count).toBe(count);
    await expectNoSidewaysScroll(page);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/attention-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/attention-390.png`, fullPage: true });

    await row.getByRole("link", { name: "Link the contact" }).click();
    await expect(page).toHaveURL(/\/quotes\/[0-9a-f-]{36}$/);
    await expect(
      page.getByRole("region", { name: "Xero" }).getByRole("link", { name: "Link this customer" }),
    ).toBeVisible();
  });
});
