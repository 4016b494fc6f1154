import { seedParties } from "../documents/seed";
import { connectXero } from "../linking/helpers";
import { expect, test } from "../support/fixtures";
import { chooseOption, configureXero, fillProductLine, simDocuments } from "./helpers";

test.describe("documents reach Xero", () => {
  test("with auto-send on, a quote, a sales order and a purchase order show their Xero numbers", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    await connectXero(adminPage, sql, simulatorUrl);
    await configureXero(sql, true);
    const { tag, customer, supplier, product } = await seedParties(sql);

    await page.goto("/quotes/new");
    await chooseOption(page, "Customer", tag, customer.name);
    await fillProductLine(page, product.sku, "10");
    await page.getByRole("button", { name: "Save quote" }).click();
    await expect(page).toHaveURL(/\/quotes\/[0-9a-f-]{36}$/);
    const quoteCard = page.getByRole("region", { name: "Xero" });
    // No reload: the card refreshes itself while the document is queued.
    await expect(quoteCard).toContainText(/Quote Xero QU-\d+/, { timeout: 20_000 });
    // Connected to the simulator, "Open in Xero" opens the simulator's own page for the quote
    // (go.xero.com has no demo organisation), and that page shows it.
    const openInXero = quoteCard.getByRole("link", { name: "Open in Xero" });
    await expect(openInXero).toHaveAttribute("href", new RegExp(`^${simulatorUrl}/sim/view/!dfNZ1/quote/`));
    const quoteNumber = (await quoteCard.textContent())?.match(/QU-\d+/)?.[0] ?? "QU-?";
    const simPage = await page.request.get((await openInXero.getAttribute("href")) ?? "");
    expect(simPage.status()).toBe(200);
    expect(await simPage.text()).toContain(`Quote ${quoteNumber}`);

    await page.goto("/sales-orders/new");
    await chooseOption(page, "Customer", tag, customer.name);
    await fillProductLine(page, product.sku, "4");
    await page.getByRole("button", { name: "Save sales order" }).click();
    await expect(page).toHaveURL(/\/sales-orders\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("region", { name: "Xero" })).toContainText(/Draft invoice Xero INV-\d+/, {
      timeout: 20_000,
    });

    await page.goto("/purchase-orders/new");
    await chooseOption(page, "Supplier", tag, supplier.name);
    await fillProductLine(page, product.sku, "100");
    await page.getByRole("button", { name: "Save purchase order" }).click();
    await expect(page).toHaveURL(/\/purchase-orders\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("region", { name: "Xero" })).toContainText(/Purchase order Xero PO-\d+/, {
      timeout: 20_000,
    });

    await page.getByRole("link", { name: "Convert to bill" }).click();
    await page.getByLabel("Supplier's invoice number").fill("SUP-4417");
    await page.getByRole("textbox", { name: /Quantity to bill/ }).fill("100");
    await page.getByRole("button", { name: "Convert to bill" }).click();
    await expect(page).toHaveURL(/\/purchase-orders\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("region", { name: /Bill BL-\d+ in Xero/ })).toContainText(/Bill Xero \S+/, {
      timeout: 20_000,
    });
    const bills = (await simDocuments(simulatorUrl, "invoices")).filter(
      (i) => i.InvoiceNumber === "SUP-4417",
    );
    expect(bills).toMatchObject([{ Type: "ACCPAY", Status: "DRAFT" }]);

    const [quote] = await sql<
      { number: string }[]
    >`select number from quotes where customer_id = ${customer.id}`;
    const quotes = (await simDocuments(simulatorUrl, "quotes")).filter((q) => q.Reference === quote!.number);
    expect(quotes).toHaveLength(1);
  });

  test("a generated invoice authorises its order's Xero draft", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    await connectXero(adminPage, sql, simulatorUrl);
    await configureXero(sql, true);
    const { tag, customer, product } = await seedParties(sql);
    await page.goto("/sales-orders/new");
    await chooseOption(page, "Customer", tag, customer.name);
    await fillProductLine(page, product.sku, "4");
    await page.getByRole("button", { name: "Save sales order" }).click();
    await expect(page).toHaveURL(/\/sales-orders\/[0-9a-f-]{36}$/);
    const orderPath = new URL(page.url()).pathname;
    const orderCard = page.getByRole("region", { name: "Xero", exact: true });
    await expect(orderCard).toContainText(/INV-\d+/, { timeout: 20_000 });
    const draftNumber = /INV-\d+/.exec((await orderCard.textContent()) ?? "")?.[0];

    await page.getByRole("link", { name: "Generate invoice" }).click();
    await page.getByRole("textbox", { name: /Quantity to invoice/ }).fill("4");
    await page.getByRole("button", { name: "Generate invoice" }).click();
    const invoiceCard = page.getByRole("region", { name: /Invoice SI-\d+ in Xero/ });
    await expect(invoiceCard).toContainText(`Invoice Xero ${draftNumber}`, { timeout: 20_000 });
    await expect(invoiceCard).toContainText("authorised in Xero");

    const invoices = (await simDocuments(simulatorUrl, "invoices")).filter(
      (i) => i.InvoiceNumber === draftNumber,
    );
    expect(invoices).toMatchObject([{ Type: "ACCREC", Status: "AUTHORISED" }]);

    // The order's draft is that invoice now: its own card says so rather than "draft".
    await expect(orderCard).toContainText(`Draft invoice Xero ${draftNumber}`);
    await expect(orderCard).toContainText("authorised in Xero");

    await page.goto("/xero/sync-log?type=invoice");
    await expect(page.getByRole("table")).toContainText("update order draft to AUTHORISED");
    const [invoice] = await sql<{ id: string; number: string }[]>`
      select i.id, i.number from invoices i join sales_orders o on o.id = i.sales_order_id
      where o.customer_id = ${customer.id}`;
    await page
      .getByRole("link", { name: `Invoice ${invoice!.number}` })
      .first()
      .click();
    // An invoice's log entries open the invoice's own page, which leads back to its order.
    await expect(page).toHaveURL(new RegExp(`/invoices/${invoice!.id}$`));
    await page.getByRole("link", { name: /^SO-\d+$/ }).click();
    await expect(page).toHaveURL(new RegExp(`${orderPath}$`));
  });

  test("a document waiting for its contact links to the customer or supplier", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    await connectXero(adminPage, sql, simulatorUrl);
    await configureXero(sql, true, false);
    const { tag, customer, supplier, product } = await seedParties(sql);

    await page.goto("/purchase-orders/new");
    await chooseOption(page, "Supplier", tag, supplier.name);
    await fillProductLine(page, product.sku, "10");
    await page.getByRole("button", { name: "Save purchase order" }).click();
    await expect(page).toHaveURL(/\/purchase-orders\/[0-9a-f-]{36}$/);
    const orderCard = page.getByRole("region", { name: "Xero", exact: true });
    await expect(orderCard).toContainText("Waiting: Xero contact", { timeout: 20_000 });
    await expect(orderCard.getByRole("link", { name: "Link this supplier" })).toHaveAttribute(
      "href",
      `/suppliers/${supplier.id}`,
    );

    await page.goto("/quotes/new");
    await chooseOption(page, "Customer", tag, customer.name);
    await fillProductLine(page, product.sku, "10");
    await page.getByRole("button", { name: "Save quote" }).click();
    await expect(page).toHaveURL(/\/quotes\/[0-9a-f-]{36}$/);
    const quoteCard = page.getByRole("region", { name: "Xero", exact: true });
    await expect(quoteCard).toContainText("Waiting: Xero contact", { timeout: 20_000 });
    await quoteCard.getByRole("link", { name: "Link this customer" }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}$`));
    await configureXero(sql, true);
  });

  test("with auto-send off, nothing goes until someone presses Send to Xero", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    await connectXero(adminPage, sql, simulatorUrl);
    await configureXero(sql, false);
    const { tag, customer, product } = await seedParties(sql);

    await page.goto("/quotes/new");
    await chooseOption(page, "Customer", tag, customer.name);
    await fillProductLine(page, product.sku, "3");
    await page.getByRole("button", { name: "Save quote" }).click();
    await expect(page).toHaveURL(/\/quotes\/[0-9a-f-]{36}$/);
    const card = page.getByRole("region", { name: "Xero" });
    await expect(card).toContainText("Not sent to Xero.");
    const [quote] = await sql<
      { number: string }[]
    >`select number from quotes where customer_id = ${customer.id}`;
    expect(
      (await simDocuments(simulatorUrl, "quotes")).filter((q) => q.Reference === quote!.number),
    ).toHaveLength(0);

    await card.getByRole("button", { name: "Send to Xero" }).click();
    await expect(card).toContainText(/Quote Xero QU-\d+/, { timeout: 20_000 });
    await expect(card.getByRole("button", { name: "Resend" })).toBeVisible();
    expect(
      (await simDocuments(simulatorUrl, "quotes")).filter((q) => q.Reference === quote!.number),
    ).toHaveLength(1);
  });
});
