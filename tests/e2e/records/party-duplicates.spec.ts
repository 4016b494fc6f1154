import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Page } from "@playwright/test";
import { SCREENSHOTS } from "../linking/helpers";
import { expect, test } from "../support/fixtures";
import { expectNoSidewaysScroll } from "../sync/helpers";

async function shoot(page: Page, name: string, width: number) {
  await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
}

test.describe("duplicate customers and suppliers", () => {
  test("a customer named like an existing one is made only after 'Create anyway'", async ({
    staffPage: page,
    sql,
  }) => {
    const tag = randomUUID().slice(0, 6);
    const name = `Kauri Joinery ${tag} Ltd`;
    const [existing] = await sql<{ code: string }[]>`
      insert into customers (code, name, currency) values (${`CD-${tag}`}, ${name}, 'NZD') returning code`;

    await page.goto("/customers/new");
    await page.getByLabel("Name", { exact: true }).fill(`kauri  joinery ${tag} limited`);
    await page.getByRole("button", { name: "Create customer" }).click();
    const question = page.getByRole("alert").filter({ hasText: "Create anyway?" });
    await expect(question).toContainText(
      `A customer named “${name}” already exists (${existing!.code}). Create anyway?`,
    );
    await expect(page.getByLabel("Name", { exact: true })).toHaveAccessibleDescription(
      `Same name as ${name} (${existing!.code})`,
    );
    const count = async () => {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from customers where name ilike ${`%joinery ${tag}%`}`;
      return row?.n;
    };
    expect(await count()).toBe(1);
    await shoot(page, "customer-duplicate", 1440);
    await shoot(page, "customer-duplicate", 390);

    await question.getByRole("button", { name: "Create anyway" }).click();
    await expect(page.getByRole("heading", { name: `kauri  joinery ${tag} limited` })).toBeVisible();
    expect(await count()).toBe(2);
  });

  test("a supplier with an existing supplier's email asks first; changing the email lets it through", async ({
    staffPage: page,
    sql,
  }) => {
    const tag = randomUUID().slice(0, 6);
    const email = `orders-${tag}@alloys.example`;
    const [existing] = await sql<{ code: string; name: string }[]>`
      insert into suppliers (code, name, email, currency)
      values (${`SD-${tag}`}, ${`Southern Alloys ${tag}`}, ${email}, 'NZD') returning code, name`;

    await page.goto("/suppliers/new");
    await page.getByLabel("Name", { exact: true }).fill(`Different Metals ${tag}`);
    await page.getByLabel("Email", { exact: true }).fill(email.toUpperCase());
    await page.getByRole("button", { name: "Create supplier" }).click();
    const question = page.getByRole("alert").filter({ hasText: "Create anyway?" });
    await expect(question).toContainText(
      `A supplier with this email already exists: ${existing!.name} (${existing!.code}). Create anyway?`,
    );
    await question.getByRole("button", { name: "Change details" }).click();
    await expect(question).toHaveCount(0);
    await page.getByLabel("Email", { exact: true }).fill(`sales-${tag}@different.example`);
    await page.getByRole("button", { name: "Create supplier" }).click();
    await expect(page.getByRole("heading", { name: `Different Metals ${tag}` })).toBeVisible();
  });
});
