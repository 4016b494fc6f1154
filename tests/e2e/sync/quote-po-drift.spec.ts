import path from "node:path";
import type { Page } from "@playwright/test";
import type postgres from "postgres";
import { connectXero, SCREENSHOTS } from "../linking/helpers";
import { expect, test } from "../support/fixtures";
import { seedParties } from "../documents/seed";
import {
  chooseOption,
  configureXero,
  expectNoSidewaysScroll,
  fillProductLine,
  simDocuments,
} from "./helpers";

/**
 * Issue 12: quotes and purchase orders changed in Xero by hand. Xero sends no webhooks for them, so
 * the poller reads them (every 10 s in these tests); the page, never reloaded, shows "Changed in
 * Xero" with what differs, and "Send Factory's version" puts Factory's lines back in Xero (the
 * simulator's own record), while "Accept Xero's version" quiets the card.
 */

type SimLine = {
  Description?: string;
  Quantity?: number;
  UnitAmount?: number;
  AccountCode?: string;
  TaxType?: string;
};

async function shoot(page: Page, name: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
    await page.reload();
    await expect(page.getByRole("region", { name: "Changed in Xero" })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function xeroIdOf(sql: postgres.Sql, type: "quote" | "purchase_order", id: string) {
  const [state] = await sql<{ xero_id: string }[]>`
    select xero_id from document_sync_states where record_type = ${type} and record_id = ${id}`;
  return state?.xero_id ?? "";
}

/** Someone edits the document in Xero's own screens (the simulator's admin edit lever). */
async function editInXero(
  simulatorUrl: string,
  kind: "quotes" | "purchase-orders",
  xeroId: string,
  fields: Record<string, unknown>,
) {
  const state = (await (await fetch(`${simulatorUrl}/sim/state`)).json()) as {
    orgs: { tenantId: string; name: string }[];
  };
  const nz = state.orgs.find((org) => org.name === "Demo Fabrication NZ");
  const response = await fetch(`${simulatorUrl}/sim/orgs/${nz?.tenantId}/${kind}/${xeroId}/edit`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fields),
  });
  expect(response.status).toBe(200);
}

const simQuote = async (simulatorUrl: string, xeroId: string) =>
  (await simDocuments(simulatorUrl, "quotes")).find((quote) => quote.QuoteID === xeroId);

