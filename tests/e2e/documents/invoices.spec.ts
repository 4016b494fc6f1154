import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { setSaleAutoSend, shoot, simDocuments } from "../sync/helpers";
import {
  connectedWithParties,
  generateInvoice,
  newDocument,
  type Parties,
  xeroCard,
  xeroNumberOnCard,
} from "./steps";

/** A sales order of 10 brackets, made on its form; waits for its Xero draft. Returns its id and number. */
async function newOrder(page: Page, parties: Parties) {
  const order = await newDocument(page, "sales order", parties, "10");
  const draftNumber = await xeroNumberOnCard(page, /INV-\d+/, 20_000);
  return { ...order, draftNumber };
}

/** "Generate invoice" for `quantity` of the order's line, back on the order's page. */
async function invoice(page: Page, orderId: string, quantity: string) {
  await page.goto(`/sales-orders/${orderId}`);
  await generateInvoice(page, quantity);
}

test.describe("invoices", () => {
  // Each test drives a whole sale through Factory and the simulator, with screenshots at two widths.
  test.describe.configure({ timeout: 120_000 });
  test("the list shows an invoice made from an order with Xero's number and state, filters by it, and opens its page", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl);
    const order = await newOrder(page, parties);
    await invoice(page, order.id, "4");
    await expect(page.getByRole("region", { name: /Invoice SI-\d+ in Xero/ })).toContainText(
      `Invoice Xero ${order.draftNumber}`,
      { timeout: 20_000 },
    );
    await setSaleAutoSend(sql, { orders: true, invoices: false });
    await invoice(page, order.id, "6");
    const [sent, unsent] = await sql<{ id: string; number: string; description: string }[]>`
      select i.id, i.number, (select description from invoice_lines where invoice_id = i.id limit 1)
      from invoices i where i.sales_order_id = ${order.id} order by i.number`;

    // The order's page lists its invoices, each leading to its own page.
    await expect(page.getByLabel("Invoices").getByRole("link", { name: unsent!.number })).toHaveAttribute(
      "href",
      `/invoices/${unsent!.id}`,
    );

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Invoices" }).click();
    await expect(page).toHaveURL(/\/invoices$/);
    await page.getByRole("searchbox", { name: "Search invoices" }).fill(parties.tag);
    // The search is debounced: let it reach the URL before a filter is chosen.
    await expect(page).toHaveURL(new RegExp(`[?&]q=${parties.tag}`));
    const rows = page.locator("tbody").getByRole("row");
    await expect(rows).toHaveCount(2);
    const sentRow = page.getByRole("row", { name: new RegExp(sent!.number) });
    await expect(sentRow.getByRole("cell").last()).toContainText(`Xero ${order.draftNumber}`);
    await expect(sentRow.getByRole("cell").last()).toContainText("Sent");
    await expect(sentRow.getByRole("link", { name: order.number })).toHaveAttribute(
      "href",
      `/sales-orders/${order.id}`,
    );
    await expect(
      page
        .getByRole("row", { name: new RegExp(unsent!.number) })
        .getByRole("cell")
        .last(),
    ).toHaveText("Not sent");

    const xeroFilter = page.getByRole("combobox", { name: "Xero" });
    await xeroFilter.selectOption({ label: "Sent" });
    await expect(page).toHaveURL(/[?&]xero=sent(&|$)/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(sent!.number);
    await xeroFilter.selectOption({ label: "Not sent" });
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(unsent!.number);
    await xeroFilter.selectOption({ label: "Any Xero state" });
    await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "Paid" });
    await expect(page.getByText("No invoices match")).toBeVisible();

    await page.goto(`/invoices?q=${parties.tag}`);
    await expect(rows).toHaveCount(2);
    await shoot(page, "invoices-list", 1440);
    await shoot(page, "invoices-list", 390);
    // On a phone the Xero number and state stack under the invoice's number.
    await expect(
      page
        .getByRole("row", { name: new RegExp(sent!.number) })
        .getByRole("cell")
        .first(),
    ).toContainText(`Xero ${order.draftNumber}`);

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole("link", { name: sent!.number }).click();
    await expect(page).toHaveURL(new RegExp(`/invoices/${sent!.id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(
      `Invoice ${sent!.number}Awaiting payment`,
    );
    await expect(page.getByRole("link", { name: order.number })).toHaveAttribute(
      "href",
      `/sales-orders/${order.id}`,
    );
    await expect(page.getByRole("table")).toContainText(sent!.description);
    const card = xeroCard(page);
    await expect(card).toContainText(`Invoice Xero ${order.draftNumber}`);
    await expect(card).toContainText("authorised in Xero");
    const history = page.getByRole("region", { name: "History" });
    await expect(history).toContainText(`Generated from sales order ${order.number} by Sam Staff`);
    await expect(history).toContainText("Sent to Xero (update order draft to AUTHORISED)");
    await shoot(page, "invoice-page", 1440);
    await shoot(page, "invoice-page", 390);
  });

  test("a partly invoiced order leads to its invoice, whose edits reach Xero, and Resend says what it did", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl);
    const order = await newOrder(page, parties);
    await invoice(page, order.id, "4");
    const [made] = await sql<{ id: string; number: string }[]>`
      select id, number from invoices where sales_order_id = ${order.id}`;
    await expect(page.getByRole("region", { name: /Invoice SI-\d+ in Xero/ })).toContainText("Sent", {
      timeout: 20_000,
    });

    // Editing the partly invoiced order: its Xero draft is the invoice now, and the card says where to go.
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await page.getByLabel("Customer order number").fill("Changed after invoicing");
    await page.getByRole("button", { name: "Save sales order" }).click();
    await expect(page).toHaveURL(new RegExp(`/sales-orders/${order.id}$`));
    const orderCard = xeroCard(page);
    await expect(orderCard).toContainText(
      `The order's Xero draft became invoice ${made!.number}; edit the invoice instead.`,
    );
    await expect(orderCard.getByRole("button", { name: /Resend|Send to Xero/ })).toHaveCount(0);
    await orderCard.getByRole("link", { name: `invoice ${made!.number}` }).click();
    await expect(page).toHaveURL(new RegExp(`/invoices/${made!.id}$`));

    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit ${made!.number}`);
    await shoot(page, "invoice-edit", 390);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByLabel("Due date").fill("2027-03-31");
    await page.getByLabel("Reference").fill("Site 4");
    await page.getByLabel("Line 1 description").fill("Galvanised bracket, site 4");
    await page.getByRole("button", { name: "Save invoice" }).click();
    await expect(page).toHaveURL(new RegExp(`/invoices/${made!.id}$`));
    const card = xeroCard(page);
    await expect(card.getByText("Sent", { exact: true })).toBeVisible({ timeout: 20_000 });
    const history = page.getByRole("region", { name: "History" });
    await expect(history).toContainText("Edited by Sam Staff");
    await expect(history).toContainText("Reference: (empty) → “Site 4”");
    await expect(history).toContainText("Sent to Xero (update)");

    const [inXero] = (await simDocuments(simulatorUrl, "invoices")).filter(
      (record) => record.InvoiceNumber === order.draftNumber,
    );
    expect(inXero).toMatchObject({
      Status: "AUTHORISED",
      DueDate: `/Date(${Date.parse("2027-03-31T00:00:00Z")}+0000)/`,
      Reference: `${made!.number} · ${order.number} · Site 4`,
    });
    expect((inXero!.LineItems as { Description: string }[])[0]?.Description).toBe(
      "Galvanised bracket, site 4",
    );

    await card.getByRole("button", { name: "Resend" }).click();
    await expect(card.getByRole("status").filter({ hasText: "Sent: Xero has this version." })).toBeVisible({
      timeout: 20_000,
    });
    const [state] = await sql<{ revision: number; sent_revision: number }[]>`
      select revision, sent_revision from document_sync_states
      where record_type = 'invoice' and record_id = ${made!.id}`;
    expect(state).toEqual({ revision: 3, sent_revision: 3 });
  });
});
