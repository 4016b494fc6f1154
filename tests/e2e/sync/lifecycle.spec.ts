import path from "node:path";
import { seedParties } from "../documents/seed";
import { connectXero, SCREENSHOTS } from "../linking/helpers";
import { expect, test } from "../support/fixtures";
import {
  chooseOption,
  configureXero,
  expectNoSidewaysScroll,
  fillProductLine,
  simDocuments,
} from "./helpers";

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
    await connectXero(adminPage, sql, simulatorUrl);
    await configureXero(sql, true);
    const parties = await seedParties(sql);

    await page.goto("/sales-orders/new");
    await chooseOption(page, "Customer", parties.tag, parties.customer.name);
    await fillProductLine(page, parties.product.sku, "4");
    await page.getByRole("button", { name: "Save sales order" }).click();
    await expect(page).toHaveURL(/\/sales-orders\/[0-9a-f-]{36}$/);
    const card = page.getByRole("region", { name: "Xero", exact: true });
    await expect(card).toContainText(/INV-\d+/, { timeout: 45_000 });
    const xeroNumber = (await card.textContent())?.match(/INV-\d+/)?.[0];

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
    await connectXero(adminPage, sql, simulatorUrl);
    await configureXero(sql, true);
    const parties = await seedParties(sql);
    const page = adminPage;

    await page.goto("/sales-orders/new");
    await chooseOption(page, "Customer", parties.tag, parties.customer.name);
    await fillProductLine(page, parties.product.sku, "3");
    await page.getByRole("button", { name: "Save sales order" }).click();
    await expect(page).toHaveURL(/\/sales-orders\/[0-9a-f-]{36}$/);
    const orderUrl = page.url();
    await expect(page.getByRole("region", { name: "Xero", exact: true })).toContainText(/INV-\d+/, {
      timeout: 45_000,
    });
    await page.getByRole("link", { name: "Generate invoice" }).click();
    await page.getByRole("button", { name: "Generate invoice" }).click();
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
    const card = page.getByRole("region", { name: "Xero", exact: true });
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
    await connectXero(page, sql, simulatorUrl);
    await configureXero(sql, true);
    const parties = await seedParties(sql);
    await page.goto("/purchase-orders/new");
    await chooseOption(page, "Supplier", parties.tag, parties.supplier.name);
    await fillProductLine(page, parties.product.sku, "10");
    await page.getByRole("button", { name: "Save purchase order" }).click();
    await expect(page).toHaveURL(/\/purchase-orders\/[0-9a-f-]{36}$/);
    const orderUrl = page.url();
    const card = page.getByRole("region", { name: "Xero", exact: true });
    await expect(card).toContainText(/PO-\d+/, { timeout: 45_000 });
    const xeroNumber = (await card.textContent())?.match(/PO-\d+/)?.[0];

    await page.getByRole("link", { name: "Convert to bill" }).click();
    await page.getByLabel("Supplier's invoice number").fill(`SUP-${parties.tag}`);
    await page.getByRole("button", { name: "Convert to bill" }).click();
    await expect(page).toHaveURL(orderUrl);
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
    const ownCard = page.getByRole("region", { name: "Xero", exact: true });
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
