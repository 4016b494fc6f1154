import path from "node:path";
import { expect, type Page } from "@playwright/test";
import type postgres from "postgres";
import { SCREENSHOTS } from "../linking/helpers";

/**
 * Sales and purchase accounts chosen, GST mapped, the auto-send switches as given, and contacts
 * created for new customers and suppliers unless `createContacts` is off.
 */
export async function configureXero(sql: postgres.Sql, autoSend: boolean, createContacts = true) {
  await sql`
    insert into xero_settings (id, sales_account_code, purchase_account_code, auto_send_quotes,
      auto_send_sales_orders, auto_send_invoices, auto_send_purchase_orders, auto_send_bills,
      create_contact_for_new_customers, create_contact_for_new_suppliers)
    values (1, '200', '300', ${autoSend}, ${autoSend}, ${autoSend}, ${autoSend}, ${autoSend},
      ${createContacts}, ${createContacts})
    on conflict (id) do update set sales_account_code = '200', purchase_account_code = '300',
      auto_send_quotes = ${autoSend}, auto_send_sales_orders = ${autoSend}, auto_send_invoices = ${autoSend},
      auto_send_purchase_orders = ${autoSend}, auto_send_bills = ${autoSend},
      create_contact_for_new_customers = ${createContacts},
      create_contact_for_new_suppliers = ${createContacts}`;
  await sql`
    insert into xero_tax_mappings (tax_rate_id, sales_tax_type, purchase_tax_type)
    select id, 'OUTPUT2', 'INPUT2' from tax_rates where name = 'GST 15%'
    on conflict (tax_rate_id) do update set sales_tax_type = 'OUTPUT2', purchase_tax_type = 'INPUT2'`;
}

export async function chooseOption(page: Page, box: string, search: string, option: RegExp | string) {
  await page.getByRole("combobox", { name: box }).fill(search);
  await page.getByRole("option", { name: option }).click();
}

export async function fillProductLine(page: Page, sku: string, quantity: string) {
  const line = page.getByRole("group", { name: "Line 1" });
  await line.getByRole("combobox", { name: "Product" }).fill(sku);
  await page.getByRole("option", { name: new RegExp(sku) }).click();
  await line.getByLabel("Quantity").fill(quantity);
}

/** The Xero documents of the simulator's NZ organisation in one collection. */
export async function simDocuments(
  simulatorUrl: string,
  collection: "quotes" | "invoices" | "purchaseOrders" | "creditNotes",
) {
  const state = (await (await fetch(`${simulatorUrl}/sim/state`)).json()) as {
    orgs: { tenantId: string; name: string }[];
  };
  const nz = state.orgs.find((org) => org.name === "Demo Fabrication NZ");
  const { records } = (await (
    await fetch(`${simulatorUrl}/sim/orgs/${nz?.tenantId}/${collection}`)
  ).json()) as {
    records: Record<string, unknown>[];
  };
  return records;
}

/** The auto-send switches of a sale's two documents (the other types keep theirs). */
export async function setSaleAutoSend(sql: postgres.Sql, switches: { orders: boolean; invoices: boolean }) {
  await sql`
    update xero_settings set auto_send_sales_orders = ${switches.orders}, auto_send_invoices = ${switches.invoices}
    where id = 1`;
}

/** The simulator's invoices carrying a sales order's line: every Xero invoice of that sale. */
export async function simInvoicesOfOrder(simulatorUrl: string, orderNumber: string) {
  return (await simDocuments(simulatorUrl, "invoices")).filter((invoice) =>
    (invoice.LineItems as { Description?: string }[]).some(
      (line) => line.Description === `Factory order #${orderNumber}`,
    ),
  );
}

/** The page does not scroll sideways: nothing is wider than the viewport. */
export async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

/**
 * The page reloaded at `width` (1440 a desktop, 390 a phone), checked not to scroll sideways, and
 * saved whole as SCREENSHOTS/`name`-`width`.png.
 */
export async function shoot(page: Page, name: string, width: number) {
  await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
  await page.reload();
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
}
