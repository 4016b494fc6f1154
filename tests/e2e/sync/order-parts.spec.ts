import path from "node:path";
import { connectedWithParties, newDocument, xeroCard } from "../documents/steps";
import { SCREENSHOTS } from "../linking/helpers";
import { expect, test } from "../support/fixtures";
import { simDocuments, simInvoicesOfOrder } from "./helpers";

test.describe("an order's parts and currencies in Xero", () => {
  test("a USD quote's Xero card shows Xero's rate and the total in NZD", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl);
    await sql`update customers set currency = 'USD' where id = ${parties.customer.id}`;

    const { number } = await newDocument(page, "quote", parties, "10");
    const card = xeroCard(page);
    await expect(card).toContainText(/Quote Xero QU-\d+/, { timeout: 20_000 });

    // 10 × 12.50 + 15 % GST = USD 143.75; the simulator's day rate is 1 NZD = 0.5936 USD, so
    // NZD 143.75 / 0.5936 = 242.17.
    const [held] = (await simDocuments(simulatorUrl, "quotes")).filter((q) => q.Reference === number);
    expect(held).toMatchObject({ CurrencyCode: "USD", CurrencyRate: 0.5936, Total: 143.75 });
    await expect(card).toContainText("Rate in Xero: 1 NZD = 0.5936 USD · NZD 242.17 in the base currency");
    await card.screenshot({ path: path.join(SCREENSHOTS, "xero-card-foreign-currency.png") });

    // The same customer's order in the base currency shows no rate.
    await sql`update customers set currency = 'NZD' where id = ${parties.customer.id}`;
    await newDocument(page, "quote", parties, "10");
    await expect(xeroCard(page)).toContainText(/Quote Xero QU-\d+/, { timeout: 20_000 });
    await expect(xeroCard(page)).not.toContainText("Rate in Xero");
  });

  test("an order of 842.67 invoiced in two parts is 842.67 in Xero, the last invoice showing its rounding line first", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl);

    const { number: orderNumber } = await newDocument(page, "sales order", parties, "15.5", {
      unitPrice: "47.275",
    });
    await expect(xeroCard(page)).toContainText(/INV-\d+/, { timeout: 20_000 });

    await page.getByRole("link", { name: "Generate invoice" }).click();
    await page.getByRole("textbox", { name: /Quantity to invoice/ }).fill("2.75");
    await expect(page.getByLabel("Totals")).toContainText("149.51");
    await page.getByRole("button", { name: "Generate invoice" }).click();
    await expect(page.getByRole("region", { name: /Invoice SI-\d+ in Xero/ })).toContainText(/INV-\d+/, {
      timeout: 20_000,
    });

    // The rest: the form shows the rounding line before the invoice is made, and the total it will have.
    await page.getByRole("link", { name: "Generate invoice" }).click();
    await expect(page.getByRole("textbox", { name: /Quantity to invoice/ })).toHaveValue("12.75");
    const rounding = `Rounding adjustment: the invoices of ${orderNumber} add up to the order`;
    await expect(page.getByRole("table")).toContainText(rounding);
    await expect(page.getByLabel("Totals")).toContainText("693.16");
    await page.screenshot({ path: path.join(SCREENSHOTS, "generate-invoice-rounding.png"), fullPage: true });
    await page.getByRole("button", { name: "Generate invoice" }).click();
    await expect(page.getByRole("region", { name: /Invoice SI-\d+ in Xero/ })).toHaveCount(2);
    for (const card of await page.getByRole("region", { name: /Invoice SI-\d+ in Xero/ }).all()) {
      await expect(card).toContainText(/Invoice Xero INV-\d+/, { timeout: 20_000 });
    }
    // Open the last invoice's lines on the order page (its number is a link to its own page, so
    // open the row by its summary, not the number).
    const invoicesCard = page.getByRole("region", { name: "Invoices" });
    await invoicesCard
      .locator("summary")
      .filter({ hasText: "693.16" })
      .getByText(/^Issued/)
      .click();
    await expect(invoicesCard.getByText(rounding)).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, "order-invoices-rounding.png"), fullPage: true });

    const invoices = await simInvoicesOfOrder(simulatorUrl, orderNumber);
    expect(invoices.map((invoice) => invoice.Total).sort()).toEqual([149.51, 693.16]);
    expect(invoices.reduce((sum, invoice) => sum + Math.round(Number(invoice.Total) * 100), 0)).toBe(84_267);
  });
});
