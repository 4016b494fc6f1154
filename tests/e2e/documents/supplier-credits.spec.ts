import { expect, test } from "../support/fixtures";
import { shoot, simDocuments } from "../sync/helpers";
import { connectedWithParties, convertToBill, newDocument, xeroCard } from "./steps";

/**
 * The supplier side end to end (issue 12): a purchase order converted to a bill, a supplier credit
 * against the bill, its SC- number on the page and an ACCPAYCREDIT of the right total in Xero (the
 * simulator's own state). Factory sends bills as drafts by default, and Xero allocates credit only to
 * an approved bill: the credit's page says so, and once the bill is approved in Xero the allocation
 * is made (read-back) and the page shows it.
 */
test.describe("supplier credits", () => {
  test.describe.configure({ timeout: 240_000 });

  test("a supplier credit against a draft bill gets its number, waits for approval, then is allocated", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl);

    // 10 at the product's 7.25 + 15 % GST: 83.38, billed in full as the supplier's SUP-4410.
    const order = await newDocument(page, "purchase order", parties, "10");
    await convertToBill(page, "SUP-4410");
    const [bill] = await sql<{ id: string; number: string }[]>`
      select b.id, b.number from bills b where b.purchase_order_id = ${order.id}`;
    await page.goto(`/bills/${bill!.id}`);
    await expect(xeroCard(page)).toContainText("SUP-4410", { timeout: 45_000 });
    await expect(page.getByText("No supplier credits")).toBeVisible();

    // Two come back damaged: the supplier credits them (no number of theirs: Factory's goes to Xero).
    await page.getByRole("link", { name: "Supplier credit" }).click();
    await expect(page).toHaveURL(new RegExp(`/bills/${bill!.id}/credit$`));
    await shoot(page, "supplier-credit-form", 1440);
    await shoot(page, "supplier-credit-form", 390);
    await page.setViewportSize({ width: 1440, height: 900 });
    // After the screenshots, which reload the page.
    await page.getByRole("textbox", { name: /Quantity to credit/ }).fill("2");
    await page.getByRole("button", { name: "Create supplier credit" }).click();

    await expect(page).toHaveURL(/\/credit-notes\/[0-9a-f-]{36}$/);
    const heading = page.getByRole("heading", { level: 1 });
    await expect(heading).toContainText(/Supplier credit SC-\d{5}/);
    const number = /SC-\d{5}/.exec((await heading.textContent()) ?? "")![0];
    // In Xero: one ACCPAYCREDIT under Factory's SC- number, 14.50 + 2.18 GST, naming SC- and the bill.
    await expect(xeroCard(page)).toContainText(`Xero ${number}`, { timeout: 45_000 });
    const held = async () =>
      (await simDocuments(simulatorUrl, "creditNotes")).filter((record) =>
        (record.LineItems as { Description?: string }[]).some((line) =>
          line.Description?.includes(`#${number} · bill #${bill!.number}`),
        ),
      );
    await expect.poll(async () => (await held()).length, { timeout: 20_000 }).toBe(1);
    expect((await held())[0]).toMatchObject({
      Type: "ACCPAYCREDIT",
      CreditNoteNumber: number,
      Total: 16.68,
      RemainingCredit: 16.68,
      Allocations: [],
    });

    // The bill is a draft in Xero: the page says what happens next, not "nothing due".
    const allocated = page.getByText(/will be allocated|Factory allocates it when/);
    await expect(allocated).toBeVisible({ timeout: 30_000 });
    await expect(
      page.getByText(`Factory allocates it when ${bill!.number} is approved there.`),
    ).toBeVisible();
    await shoot(page, "supplier-credit-waiting", 1440);
    await shoot(page, "supplier-credit-waiting", 390);
    await page.setViewportSize({ width: 1440, height: 900 });

    // Someone approves the bill in Xero; read-back sees it and the credit is allocated, once.
    const [xeroBill] = (await simDocuments(simulatorUrl, "invoices")).filter(
      (record) => record.InvoiceNumber === "SUP-4410",
    );
    const state = (await (await fetch(`${simulatorUrl}/sim/state`)).json()) as {
      orgs: { tenantId: string; name: string }[];
    };
    const tenantId = state.orgs.find((org) => org.name === "Demo Fabrication NZ")?.tenantId;
    const approved = await fetch(
      `${simulatorUrl}/sim/orgs/${tenantId}/invoices/${String(xeroBill!.InvoiceID)}/approve`,
      {
        method: "POST",
      },
    );
    expect(approved.status).toBe(200);
    await expect(async () => {
      await page.reload();
      await expect(page.getByText(`16.68 to ${bill!.number}`)).toBeVisible();
    }).toPass({ timeout: 60_000 });
    expect((await held())[0]).toMatchObject({ Status: "PAID", RemainingCredit: 0 });
    const [billAfter] = (await simDocuments(simulatorUrl, "invoices")).filter(
      (record) => record.InvoiceNumber === "SUP-4410",
    );
    expect(billAfter).toMatchObject({ Status: "AUTHORISED", AmountDue: 66.7, AmountCredited: 16.68 });
    await shoot(page, "supplier-credit-allocated", 1440);
    await shoot(page, "supplier-credit-allocated", 390);

    // The bill lists it with Xero's number.
    await page.goto(`/bills/${bill!.id}`);
    await expect(page.getByRole("region", { name: "Supplier credits" })).toContainText(number);
    await shoot(page, "bill-with-supplier-credit", 1440);
    await shoot(page, "bill-with-supplier-credit", 390);
  });
});
