import { expect, type Page } from "@playwright/test";
import type postgres from "postgres";
import { connectXero } from "../linking/helpers";
import { chooseOption, configureXero, fillProductLine } from "../sync/helpers";
import { seedParties } from "./seed";

/**
 * The steps staff take to make the documents a test needs, on Factory's own forms, so a spec reads
 * as what the user does: connect, make an order, invoice it; make a purchase order, bill it.
 */
export type Parties = Awaited<ReturnType<typeof seedParties>>;

/**
 * Factory connected to a fresh simulator's demo organisation (linking/helpers.ts), Xero set up
 * (sync/helpers.ts: auto-send on or off, new contacts made or not), and a customer, a supplier and a
 * product of this test's own.
 */
export async function connectedWithParties(
  adminPage: Page,
  sql: postgres.Sql,
  simulatorUrl: string,
  { autoSend = true, createContacts = true } = {},
): Promise<Parties> {
  await connectXero(adminPage, sql, simulatorUrl);
  await configureXero(sql, autoSend, createContacts);
  return seedParties(sql);
}

const FORMS = {
  quote: { path: "quotes", party: "Customer", number: /Q-\d+/ },
  "sales order": { path: "sales-orders", party: "Customer", number: /SO-\d+/ },
  "purchase order": { path: "purchase-orders", party: "Supplier", number: /PO-\d+/ },
} as const;

/** A document saved from its form, on its own page. */
export interface SavedDocument {
  id: string;
  /** Its page's URL. */
  url: string;
  /** Factory's number, from the page's heading (Q-…, SO-…, PO-…). */
  number: string;
}

/**
 * "New quote", "New sales order" or "New purchase order": the test's customer (supplier), `quantity`
 * of its product on the first line (at `unitPrice` if given), saved; ends on the document's page.
 */
export async function newDocument(
  page: Page,
  kind: keyof typeof FORMS,
  parties: Parties,
  quantity: string,
  { unitPrice }: { unitPrice?: string } = {},
): Promise<SavedDocument> {
  const form = FORMS[kind];
  const party = form.party === "Customer" ? parties.customer : parties.supplier;
  await page.goto(`/${form.path}/new`);
  await chooseOption(page, form.party, parties.tag, party.name);
  await fillProductLine(page, parties.product.sku, quantity);
  if (unitPrice) await page.getByRole("group", { name: "Line 1" }).getByLabel("Unit price").fill(unitPrice);
  await page.getByRole("button", { name: `Save ${kind}` }).click();
  await expect(page).toHaveURL(new RegExp(`/${form.path}/[0-9a-f-]{36}$`));
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toContainText(form.number);
  const url = page.url();
  return {
    id: url.split("/").at(-1)!,
    url,
    number: form.number.exec((await heading.textContent()) ?? "")![0],
  };
}

/** The page's own Xero card (not the cards of the documents it lists). */
export function xeroCard(page: Page) {
  return page.getByRole("region", { name: "Xero", exact: true });
}

/** Waits until the page's Xero card shows a Xero number like `pattern` (INV-…, PO-…); returns it. */
export async function xeroNumberOnCard(page: Page, pattern: RegExp, timeout: number): Promise<string> {
  const card = xeroCard(page);
  await expect(card).toContainText(pattern, { timeout });
  return pattern.exec((await card.textContent()) ?? "")?.[0] ?? "";
}

/**
 * On a sales order's page: "Generate invoice", for `quantity` of its line (or what the form offers:
 * all that is left), and back on the order's page.
 */
export async function generateInvoice(page: Page, quantity?: string) {
  const orderUrl = page.url();
  await page.getByRole("link", { name: "Generate invoice" }).click();
  if (quantity) await page.getByRole("textbox", { name: /Quantity to invoice/ }).fill(quantity);
  await page.getByRole("button", { name: "Generate invoice" }).click();
  await expect(page).toHaveURL(orderUrl);
}

/**
 * On a purchase order's page: "Convert to bill" under the supplier's invoice number, for `quantity`
 * of its line (or all that is left), and back on the order's page.
 */
export async function convertToBill(page: Page, supplierInvoiceNumber: string, quantity?: string) {
  const orderUrl = page.url();
  await page.getByRole("link", { name: "Convert to bill" }).click();
  await page.getByLabel("Supplier's invoice number").fill(supplierInvoiceNumber);
  if (quantity) await page.getByRole("textbox", { name: /Quantity to bill/ }).fill(quantity);
  await page.getByRole("button", { name: "Convert to bill" }).click();
  await expect(page).toHaveURL(orderUrl);
}
