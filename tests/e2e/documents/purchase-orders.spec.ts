import { expect, test } from "../support/fixtures";
import { seedParties } from "./seed";

test.describe("purchase orders and bills", () => {
  test("staff raise a purchase order and convert part of it to a bill", async ({ staffPage: page, sql }) => {
    const { tag, supplier, product } = await seedParties(sql);
    await page.goto("/purchase-orders/new");
    await page.getByRole("combobox", { name: "Supplier" }).fill(tag);
    await page.getByRole("option", { name: supplier.name }).click();
    await page.getByLabel("Delivery date").fill("2026-12-10");
    await page.getByLabel("Street address").fill("41 Kahu Road");
    await page.getByLabel("City").fill("Christchurch");
    const line = page.getByRole("group", { name: "Line 1" });
    await line.getByRole("combobox", { name: "Product" }).fill(product.sku);
    await page.getByRole("option", { name: new RegExp(product.sku) }).click();
    await expect(line.getByLabel("Unit cost")).toHaveValue("7.25");
    await line.getByLabel("Quantity").fill("100");
    await page.getByRole("button", { name: "Save purchase order" }).click();

    await expect(page).toHaveURL(/\/purchase-orders\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/Purchase order PO-\d{5}/);
    await expect(page.getByText("41 Kahu Road")).toBeVisible();
    const orderId = page.url().split("/").at(-1)!;
    const [order] = await sql`select delivery_date::text, total from purchase_orders where id = ${orderId}`;
    expect(order).toMatchObject({ delivery_date: "2026-12-10", total: "833.75" });

    await page.getByRole("link", { name: "Convert to bill" }).click();
    await page.getByRole("button", { name: "Convert to bill" }).click();
    await expect(page.getByText("Enter the supplier's invoice number.")).toBeVisible();
    await page.getByLabel("Supplier's invoice number").fill("INV-20931");
    await page.getByRole("textbox", { name: /Quantity to bill/ }).fill("40");
    // The supplier charged 7.50 a unit, not the ordered 7.25: the bill says what was charged.
    const unitCost = page.getByRole("textbox", { name: /^Unit cost:/ });
    await expect(unitCost).toHaveValue("7.25");
    await unitCost.fill("7.5");
    await expect(page.getByLabel("Totals")).toContainText("345.00");
    await page.getByRole("button", { name: "Convert to bill" }).click();
    await expect(page).toHaveURL(new RegExp(`/purchase-orders/${orderId}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Partly billed");
    await expect(page.getByLabel("Bills")).toContainText("Supplier invoice INV-20931");

    const [bill] = await sql<
      { id: string; supplier_invoice_number: string; total: string; quantity: string; unit_cost: string }[]
    >`
      select b.id, b.supplier_invoice_number, b.total, bl.quantity, bl.unit_cost::text
      from bills b join bill_lines bl on bl.bill_id = b.id where b.purchase_order_id = ${orderId}`;
    expect(bill).toMatchObject({
      supplier_invoice_number: "INV-20931",
      total: "345.00",
      quantity: "40.0000",
    });
    expect(Number(bill!.unit_cost)).toBe(7.5);
    const events = await sql<
      { action: string }[]
    >`select action from audit_events where entity_type = 'bill' and entity_id = ${bill!.id}`;
    expect(events.map((event) => event.action)).toEqual(["converted_to_bill"]);
  });
});