test.describe("changed in Xero: quotes and purchase orders", () => {
  test.describe.configure({ timeout: 150_000 });

  test("a quote's line edited in Xero shows what differs; Send Factory's version puts Factory's lines back", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    await connectXero(adminPage, sql, simulatorUrl);
    await configureXero(sql, true);
    const { tag, customer, product } = await seedParties(sql);

    await page.goto("/quotes/new");
    await chooseOption(page, "Customer", tag, customer.name);
    await fillProductLine(page, product.sku, "10");
    await page.getByRole("button", { name: "Save quote" }).click();
    await expect(page).toHaveURL(/\/quotes\/[0-9a-f-]{36}$/);
    const quoteId = /\/quotes\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? "";
    const card = page.getByRole("region", { name: "Xero", exact: true });
    await expect(card).toContainText(/Quote Xero QU-\d+/, { timeout: 45_000 });
    const xeroId = await xeroIdOf(sql, "quote", quoteId);

    // In Xero, someone makes it 12 and renames the line.
    const lines = ((await simQuote(simulatorUrl, xeroId))?.LineItems ?? []) as SimLine[];
    expect(lines[0]?.Quantity).toBe(10);
    await editInXero(simulatorUrl, "quotes", xeroId, {
      LineItems: lines.map((line, index) =>
        index === 0
          ? {
              Description: `${line.Description ?? ""}, painted`,
              Quantity: 12,
              UnitAmount: line.UnitAmount,
              AccountCode: line.AccountCode,
              TaxType: line.TaxType,
            }
          : { Description: line.Description },
      ),
    });

    // The page, never reloaded, says so once the poller has read it.
    const drift = card.getByRole("region", { name: "Changed in Xero" });
    await expect(drift).toBeVisible({ timeout: 45_000 });
    // In the document's terms: quantities without Xero's trailing zeros, money in its currency.
    await expect(drift).toContainText("Line 1 quantity: Factory sent 10, Xero has 12");
    await expect(drift).toContainText(", painted");
    await expect(drift).toContainText("Total: Factory sent NZD 143.75, Xero has NZD 172.50");
    const [stored] = await sql<{ n: number }[]>`
      select jsonb_array_length(xero_drift)::int as n from document_sync_states
      where record_type = 'quote' and record_id = ${quoteId}`;
    expect(stored?.n).toBe(4);

    // The overview counts it, with every other document changed in Xero.
    await page.goto("/");
    const [{ changed } = { changed: 0 }] = await sql<{ changed: number }[]>`
      select count(*)::int as changed from document_sync_states where xero_drift is not null`;
    await expect(page.getByRole("region", { name: "Owed, from Xero" })).toContainText(
      new RegExp(`Changed in Xero\\s*${changed}`),
    );

    await page.goto(`/quotes/${quoteId}`);
    await shoot(page, "quote-changed-in-xero");

    // Send Factory's version: the same Xero quote gets Factory's lines back.
    await drift.getByRole("button", { name: "Send Factory's version" }).click();
    await expect
      .poll(async () => ((await simQuote(simulatorUrl, xeroId))?.LineItems as SimLine[])[0]?.Quantity, {
        timeout: 45_000,
      })
      .toBe(10);
    const restored = await simQuote(simulatorUrl, xeroId);
    expect(restored?.Total).toBe(143.75);
    expect(((restored?.LineItems ?? []) as SimLine[])[0]?.Description).not.toContain("painted");
    expect((await simDocuments(simulatorUrl, "quotes")).filter((q) => q.QuoteID === xeroId)).toHaveLength(1);
    await expect(drift).toBeHidden({ timeout: 45_000 });
  });

  test("a purchase order's delivery date changed in Xero shows on its card; Accept Xero's version quiets it", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    await connectXero(adminPage, sql, simulatorUrl);
    await configureXero(sql, true);
    const { tag, supplier, product } = await seedParties(sql);

    await page.goto("/purchase-orders/new");
    await chooseOption(page, "Supplier", tag, supplier.name);
    await fillProductLine(page, product.sku, "10");
    await page.getByRole("button", { name: "Save purchase order" }).click();
    await expect(page).toHaveURL(/\/purchase-orders\/[0-9a-f-]{36}$/);
    const orderId = /\/purchase-orders\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? "";
    const card = page.getByRole("region", { name: "Xero", exact: true });
    await expect(card).toContainText(/Purchase order Xero PO-\d+/, { timeout: 45_000 });
    const xeroId = await xeroIdOf(sql, "purchase_order", orderId);

    await editInXero(simulatorUrl, "purchase-orders", xeroId, { DeliveryDate: "2027-01-15" });
    const drift = card.getByRole("region", { name: "Changed in Xero" });
    await expect(drift).toBeVisible({ timeout: 45_000 });
    await expect(drift).toContainText("Delivery date: Factory sent nothing, Xero has 15 Jan 2027");
    await shoot(page, "purchase-order-changed-in-xero");

    await drift.getByRole("button", { name: "Accept Xero's version" }).click();
    await expect(drift).toBeHidden();
    const [state] = await sql<{ drift: unknown; accepted: { field: string }[] | null }[]>`
      select xero_drift as drift, xero_drift_accepted as accepted from document_sync_states
      where record_type = 'purchase_order' and record_id = ${orderId}`;
    expect(state?.drift).toBeNull();
    expect(state?.accepted?.map((d) => d.field)).toEqual(["Delivery date"]);
    // Accepting changes nothing in Xero: the order keeps the date someone gave it there.
    const inXero = (await simDocuments(simulatorUrl, "purchaseOrders")).find(
      (p) => p.PurchaseOrderID === xeroId,
    );
    expect(String(inXero?.DeliveryDateString)).toContain("2027-01-15");
  });
});
