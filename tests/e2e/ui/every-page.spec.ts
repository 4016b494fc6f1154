import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { seedParties } from "../documents/seed";
import { connectXero, disconnectXero } from "../linking/helpers";
import { expect, test } from "../support/fixtures";
import { configureXero } from "../sync/helpers";

/**
 * Every dashboard page at a desktop width and a phone's (390 px): none scrolls sideways, and each is
 * screenshotted for a person to look at (SCREENSHOT_DIR, else .test-data/screenshots/pages).
 */
const SHOTS = process.env.SCREENSHOT_DIR ?? path.resolve(".test-data", "screenshots", "pages");
const WIDTHS = [1440, 390] as const;
const DATE_TIME =
  /\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}, \d{1,2}:\d{2} (am|pm)\b/;
const DATE = /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$/;

const idFrom = (page: Page) => page.url().split("/").at(-1)!;

/** A quote, a sales order with an invoice, a purchase order with a bill: one of each page. */
async function makeDocuments(page: Page, sql: Parameters<typeof seedParties>[0]) {
  const { tag, customer, supplier, product } = await seedParties(sql);
  const line = async (quantity: string) => {
    const first = page.getByRole("group", { name: "Line 1" });
    await first.getByRole("combobox", { name: "Product" }).fill(product.sku);
    await page.getByRole("option", { name: new RegExp(product.sku) }).click();
    await first.getByLabel("Quantity").fill(quantity);
  };
  await page.goto("/quotes/new");
  await page.getByRole("combobox", { name: "Customer" }).fill(tag);
  await page.getByRole("option", { name: customer.name }).click();
  await line("10");
  await page.getByRole("button", { name: "Save quote" }).click();
  await expect(page).toHaveURL(/\/quotes\/[0-9a-f-]{36}$/);
  const quote = idFrom(page);

  await page.getByRole("button", { name: "Convert to sales order" }).click();
  await page.getByRole("button", { name: "Convert", exact: true }).click();
  await expect(page).toHaveURL(/\/sales-orders\/[0-9a-f-]{36}$/);
  const salesOrder = idFrom(page);
  await page.getByRole("link", { name: "Generate invoice" }).click();
  await page.getByRole("textbox", { name: /Quantity to invoice/ }).fill("4");
  await page.getByRole("button", { name: "Generate invoice" }).click();
  await expect(page).toHaveURL(new RegExp(`/sales-orders/${salesOrder}$`));
  const [invoice] = await sql<{ id: string }[]>`select id from invoices where sales_order_id = ${salesOrder}`;
  await page.goto(`/invoices/${invoice!.id}/credit`);
  await page.getByRole("textbox", { name: /Quantity to credit/ }).fill("1");
  await page.getByRole("button", { name: "Create credit note" }).click();
  await expect(page).toHaveURL(/\/credit-notes\/[0-9a-f-]{36}$/);
  const creditNote = idFrom(page);

  await page.goto("/purchase-orders/new");
  await page.getByRole("combobox", { name: "Supplier" }).fill(tag);
  await page.getByRole("option", { name: supplier.name }).click();
  await line("100");
  await page.getByRole("button", { name: "Save purchase order" }).click();
  await expect(page).toHaveURL(/\/purchase-orders\/[0-9a-f-]{36}$/);
  const purchaseOrder = idFrom(page);
  await page.getByRole("link", { name: "Convert to bill" }).click();
  await page.getByLabel("Supplier's invoice number").fill(`SUP-${tag}`);
  await page.getByRole("textbox", { name: /Quantity to bill/ }).fill("40");
  await page.getByRole("button", { name: "Convert to bill" }).click();
  await expect(page).toHaveURL(new RegExp(`/purchase-orders/${purchaseOrder}$`));
  const [bill] = await sql<{ id: string }[]>`select id from bills where purchase_order_id = ${purchaseOrder}`;
  return {
    customer: customer.id,
    supplier: supplier.id,
    product: product.id,
    quote,
    salesOrder,
    invoice: invoice!.id,
    purchaseOrder,
    bill: bill!.id,
    creditNote,
  };
}

test.describe("every page", () => {
  test.afterEach(async ({ sql }) => {
    await disconnectXero(sql);
  });

  test("fits a phone's width and a desktop's, in one date format", async ({
    adminPage: page,
    sql,
    simulatorUrl,
  }) => {
    test.setTimeout(720_000);
    await connectXero(page, sql, simulatorUrl);
    // Sending on: the sync log and the documents' Xero cards have something to show.
    await configureXero(sql, true);
    const ids = await makeDocuments(page, sql);
    const [user] = await sql<{ id: string }[]>`select id from users order by created_at limit 1`;

    // Dates and times read one way, in the organisation's time zone: "3 Dec 2026, 3:27 am".
    await page.goto(`/quotes/${ids.quote}`);
    const detail = (label: string) =>
      page.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");
    await expect(detail("Created")).toContainText(DATE_TIME);
    await expect(detail("Quote date")).toHaveText(DATE);
    // The tab icon.
    await expect(page.locator('head link[rel="icon"]')).toHaveAttribute("href", /icon\.svg/);

    const pages = [
      "/",
      "/customers",
      "/customers/new",
      `/customers/${ids.customer}`,
      `/customers/${ids.customer}/edit`,
      "/suppliers",
      "/suppliers/new",
      `/suppliers/${ids.supplier}`,
      `/suppliers/${ids.supplier}/edit`,
      "/products",
      "/products/new",
      `/products/${ids.product}`,
      `/products/${ids.product}/edit`,
      "/products/xero-match",
      "/quotes",
      "/quotes/new",
      `/quotes/${ids.quote}`,
      "/sales-orders",
      "/sales-orders/new",
      `/sales-orders/${ids.salesOrder}`,
      `/sales-orders/${ids.salesOrder}/generate-invoice`,
      "/invoices",
      `/invoices/${ids.invoice}`,
      `/invoices/${ids.invoice}/edit`,
      "/purchase-orders",
      "/purchase-orders/new",
      `/purchase-orders/${ids.purchaseOrder}`,
      `/purchase-orders/${ids.purchaseOrder}/convert-to-bill`,
      "/bills",
      `/bills/${ids.bill}`,
      `/bills/${ids.bill}/edit`,
      `/bills/${ids.bill}/credit`,
      "/credit-notes",
      "/credit-notes?kind=supplier",
      `/credit-notes/${ids.creditNote}`,
      `/invoices/${ids.invoice}/credit`,
      "/xero",
      "/xero/import",
      "/xero/sync-log",
      "/settings/users",
      `/settings/users/${user!.id}`,
    ];
    mkdirSync(SHOTS, { recursive: true });
    const sideways: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const url of pages) {
        const response = await page.goto(url);
        expect(response?.status(), url).toBeLessThan(400);
        const name =
          url === "/"
            ? "overview"
            : url
                .slice(1)
                .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "id")
                .replaceAll("/", "_")
                .replace(/[?=&]/g, "_");
        await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        if (scrollWidth > clientWidth)
          sideways.push(`${url} at ${width} px: ${scrollWidth} > ${clientWidth}`);
      }
    }
    expect(sideways).toEqual([]);
  });

  test("the tab icon is served to anyone, signed in or not", async ({ request }) => {
    const icon = await request.get("/icon.svg", { maxRedirects: 0 });
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  });
});
