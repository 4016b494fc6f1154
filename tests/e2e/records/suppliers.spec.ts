import { randomUUID } from "node:crypto";
import { expect, test } from "../support/fixtures";

test.describe("suppliers", () => {
  test("staff create a supplier through the form", async ({ staffPage: page, sql }) => {
    const name = `Robert'); DROP TABLE suppliers;-- <b>Metals</b> ${randomUUID().slice(0, 6)}`;
    await page.goto("/suppliers");
    await page.getByRole("link", { name: "New supplier" }).click();
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Email", { exact: true }).fill("sales@metals.example");
    await page.getByLabel("Currency").selectOption("AUD");
    await page.getByLabel("Payment due (day)").fill("30");
    await page.getByLabel("Counted as").selectOption("days_after_invoice_date");
    await page.getByRole("button", { name: "Create supplier" }).click();

    // The name shows as typed: text, not markup.
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByText("30 days after the invoice date")).toBeVisible();
    const [row] = await sql<{ code: string; currency: string }[]>`
      select code, currency from suppliers where name = ${name}`;
    expect(row?.code).toMatch(/^S-\d{5}$/);
    expect(row?.currency).toBe("AUD");

    await page.goto(`/suppliers?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole("link", { name })).toBeVisible();
  });
});
