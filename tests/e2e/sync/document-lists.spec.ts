import type { Page } from "@playwright/test";
import { seedParties } from "../documents/seed";
import { connectXero } from "../linking/helpers";
import { expect, test } from "../support/fixtures";
import {
  chooseOption,
  configureXero,
  expectNoSidewaysScroll,
  fillProductLine,
  simDocuments,
} from "./helpers";

async function newQuote(page: Page, parties: Awaited<ReturnType<typeof seedParties>>) {
  await page.goto("/quotes/new");
  await chooseOption(page, "Customer", parties.tag, parties.customer.name);
  await fillProductLine(page, parties.product.sku, "2");
  await page.getByRole("button", { name: "Save quote" }).click();
  await expect(page).toHaveURL(/\/quotes\/[0-9a-f-]{36}$/);
  const number = (await page.getByRole("heading", { level: 1 }).textContent())?.match(/Q-\d+/)?.[0];
  expect(number).toBeDefined();
  return number!;
}

test.describe("Xero in the document lists", () => {
  test("a sent quote shows its Xero number and state in its row, and the Xero filter keeps exactly those", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }, testInfo) => {
    await connectXero(adminPage, sql, simulatorUrl);
    await configureXero(sql, false);
    const parties = await seedParties(sql);

    const sentNumber = await newQuote(page, parties);
    const card = page.getByRole("region", { name: "Xero" });
    await card.getByRole("button", { name: "Send to Xero" }).click();
    await expect(card).toContainText(/Quote Xero QU-\d+/, { timeout: 20_000 });
    const unsentNumber = await newQuote(page, parties);

    const [state] = await sql<{ state: string; xero_number: string }[]>`
      select s.state, s.xero_number from document_sync_states s join quotes q on q.id = s.record_id
      where s.record_type = 'quote' and q.number = ${sentNumber}`;
    expect(state).toMatchObject({ state: "sent", xero_number: expect.stringMatching(/^QU-\d+$/) });
    const xeroNumber = state!.xero_number;
    // The number shown is the one the simulator gave the quote carrying this Factory number.
    expect(
      (await simDocuments(simulatorUrl, "quotes")).filter((quote) => quote.Reference === sentNumber),
    ).toMatchObject([{ QuoteNumber: xeroNumber }]);
    expect(
      (await simDocuments(simulatorUrl, "quotes")).filter((quote) => quote.Reference === unsentNumber),
    ).toHaveLength(0);

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/quotes?q=${parties.tag}`);
    const rows = page.locator("tbody").getByRole("row");
    await expect(rows).toHaveCount(2);
    const sentRow = page.getByRole("row", { name: new RegExp(sentNumber) });
    const sentXeroCell = sentRow.getByRole("cell").last();
    await expect(sentXeroCell).toContainText(`Xero ${xeroNumber}`);
    await expect(sentXeroCell).toContainText("Sent");
    await expect(
      page
        .getByRole("row", { name: new RegExp(unsentNumber) })
        .getByRole("cell")
        .last(),
    ).toHaveText("Not sent");
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: testInfo.outputPath("quotes-list-1440.png"), fullPage: true });

    const xeroFilter = page.getByRole("combobox", { name: "Xero" });
    await xeroFilter.selectOption({ label: "Sent" });
    await expect(page).toHaveURL(/[?&]xero=sent(&|$)/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(sentNumber);

    await xeroFilter.selectOption({ label: "Not sent" });
    await expect(page).toHaveURL(/[?&]xero=not_sent(&|$)/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(unsentNumber);

    await xeroFilter.selectOption({ label: "Failed" });
    await expect(page.getByText("No quotes match")).toBeVisible();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/quotes?q=${parties.tag}`);
    await expect(rows).toHaveCount(2);
    // On a phone the state and Xero number stack under the document's number.
    await expect(
      page
        .getByRole("row", { name: new RegExp(sentNumber) })
        .getByRole("cell")
        .first(),
    ).toContainText(`Xero ${xeroNumber}`);
    await page.screenshot({ path: testInfo.outputPath("quotes-list-390.png"), fullPage: true });
  });

  test("a filter chosen while the search waits to run, or a search typed while a filter loads, keeps both", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    await connectXero(adminPage, sql, simulatorUrl);
    await configureXero(sql, false);
    const parties = await seedParties(sql);
    const sentNumber = await newQuote(page, parties);
    const card = page.getByRole("region", { name: "Xero" });
    await card.getByRole("button", { name: "Send to Xero" }).click();
    await expect(card).toContainText(/Quote Xero QU-\d+/, { timeout: 45_000 });
    const unsentNumber = await newQuote(page, parties);

    const search = page.getByRole("searchbox", { name: "Search quotes" });
    const xeroFilter = page.getByRole("combobox", { name: "Xero" });
    const rows = page.locator("tbody").getByRole("row");
    const both = (xero: string) => (url: URL) =>
      url.searchParams.get("q") === parties.tag && url.searchParams.get("xero") === xero;

    // The filter goes inside the search's 300 ms wait: it takes the search along in one navigation.
    await page.goto("/quotes");
    await search.fill(parties.tag);
    await xeroFilter.selectOption({ label: "Not sent" });
    await expect(page).toHaveURL(both("not_sent"), { timeout: 30_000 });
    await expect(rows).toHaveCount(1, { timeout: 30_000 });
    await expect(rows.first()).toContainText(unsentNumber);
    await expect(xeroFilter).toHaveValue("not_sent");
    await expect(search).toHaveValue(parties.tag);

    // The search fires while the filter's page may still be on its way: it builds on the filter.
    await page.goto("/quotes");
    await xeroFilter.selectOption({ label: "Sent" });
    await search.fill(parties.tag);
    await expect(page).toHaveURL(both("sent"), { timeout: 30_000 });
    await expect(rows).toHaveCount(1, { timeout: 30_000 });
    await expect(rows.first()).toContainText(sentNumber);
    await expect(xeroFilter).toHaveValue("sent");
    await expect(search).toHaveValue(parties.tag);
  });
});
