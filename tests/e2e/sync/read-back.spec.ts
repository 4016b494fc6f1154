import type { Page } from "@playwright/test";
import {
  connectedWithParties,
  convertToBill,
  generateInvoice,
  newDocument,
  xeroCard,
} from "../documents/steps";
import { expect, test } from "../support/fixtures";
import { setSaleAutoSend, shoot } from "./helpers";

/**
 * Issue 12: Factory learns what became of what it sent. An invoice paid in Xero (the simulator's
 * admin page, as a person pays it in Xero) shows as Paid on Factory's invoice page without a reload,
 * then in the list's payment filter and on the overview's figures.
 */

/** The page at a desktop's width and a phone's, each screenshot. */
async function shootBoth(page: Page, name: string) {
  for (const width of [1440, 390]) await shoot(page, name, width);
}

test.describe("read-back", () => {
  test.describe.configure({ timeout: 150_000 });

  test("an invoice paid in Xero says Paid on its page without a reload, and in the lists and overview", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
    browser,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl);
    await setSaleAutoSend(sql, { orders: true, invoices: true });

    await newDocument(page, "sales order", parties, "3");
    await expect(xeroCard(page)).toContainText(/INV-\d+/, { timeout: 45_000 });
    await generateInvoice(page);
    const invoiceOf = async () =>
      (
        await sql<{ id: string; number: string }[]>`
          select i.id, i.number from invoices i join sales_orders o on o.id = i.sales_order_id
          join customers c on c.id = o.customer_id where c.name = ${parties.customer.name}`
      )[0];
    await expect.poll(invoiceOf, { timeout: 20_000 }).toBeTruthy();
    const invoice = await invoiceOf();
    await page.goto(`/invoices/${invoice!.id}`);
    const card = xeroCard(page);
    await expect(card).toContainText("Awaiting payment", { timeout: 45_000 });
    const xeroNumber = /INV-\d+/.exec((await card.textContent()) ?? "")?.[0];
    expect(xeroNumber).toBeTruthy();
    // Unpaid, Xero takes an update: the card offers Resend.
    await expect(card.getByRole("button", { name: "Resend" })).toBeVisible();

    // Pay it in "Xero": the simulator's admin page, in a page of its own.
    const xero = await browser.newPage();
    await xero.goto(`${simulatorUrl}/admin`);
    await xero.getByRole("button", { name: `Pay ${xeroNumber}`, exact: true }).click();
    await xero.close();

    // Factory's page, never reloaded, turns Paid once the read-back lands.
    const payment = card.getByLabel("Payment in Xero");
    await expect(payment.getByText("Paid", { exact: true })).toBeVisible({ timeout: 45_000 });
    await expect(payment).toContainText("Amount due");
    await expect(card).toContainText("Read back from Xero");
    // Factory's own status follows, so the page's heading and its Xero card agree.
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Paid");
    // Paid in Xero, which takes no more changes: no Resend the planner would only answer "locked".
    await expect(card.getByRole("button", { name: /Resend|Send to Xero|Retry now/ })).toHaveCount(0);
    await expect(card).toContainText("The invoice is paid in Xero, which no longer accepts changes to it.");
    const [state] = await sql<{ xero_status: string; xero_amount_due: string }[]>`
      select xero_status, xero_amount_due from document_sync_states
      where record_type = 'invoice' and record_id = ${invoice!.id}`;
    expect(state).toMatchObject({ xero_status: "PAID", xero_amount_due: "0.00" });
    await shootBoth(page, "read-back-invoice-paid");

    // The list's payment filter reads Xero's figures.
    await page.goto(`/invoices?q=${parties.tag}&payment=paid`);
    await expect(page.locator("tbody").getByRole("row")).toHaveCount(1);
    await expect(page.locator("tbody").getByRole("row").first()).toContainText("Paid");
    await shootBoth(page, "read-back-invoices-paid");
    await page.goto(`/invoices?q=${parties.tag}&payment=unpaid`);
    await expect(page.getByText("No invoices match")).toBeVisible();

    await page.goto("/bills?payment=unpaid");
    await expect(page.getByRole("combobox", { name: "Payment" })).toHaveValue("unpaid");
    await shootBoth(page, "read-back-bills-unpaid");

    await page.goto("/");
    await expect(page.getByRole("region", { name: "Owed, from Xero" })).toContainText("Customers owe");
    await shootBoth(page, "read-back-overview");
  });

  test("a bill paid in Xero says Paid on its page without a reload", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
    browser,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl);
    // Bills go approved, so Xero can take a payment on them (the admin page pays approved ones).
    await sql`update xero_settings set bill_status = 'AUTHORISED' where id = 1`;
    const order = await newDocument(page, "purchase order", parties, "4");
    await convertToBill(page, "SUP-PAID-7");
    const [bill] = await sql<{ id: string }[]>`select id from bills where purchase_order_id = ${order.id}`;
    await page.goto(`/bills/${bill!.id}`);
    const card = xeroCard(page);
    await expect(card).toContainText("Awaiting payment", { timeout: 45_000 });
    await expect(page.getByRole("heading", { level: 1 })).not.toContainText("Paid");

    const xero = await browser.newPage();
    await xero.goto(`${simulatorUrl}/admin`);
    await xero.getByRole("button", { name: "Pay bill SUP-PAID-7", exact: true }).click();
    await xero.close();

    const payment = card.getByLabel("Payment in Xero");
    await expect(payment.getByText("Paid", { exact: true })).toBeVisible({ timeout: 45_000 });
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Paid");
    const [state] = await sql<{ xero_status: string; xero_amount_due: string; xero_paid_on: string }[]>`
      select xero_status, xero_amount_due, xero_paid_on::text from document_sync_states
      where record_type = 'bill' and record_id = ${bill!.id}`;
    expect(state).toMatchObject({ xero_status: "PAID", xero_amount_due: "0.00" });
    // Xero's paid day, shown as that day (no shift through the browser's zone).
    const [day, month, year] = [
      state!.xero_paid_on.slice(8, 10),
      state!.xero_paid_on.slice(5, 7),
      state!.xero_paid_on.slice(0, 4),
    ];
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    await expect(payment).toContainText(`on ${Number(day)} ${months[Number(month) - 1]} ${year}`);
    await shootBoth(page, "read-back-bill-paid");
  });
});
