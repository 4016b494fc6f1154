import path from "node:path";
import type { Page } from "@playwright/test";
import { connectXero, SCREENSHOTS } from "../linking/helpers";
import { expect, test } from "../support/fixtures";
import { seedParties } from "../documents/seed";
import { configureXero, expectNoSidewaysScroll } from "./helpers";

/**
 * Issue 12, contacts: a customer's contact archived in Xero (the simulator's admin page, as a person
 * archives it in Xero) shows on the customer's page without a reload, once the read-back poller (every
 * 10 s in e2e, which has no webhook key) reads it; restored in Xero, the warning goes.
 */

async function shoot(page: Page, name: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
    await page.reload();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }
}

test.describe("contact read-back", () => {
  test.describe.configure({ timeout: 150_000 });

  test("a contact archived in Xero is shown as archived without a reload, and the warning goes when restored", async ({
    adminPage: page,
    sql,
    simulatorUrl,
    browser,
  }) => {
    await connectXero(page, sql, simulatorUrl);
    await configureXero(sql, false);
    const parties = await seedParties(sql);
    const { name } = parties.customer;

    await page.goto(`/customers/${parties.customer.id}`);
    const card = page.getByRole("region", { name: "Xero", exact: true });
    await card.getByRole("button", { name: "Create in Xero" }).click();
    await expect(card.getByText("Linked", { exact: true })).toBeVisible({ timeout: 20_000 });
    const warning = card.getByRole("status").filter({ hasText: "Archived in Xero." });
    await expect(warning).toHaveCount(0);

    // Archive it in "Xero": the simulator's admin page, in a page of its own.
    const xero = await browser.newPage();
    await xero.goto(`${simulatorUrl}/admin`);
    await xero.getByRole("button", { name: `Archive ${name}`, exact: true }).click();
    await expect(xero.getByRole("button", { name: `Restore ${name}`, exact: true })).toBeVisible();

    // Factory's page, never reloaded, says so once the poller has read it.
    await expect(warning).toBeVisible({ timeout: 45_000 });
    await expect(warning).toContainText("Restore the contact in Xero, or link another contact");
    await expect(card.getByText("Linked · archived in Xero")).toBeVisible();
    const [cached] = await sql<{ status: string; read_back_at: Date | null }[]>`
      select status, read_back_at from xero_contact_cache c join customers p on p.xero_contact_id = c.contact_id
      where p.id = ${parties.customer.id}`;
    expect(cached?.status).toBe("ARCHIVED");
    expect(cached?.read_back_at).not.toBeNull();
    await shoot(page, "contact-read-back-archived");

    // Restored in Xero: the warning goes, again without a reload.
    await xero.getByRole("button", { name: `Restore ${name}`, exact: true }).click();
    await expect(xero.getByRole("button", { name: `Archive ${name}`, exact: true })).toBeVisible();
    await xero.close();
    await expect(warning).toHaveCount(0, { timeout: 45_000 });
    await expect(card.getByText("Linked", { exact: true })).toBeVisible();
  });
});
