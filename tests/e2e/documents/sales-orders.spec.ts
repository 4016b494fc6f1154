import { expect, test } from "../support/fixtures";
import { seedParties } from "./seed";

test.describe("sales orders and invoices", () => {
  test("staff create a sales order from scratch", async ({ staffPage: page, sql }) => {
    const { tag, customer, product } = await seedParties(sql);
    await page.goto("/sales-orders/new");
    await page.getByRole("combobox", { name: "Customer" }).fill(tag);
    // Keyboard only: arrow to the customer, Enter to choose it.
    await expect(page.getByRole("option", { name: customer.name })).toBeVisible();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("combobox", { name: "Customer" })).toHaveValue(customer.name);
    await page.getByLabel("Customer order number").fill("PO 7781");
    const line = page.getByRole("group", { name: "Line 1" });
    await line.getByRole("combobox", { name: "Product" }).fill(product.sku);
    await page.getByRole("option", { name: new RegExp(product.sku) }).click();
    await line.getByLabel("Quantity").fill("4");
    await page.getByRole("button", { name: "Save sales order" }).click();

    await expect(page).toHaveURL(/\/sales-orders\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/Sales order SO-\d{5}/);
    await expect(page.getByText("No invoices yet")).toBeVisible();
    const id = page.url().split("/").at(-1)!;
    const [order] = await sql`select status, reference, total from sales_orders where id = ${id}`;
    expect(order).toMatchObject({ status: "draft", reference: "PO 7781", total: "57.50" });
  });

  test("a quote becomes a sales order, which is invoiced in two parts", async ({ staffPage: page, sql }) => {
    const { tag, customer, product } = await seedParties(sql);
    await page.goto("/quotes/new");
    await page.getByRole("combobox", { name: "Customer" }).fill(tag);
    await page.getByRole("option", { name: customer.name }).click();
    const line = page.getByRole("group", { name: "Line 1" });
    await line.getByRole("combobox", { name: "Product" }).fill(product.sku);
    await page.getByRole("option", { name: new RegExp(product.sku) }).click();
    await line.getByLabel("Quantity").fill("10");
    await page.getByRole("button", { name: "Save quote" }).click();
    await expect(page).toHaveURL(/\/quotes\/[0-9a-f-]{36}$/);
    const quoteId = page.url().split("/").at(-1)!;

    await page.getByRole("button", { name: "Convert to sales order" }).click();
    await page.getByRole("button", { name: "Convert", exact: true }).click();
    await expect(page).toHaveURL(/\/sales-orders\/[0-9a-f-]{36}$/);
    const orderId = page.url().split("/").at(-1)!;
    await expect(page.getByRole("link", { name: /Q-\d{5}/ })).toBeVisible();
    const [quote] = await sql`select status from quotes where id = ${quoteId}`;
    expect(quote!.status).toBe("accepted");

    await page.getByRole("link", { name: "Generate invoice" }).click();
    // The due date follows the customer's terms: the 20th of the following month.
    await expect(page.getByLabel("Due date")).toHaveValue(/^\d{4}-\d{2}-20$/);
    await page.getByRole("textbox", { name: /Quantity to invoice/ }).fill("4");
    await expect(page.getByLabel("Totals")).toContainText("NZD 57.50");
    await page.getByRole("button", { name: "Generate invoice" }).click();
    await expect(page).toHaveURL(new RegExp(`/sales-orders/${orderId}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Partly invoiced");
    const invoices = page.getByLabel("Invoices");
    await expect(invoices.getByText(/SI-\d{5}/)).toHaveCount(1);

    // More than remains is refused on the line; then the rest is invoiced.
    await page.getByRole("link", { name: "Generate invoice" }).click();
    const quantity = page.getByRole("textbox", { name: /Quantity to invoice/ });
    await expect(quantity).toHaveValue("6");
    await quantity.fill("7");
    await page.getByRole("button", { name: "Generate invoice" }).click();
    await expect(page.getByText("Only 6 remain to be invoiced.")).toBeVisible();
    await quantity.fill("6");
    await page.getByRole("button", { name: "Generate invoice" }).click();
    await expect(page).toHaveURL(new RegExp(`/sales-orders/${orderId}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Invoiced");
    await expect(page.getByRole("link", { name: "Generate invoice" })).toHaveCount(0);

    const rows = await sql<{ total: string; quantity: string }[]>`
      select i.total, il.quantity from invoices i join invoice_lines il on il.invoice_id = i.id
      where i.sales_order_id = ${orderId} order by il.quantity`;
    expect(rows.map((row) => [row.quantity, row.total])).toEqual([
      ["4.0000", "57.50"],
      ["6.0000", "86.25"],
    ]);
    const events = await sql<{ action: string }[]>`
      select a.action from audit_events a join invoices i on i.id::text = a.entity_id
      where i.sales_order_id = ${orderId}`;
    expect(events.map((event) => event.action)).toEqual(["invoice_generated", "invoice_generated"]);
  });
});
