import path from "node:path";
import {
  connectedWithParties,
  convertToBill,
  generateInvoice,
  newDocument,
  xeroCard,
  xeroNumberOnCard,
} from "../documents/steps";
import { SCREENSHOTS } from "../linking/helpers";
import { expect, test } from "../support/fixtures";
import { expectNoSidewaysScroll, simDocuments } from "./helpers";

/**
 * Issue 12: cancelling an order deletes its Xero draft; an administrator voids an invoice (asked
 * first), Xero voids it too and the order's quantities come back; staff see no Void. Each step is
 * checked in the simulator's own records.
 */
test.describe("lifecycle changes reach Xero", () => {
  test("cancelling a sales order deletes its draft in Xero, and its Xero card says so", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl);

    await newDocument(page, "sales order", parties, "4");
    const xeroNumber = await xeroNumberOnCard(page, /INV-\d+/, 45_000);
    const card = xeroCard(page);

    await page.getByRole("button", { name: "Cancel order" }).click();
    await expect(card).toContainText("Deleted in Xero", { timeout: 45_000 });
    await expect(card).toContainText("Cancelled in Factory, so the draft invoice is deleted in Xero too.");
    await expect(card.getByRole("button", { name: /Send to Xero|Resend/ })).toHaveCount(0);
    const [held] = (await simDocuments(simulatorUrl, "invoices")).filter(
      (i) => i.InvoiceNumber === xeroNumber,
    );
    expect(held?.Status).toBe("DELETED");

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({
      path: path.join(SCREENSHOTS, "lifecycle-cancelled-order-1440.png"),
      fullPage: true,
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page);
    await page.screenshot({
      path: path.join(SCREENSHOTS, "lifecycle-cancelled-order-390.png"),
      fullPage: true,
    });
  });

  test("an administrator voids an invoice after confirming; Xero voids it and the order can be invoiced again", async ({
    adminPage,
    staffPage,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl);
    const page = adminPage;

    const { url: orderUrl } = await newDocument(page, "sales order", parties, "3");
    await expect(xeroCard(page)).toContainText(/INV-\d+/, { timeout: 45_000 });
    await generateInvoice(page);
    const invoiceCard = page.getByRole("region", { name: /Invoice SI-\d+ in Xero/ });
    await expect(invoiceCard).toContainText(/authorised in Xero/, { timeout: 45_000 });
    const invoiceNumber = (await invoiceCard.getAttribute("aria-label"))?.match(/SI-\d+/)?.[0] ?? "";
    const xeroNumber = (await invoiceCard.textContent())?.match(/INV-\d+/)?.[0];

    await page.getByRole("link", { name: invoiceNumber }).first().click();
    await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
    const invoiceUrl = page.url();

    // Staff see no Void.
    await staffPage.goto(invoiceUrl);
    await expect(staffPage.getByRole("heading", { level: 1 })).toContainText(invoiceNumber);
    await expect(staffPage.getByRole("button", { name: "Void" })).toHaveCount(0);

    // Asked first; cancelling the dialog changes nothing.
    await page.getByRole("button", { name: "Void" }).click();
    const dialog = page.getByRole("alertdialog", { name: `Void Invoice ${invoiceNumber}?` });
    await expect(dialog).toContainText("its quantities go back to order");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SCREENSHOTS, "lifecycle-void-dialog-390.png") });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: path.join(SCREENSHOTS, "lifecycle-void-dialog-1440.png") });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByText("Awaiting payment").first()).toBeVisible();

    await page.getByRole("button", { name: "Void" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Void" }).click();
    const card = xeroCard(page);
    await expect(card).toContainText("Voided in Xero", { timeout: 45_000 });
    await expect(card).toContainText("Voided in Factory, so the invoice is voided in Xero too.");
    await expect(page.getByRole("button", { name: "Void" })).toHaveCount(0);
    const [held] = (await simDocuments(simulatorUrl, "invoices")).filter(
      (i) => i.InvoiceNumber === xeroNumber,
    );
    expect(held?.Status).toBe("VOIDED");
    await page.screenshot({
      path: path.join(SCREENSHOTS, "lifecycle-voided-invoice-1440.png"),
      fullPage: true,
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page);
    await page.screenshot({
      path: path.join(SCREENSHOTS, "lifecycle-voided-invoice-390.png"),
      fullPage: true,
    });
    await page.setViewportSize({ width: 1440, height: 900 });

    // The order has all 3 to invoice again.
    await page.goto(orderUrl);
    await expect(page.getByText("Confirmed").first()).toBeVisible();
    await page.getByRole("link", { name: "Generate invoice" }).click();
    await expect(page.getByRole("textbox", { name: /Quantity to invoice/ })).toHaveValue("3");
  });

  test("a fully billed purchase order is BILLED in Xero; voiding its bill deletes the unapproved bill there", async ({
    adminPage: page,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(page, sql, simulatorUrl);
    await newDocument(page, "purchase order", parties, "10");
    const xeroNumber = await xeroNumberOnCard(page, /PO-\d+/, 45_000);
    const card = xeroCard(page);

    await convertToBill(page, `SUP-${parties.tag}`);
    await expect(card).toContainText("billed in Xero", { timeout: 45_000 });
    const [po] = (await simDocuments(simulatorUrl, "purchaseOrders")).filter(
      (p) => p.PurchaseOrderNumber === xeroNumber,
    );
    expect(po?.Status).toBe("BILLED");
    const billCard = page.getByRole("region", { name: /Bill BL-\d+ in Xero/ });
    await expect(billCard).toContainText(`SUP-${parties.tag}`, { timeout: 45_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, "lifecycle-billed-po-1440.png"), fullPage: true });

    const billNumber = (await billCard.getAttribute("aria-label"))?.match(/BL-\d+/)?.[0] ?? "";
    await page.getByRole("link", { name: billNumber }).first().click();
    await expect(page).toHaveURL(/\/bills\/[0-9a-f-]{36}$/);
    await page.getByRole("button", { name: "Void" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Void" }).click();
    const ownCard = xeroCard(page);
    await expect(ownCard).toContainText("Deleted in Xero", { timeout: 45_000 });
    await expect(ownCard).toContainText("Voided in Factory, so the bill is deleted in Xero too.");
    const [bill] = (await simDocuments(simulatorUrl, "invoices")).filter(
      (i) => i.InvoiceNumber === `SUP-${parties.tag}`,
    );
    expect(bill?.Status).toBe("DELETED");
    await page.screenshot({ path: path.join(SCREENSHOTS, "lifecycle-voided-bill-1440.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "lifecycle-voided-bill-390.png"), fullPage: true });
  });
});
