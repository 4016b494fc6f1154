import { expect, test } from "../support/fixtures";
import { shoot, simDocuments } from "../sync/helpers";
import { connectedWithParties, generateInvoice, newDocument, xeroCard } from "./steps";

test.describe("credit notes", () => {
  test.describe.configure({ timeout: 120_000 });
  test("a credit note for part of an invoice gets its Xero number and is allocated to the invoice in Xero", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl);

    // An order of 10 brackets (12.50, GST 15 %), invoiced in full: 143.75 in Xero.
    await newDocument(page, "sales order", parties, "10");
    await generateInvoice(page);
    const [invoice] = await sql<{ id: string; number: string }[]>`
      select i.id, i.number from invoices i join sales_orders o on o.id = i.sales_order_id
      join customers c on c.id = o.customer_id where c.name = ${parties.customer.name}`;
    await page.goto(`/invoices/${invoice!.id}`);
    await expect(xeroCard(page)).toContainText(/INV-\d+/, {
      timeout: 30_000,
    });
    await expect(page.getByText("No credit notes")).toBeVisible();

    // Three brackets come back: credit them, by keyboard.
    await page.getByRole("link", { name: "Create credit note" }).click();
    await expect(page).toHaveURL(new RegExp(`/invoices/${invoice!.id}/credit$`));
    const quantity = page.getByRole("textbox", { name: /Quantity to credit/ });
    await expect(quantity).toHaveValue("10");
    await quantity.fill("30");
    await page.getByLabel("Reference").fill("RMA-3");
    await page.getByRole("button", { name: "Create credit note" }).click();
    // The server refuses more than was invoiced, next to the line.
    await expect(page.getByText(/At most 10 can still be credited/)).toBeVisible();
    await shoot(page, "credit-note-form", 1440);
    await shoot(page, "credit-note-form", 390);
    await page.setViewportSize({ width: 1440, height: 900 });
    await quantity.fill("3");
    await quantity.press("Enter");

    await expect(page).toHaveURL(/\/credit-notes\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/Credit note CN-\d{5}/);
    const card = xeroCard(page);
    await expect(card).toContainText(/CN-\d{4}/, { timeout: 30_000 });
    const xeroNumber = /CN-\d{4}/.exec((await card.textContent()) ?? "")?.[0];
    await expect(page.getByText(/Allocated in Xero/)).toBeVisible();
    await expect(page.getByText(/43\.13 to SI-\d+/)).toBeVisible({ timeout: 30_000 });
    await shoot(page, "credit-note", 1440);
    await shoot(page, "credit-note", 390);

    // What Xero holds: one credit note of 43.13 for this invoice, allocated; 100.62 left due.
    const credits = (await simDocuments(simulatorUrl, "creditNotes")).filter(
      (record) => record.CreditNoteNumber === xeroNumber,
    );
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({ Type: "ACCRECCREDIT", Total: 43.13, RemainingCredit: 0 });
    const [xeroInvoice] = (await simDocuments(simulatorUrl, "invoices")).filter(
      (record) => typeof record.Reference === "string" && record.Reference.startsWith(invoice!.number),
    );
    expect(xeroInvoice).toMatchObject({ AmountDue: 100.62, AmountCredited: 43.13 });

    // The invoice's page lists it with its Xero number.
    await page
      .getByRole("link", { name: `Invoice ${invoice!.number}` })
      .first()
      .click();
    const list = page.getByRole("region", { name: "Credit notes" });
    await expect(list).toContainText(xeroNumber!);
    await shoot(page, "invoice-with-credit-notes", 1440);
    await shoot(page, "invoice-with-credit-notes", 390);
  });
});
