import { expect, test } from "../support/fixtures";
import { shoot, simDocuments } from "../sync/helpers";
import { connectedWithParties, convertToBill, newDocument, xeroCard } from "./steps";

test.describe("bills", () => {
  // The test drives a whole purchase through Factory and the simulator, with screenshots at two widths.
  test.describe.configure({ timeout: 120_000 });
  test("the list shows a bill made from a purchase order with Xero's state, filters by it, and its page edits reach Xero", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl);
    const { id: orderId, number: orderNumber } = await newDocument(page, "purchase order", parties, "100");
    await expect(xeroCard(page)).toContainText(/PO-\d+/, { timeout: 20_000 });

    const first = `SUP-${parties.tag}-1`;
    await convertToBill(page, first, "40");
    await expect(page.getByRole("region", { name: /Bill BL-\d+ in Xero/ })).toContainText(
      `Bill Xero ${first}`,
      {
        timeout: 20_000,
      },
    );
    await sql`update xero_settings set auto_send_bills = false where id = 1`;
    await page.goto(`/purchase-orders/${orderId}`);
    await convertToBill(page, `SUP-${parties.tag}-2`, "60");
    const [sent, unsent] = await sql<{ id: string; number: string; description: string }[]>`
      select b.id, b.number, (select description from bill_lines where bill_id = b.id limit 1)
      from bills b where b.purchase_order_id = ${orderId} order by b.number`;

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bills" }).click();
    await expect(page).toHaveURL(/\/bills$/);
    await page.getByRole("searchbox", { name: "Search bills" }).fill(parties.tag);
    // The search is debounced: let it reach the URL before a filter is chosen.
    await expect(page).toHaveURL(new RegExp(`[?&]q=${parties.tag}`));
    const rows = page.locator("tbody").getByRole("row");
    await expect(rows).toHaveCount(2);
    const sentRow = page.getByRole("row", { name: new RegExp(sent!.number) });
    await expect(sentRow).toContainText(first);
    await expect(sentRow.getByRole("cell").last()).toContainText(`Xero ${first}`);
    await expect(sentRow.getByRole("cell").last()).toContainText("Sent");
    await expect(sentRow.getByRole("link", { name: orderNumber })).toHaveAttribute(
      "href",
      `/purchase-orders/${orderId}`,
    );
    await expect(
      page
        .getByRole("row", { name: new RegExp(unsent!.number) })
        .getByRole("cell")
        .last(),
    ).toHaveText("Not sent");
    const xeroFilter = page.getByRole("combobox", { name: "Xero" });
    await xeroFilter.selectOption({ label: "Sent" });
    await expect(page).toHaveURL(/[?&]xero=sent(&|$)/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(sent!.number);
    await xeroFilter.selectOption({ label: "Not sent" });
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(unsent!.number);

    await page.goto(`/bills?q=${parties.tag}`);
    await expect(rows).toHaveCount(2);
    await shoot(page, "bills-list", 1440);
    await shoot(page, "bills-list", 390);

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole("link", { name: sent!.number }).click();
    await expect(page).toHaveURL(new RegExp(`/bills/${sent!.id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Bill ${sent!.number}Draft`);
    await expect(page.getByRole("link", { name: orderNumber })).toHaveAttribute(
      "href",
      `/purchase-orders/${orderId}`,
    );
    await expect(page.getByRole("table")).toContainText(sent!.description);
    const card = xeroCard(page);
    await expect(card).toContainText(`Bill Xero ${first}`);
    await expect(page.getByRole("region", { name: "History" })).toContainText(
      `Converted from purchase order ${orderNumber} by Sam Staff`,
    );
    await shoot(page, "bill-page", 1440);
    await shoot(page, "bill-page", 390);

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await page.getByLabel("Supplier invoice number").fill(`${first}A`);
    await page.getByLabel("Due date").fill("2027-02-28");
    await page.getByRole("button", { name: "Save bill" }).click();
    await expect(page).toHaveURL(new RegExp(`/bills/${sent!.id}$`));
    await expect(card).toContainText(`Bill Xero ${first}A`, { timeout: 20_000 });
    await expect(page.getByRole("region", { name: "History" })).toContainText(
      `Supplier invoice number: “${first}” → “${first}A”`,
    );
    const inXero = (await simDocuments(simulatorUrl, "invoices")).filter((record) =>
      String(record.InvoiceNumber).startsWith(`SUP-${parties.tag}`),
    );
    expect(inXero).toMatchObject([
      {
        Type: "ACCPAY",
        InvoiceNumber: `${first}A`,
        DueDate: `/Date(${Date.parse("2027-02-28T00:00:00Z")}+0000)/`,
      },
    ]);
  });
});
