import {
  connectedWithParties,
  convertToBill,
  generateInvoice,
  newDocument,
  xeroCard,
  xeroNumberOnCard,
} from "../documents/steps";
import { expect, test } from "../support/fixtures";
import { configureXero, simDocuments } from "./helpers";

test.describe("documents reach Xero", () => {
  test("with auto-send on, a quote, a sales order and a purchase order show their Xero numbers", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl);

    await newDocument(page, "quote", parties, "10");
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

    await newDocument(page, "sales order", parties, "4");
    await expect(page.getByRole("region", { name: "Xero" })).toContainText(/Draft invoice Xero INV-\d+/, {
      timeout: 20_000,
    });

    await newDocument(page, "purchase order", parties, "100");
    await expect(page.getByRole("region", { name: "Xero" })).toContainText(/Purchase order Xero PO-\d+/, {
      timeout: 20_000,
    });

    await convertToBill(page, "SUP-4417", "100");
    await expect(page.getByRole("region", { name: /Bill BL-\d+ in Xero/ })).toContainText(/Bill Xero \S+/, {
      timeout: 20_000,
    });
    const bills = (await simDocuments(simulatorUrl, "invoices")).filter(
      (i) => i.InvoiceNumber === "SUP-4417",
    );
    expect(bills).toMatchObject([{ Type: "ACCPAY", Status: "DRAFT" }]);

    const [quote] = await sql<
      { number: string }[]
    >`select number from quotes where customer_id = ${parties.customer.id}`;
    const quotes = (await simDocuments(simulatorUrl, "quotes")).filter((q) => q.Reference === quote!.number);
    expect(quotes).toHaveLength(1);
  });

  test("a generated invoice authorises its order's Xero draft", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl);
    const order = await newDocument(page, "sales order", parties, "4");
    const draftNumber = await xeroNumberOnCard(page, /INV-\d+/, 20_000);
    const orderCard = xeroCard(page);

    await generateInvoice(page, "4");
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
      where o.customer_id = ${parties.customer.id}`;
    await page
      .getByRole("link", { name: `Invoice ${invoice!.number}` })
      .first()
      .click();
    // An invoice's log entries open the invoice's own page, which leads back to its order.
    await expect(page).toHaveURL(new RegExp(`/invoices/${invoice!.id}$`));
    await page.getByRole("link", { name: /^SO-\d+$/ }).click();
    await expect(page).toHaveURL(order.url);
  });

  test("a document waiting for its contact links to the customer or supplier", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl, { createContacts: false });
    const { customer, supplier } = parties;

    await newDocument(page, "purchase order", parties, "10");
    const orderCard = xeroCard(page);
    await expect(orderCard).toContainText("Waiting: Xero contact", { timeout: 20_000 });
    await expect(orderCard.getByRole("link", { name: "Link this supplier" })).toHaveAttribute(
      "href",
      `/suppliers/${supplier.id}`,
    );

    await newDocument(page, "quote", parties, "10");
    const quoteCard = xeroCard(page);
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
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl, { autoSend: false });

    await newDocument(page, "quote", parties, "3");
    const card = page.getByRole("region", { name: "Xero" });
    await expect(card).toContainText("Not sent to Xero.");
    const [quote] = await sql<
      { number: string }[]
    >`select number from quotes where customer_id = ${parties.customer.id}`;
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
