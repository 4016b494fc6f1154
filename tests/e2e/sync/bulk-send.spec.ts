import type { Page } from "@playwright/test";
import type postgres from "postgres";
import { seedParties } from "../documents/seed";
import { connectXero } from "../linking/helpers";
import { expect, test } from "../support/fixtures";
import { chooseOption, configureXero, fillProductLine, setSaleAutoSend, simInvoicesOfOrder } from "./helpers";

/**
 * Issue 11 item 1 through the browser: "Send unsent" on the sales orders list never puts a second
 * invoice for a sale into Xero, whichever of the order and its invoice went first. Each test checks
 * the simulator's own invoices afterwards.
 */

/** Creates a sales order of 4 of the product and returns its number and path. */
async function newSalesOrder(page: Page, parties: Awaited<ReturnType<typeof seedParties>>) {
  await page.goto("/sales-orders/new");
  await chooseOption(page, "Customer", parties.tag, parties.customer.name);
  await fillProductLine(page, parties.product.sku, "4");
  await page.getByRole("button", { name: "Save sales order" }).click();
  await expect(page).toHaveURL(/\/sales-orders\/[0-9a-f-]{36}$/);
  const path = new URL(page.url()).pathname;
  const heading = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  const number = /SO-\d+/.exec(heading)?.[0] ?? "";
  expect(number).not.toBe("");
  return { path, number, id: path.split("/").at(-1) ?? "" };
}

async function generateWholeInvoice(page: Page) {
  await page.getByRole("link", { name: "Generate invoice" }).click();
  await page.getByRole("textbox", { name: /Quantity to invoice/ }).fill("4");
  await page.getByRole("button", { name: "Generate invoice" }).click();
  await expect(page.getByRole("region", { name: /Invoice SI-\d+ in Xero/ })).toBeVisible();
}

/** The sync state a document settles in (no longer queued or being sent). */
async function settledState(sql: postgres.Sql, type: string, id: string) {
  let state = "";
  await expect
    .poll(
      async () => {
        const [row] = await sql<{ state: string }[]>`
          select state from document_sync_states where record_type = ${type} and record_id = ${id}`;
        state = row?.state ?? "";
        return state;
      },
      { timeout: 20_000 },
    )
    .toMatch(/^(sent|not_sent|failed|locked)$/);
  return state;
}

test.describe("Send unsent on the sales orders list", () => {
  test("orders off, invoices on: the invoice is in Xero, and 'Send unsent orders' adds no draft beside it", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    await connectXero(adminPage, sql, simulatorUrl);
    await configureXero(sql, true);
    await setSaleAutoSend(sql, { orders: false, invoices: true });
    const parties = await seedParties(sql);
    const order = await newSalesOrder(page, parties);
    await expect(page.getByRole("region", { name: "Xero", exact: true })).toContainText("Not sent to Xero.");
    await generateWholeInvoice(page);
    await expect(page.getByRole("region", { name: /Invoice SI-\d+ in Xero/ })).toContainText(
      /Invoice Xero INV-\d+/,
      { timeout: 20_000 },
    );

    await page.goto("/sales-orders");
    await page.getByRole("button", { name: "Send unsent orders" }).click();
    await expect(
      page.getByRole("region", { name: "Send unsent sales orders" }).getByRole("status"),
    ).toContainText(/^(Done|Nothing to send)/, { timeout: 45_000 });
    await expect
      .poll(
        async () =>
          (
            await sql<{ outcome: string }[]>`
              select outcome from sync_log where record_id = ${order.id} order by at desc limit 1`
          )[0]?.outcome,
        { timeout: 20_000 },
      )
      .toBe("skipped");
    expect(await settledState(sql, "sales_order", order.id)).toBe("not_sent");

    const invoices = await simInvoicesOfOrder(simulatorUrl, order.number);
    expect(invoices).toMatchObject([{ Type: "ACCREC", Status: "AUTHORISED" }]);
    await page.goto(order.path);
    await expect(page.getByRole("region", { name: "Xero", exact: true })).toContainText(
      /already carries this order in Xero/,
    );
  });

  test("orders on, invoices off: 'Send unsent invoices' authorises the order's draft instead of adding an invoice", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    await connectXero(adminPage, sql, simulatorUrl);
    await configureXero(sql, true);
    await setSaleAutoSend(sql, { orders: true, invoices: false });
    const parties = await seedParties(sql);
    const order = await newSalesOrder(page, parties);
    const orderCard = page.getByRole("region", { name: "Xero", exact: true });
    await expect(orderCard).toContainText(/Draft invoice Xero INV-\d+/, { timeout: 20_000 });
    const draftNumber = /INV-\d+/.exec((await orderCard.textContent()) ?? "")?.[0];
    await generateWholeInvoice(page);
    await expect(page.getByRole("region", { name: /Invoice SI-\d+ in Xero/ })).toContainText(
      "Not sent to Xero.",
    );

    await page.goto("/sales-orders");
    await page.getByRole("button", { name: "Send unsent invoices" }).click();
    await expect(
      page.getByRole("region", { name: "Send unsent invoices" }).getByRole("status"),
    ).toContainText(/^(Done|Nothing to send)/, { timeout: 45_000 });
    await page.goto(order.path);
    await expect(page.getByRole("region", { name: /Invoice SI-\d+ in Xero/ })).toContainText(
      `Invoice Xero ${draftNumber}`,
      { timeout: 20_000 },
    );

    const invoices = await simInvoicesOfOrder(simulatorUrl, order.number);
    expect(invoices).toMatchObject([{ InvoiceNumber: draftNumber, Type: "ACCREC", Status: "AUTHORISED" }]);
  });
});
