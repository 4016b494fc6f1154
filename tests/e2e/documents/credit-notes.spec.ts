import { expect, test } from "../support/fixtures";
import { shoot, simDocuments } from "../sync/helpers";
import { connectedWithParties, generateInvoice, newDocument, xeroCard, type Parties } from "./steps";
import type postgres from "postgres";
import type { Page } from "@playwright/test";

/** An order of 10 brackets (12.50, GST 15 %) invoiced in full (143.75); ends on the invoice's page once Xero has it. */
async function invoiceTenBrackets(page: Page, sql: postgres.Sql, parties: Parties) {
  await newDocument(page, "sales order", parties, "10");
  await generateInvoice(page);
  const [invoice] = await sql<{ id: string; number: string }[]>`
    select i.id, i.number from invoices i join sales_orders o on o.id = i.sales_order_id
    join customers c on c.id = o.customer_id where c.name = ${parties.customer.name}`;
  if (!invoice) throw new Error("no invoice");
  await page.goto(`/invoices/${invoice.id}`);
  await expect(xeroCard(page)).toContainText(/INV-\d+/, { timeout: 30_000 });
  return invoice;
}

test.describe("credit notes", () => {
  test.describe.configure({ timeout: 240_000 });
  test("a credit note for part of an invoice gets its Xero number and is allocated to the invoice in Xero", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl);

    // An order of 10 brackets (12.50, GST 15 %), invoiced in full: 143.75 in Xero.
    const invoice = await invoiceTenBrackets(page, sql, parties);
    await expect(page.getByText("No credit notes")).toBeVisible();

    // Three brackets come back: credit them, by keyboard.
    await page.getByRole("link", { name: "Create credit note" }).click();
    await expect(page).toHaveURL(new RegExp(`/invoices/${invoice.id}/credit$`));
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
      (record) => typeof record.Reference === "string" && record.Reference.startsWith(invoice.number),
    );
    expect(xeroInvoice).toMatchObject({ AmountDue: 100.62, AmountCredited: 43.13 });

    // The invoice's page lists it with its Xero number.
    await page.getByRole("link", { name: invoice.number, exact: true }).first().click();
    await expect(page).toHaveURL(new RegExp(`/invoices/${invoice.id}$`));
    const list = page.getByRole("region", { name: "Credit notes" });
    await expect(list).toContainText(xeroNumber!);
    await shoot(page, "invoice-with-credit-notes", 1440);
    await shoot(page, "invoice-with-credit-notes", 390);

    // Crediting the other 7 would take the last of the line: 7 × 12.50 priced alone is 87.50 + 13.13
    // GST, but the invoice has 13.12 of GST left (18.75 − 5.63), so the form shows the rounding lines
    // that take the cent off the tax (−0.04 with GST, +0.04 without) and the total the credit will
    // be saved with: Xero's 100.62 left due.
    await list.getByRole("link", { name: "Create credit note" }).click();
    await expect(quantity).toHaveValue("7");
    const rounding = page.getByRole("cell", { name: /^Rounding adjustment: the credits of/ });
    await expect(rounding).toHaveText([/\(tax 15%\)$/, /\(no tax\)$/]);
    await expect(page.getByLabel("Totals")).toContainText("NZD 100.62");
    await shoot(page, "credit-note-form-last", 1440);
  });

  test("an admin voids a credit note after confirming: Xero takes the allocation off and voids it, the invoice is due again, the list finds it", async ({
    adminPage: page,
    staffPage,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(page, sql, simulatorUrl);
    const invoice = await invoiceTenBrackets(page, sql, parties);
    await page.getByRole("link", { name: "Create credit note" }).click();
    await page.getByRole("textbox", { name: /Quantity to credit/ }).fill("3");
    await page.getByLabel("Reference").fill("RMA-VOID");
    await page.getByRole("button", { name: "Create credit note" }).click();
    await expect(page).toHaveURL(/\/credit-notes\/[0-9a-f-]{36}$/);
    const noteUrl = page.url();
    const number = /CN-\d{5}/.exec((await page.getByRole("heading", { level: 1 }).textContent()) ?? "")?.[0];
    const card = xeroCard(page);
    await expect(page.getByText(/43\.13 to SI-\d+/)).toBeVisible({ timeout: 30_000 });
    const xeroNumber = /CN-\d{4}/.exec((await card.textContent()) ?? "")?.[0];
    const heldCredit = async () =>
      (await simDocuments(simulatorUrl, "creditNotes")).find((r) => r.CreditNoteNumber === xeroNumber);
    const heldInvoice = async () =>
      (await simDocuments(simulatorUrl, "invoices")).find(
        (r) => typeof r.Reference === "string" && r.Reference.startsWith(invoice.number),
      );
    expect(await heldCredit()).toMatchObject({ Status: "PAID", RemainingCredit: 0 });
    expect(await heldInvoice()).toMatchObject({ AmountDue: 100.62, AmountCredited: 43.13 });

    // The list finds it by its number, with Xero's number and the invoice beside it.
    await page.goto("/credit-notes");
    await page.getByRole("searchbox", { name: "Search credit notes" }).fill(number!);
    await expect(page).toHaveURL(new RegExp(`q=${number}`));
    const row = page.getByRole("row").filter({ hasText: number! });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(xeroNumber!);
    await expect(row).toContainText(invoice.number);
    await expect(row).toContainText("Issued");
    await shoot(page, "credit-notes-list", 1440);
    await shoot(page, "credit-notes-list", 390);
    await page.setViewportSize({ width: 1440, height: 900 });

    // Staff see no Void.
    await staffPage.goto(noteUrl);
    await expect(staffPage.getByRole("heading", { level: 1 })).toContainText(number!);
    await expect(staffPage.getByRole("button", { name: "Void" })).toHaveCount(0);

    // Asked first; cancelling changes nothing.
    await row.getByRole("link", { name: number! }).click();
    await expect(page).toHaveURL(noteUrl);
    await page.getByRole("button", { name: "Void" }).click();
    const dialog = page.getByRole("alertdialog", { name: `Void Credit note ${number}?` });
    await expect(dialog).toContainText(`takes its allocation off invoice ${invoice.number}`);
    await expect(dialog).toContainText("goes back up by");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toHaveCount(0);
    expect(await heldCredit()).toMatchObject({ Status: "PAID" });

    // By keyboard: the dialog's Void button confirms.
    await page.getByRole("button", { name: "Void" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("alertdialog").getByRole("button", { name: "Void" }).focus();
    await page.keyboard.press("Enter");
    await expect(card).toContainText("Voided in Xero", { timeout: 45_000 });
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Voided");
    await expect(page.getByRole("button", { name: "Void" })).toHaveCount(0);
    await expect(page.getByText("None: taken off when voided")).toBeVisible();

    // What Xero holds: the credit note voided with nothing allocated; the invoice due in full again.
    expect(await heldCredit()).toMatchObject({ Status: "VOIDED", Allocations: [], RemainingCredit: 0 });
    expect(await heldInvoice()).toMatchObject({ AmountDue: 143.75, AmountCredited: 0, Status: "AUTHORISED" });
    // And Factory: the three brackets can be credited again.
    const [line] = await sql<{ quantity_credited: string }[]>`
      select quantity_credited from invoice_lines where invoice_id = ${invoice.id}`;
    expect(Number(line!.quantity_credited)).toBe(0);
    await shoot(page, "credit-note-voided", 1440);
    await shoot(page, "credit-note-voided", 390);
    await page.setViewportSize({ width: 1440, height: 900 });

    // The list's status filter finds it as voided, and not as issued.
    await page.goto(`/credit-notes?q=${number}`);
    await page.getByLabel("Status").selectOption("voided");
    await expect(page).toHaveURL(/status=voided/);
    await expect(page.getByRole("row").filter({ hasText: number! })).toContainText("Voided");
    await page.getByLabel("Status").selectOption("issued");
    await expect(page).toHaveURL(/status=issued/);
    await expect(page.getByText("No credit notes match")).toBeVisible();
    // Supplier credits are their own list.
    await page.getByRole("link", { name: "Supplier credits" }).click();
    await expect(page).toHaveURL(/kind=supplier/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Supplier credits");
  });
});
