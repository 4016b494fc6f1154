import { readFileSync } from "node:fs";
import { expect, test } from "../support/fixtures";
import { shoot } from "../sync/helpers";
import { seedParties } from "./seed";
import { connectedWithParties, generateInvoice, newDocument, xeroCard } from "./steps";

/** The simulator's NZ organisation: its tenant id and one of its collections. */
async function simNz(simulatorUrl: string, collection: string) {
  const state = (await (await fetch(`${simulatorUrl}/sim/state`)).json()) as {
    orgs: { tenantId: string; name: string }[];
  };
  const tenantId = state.orgs.find((org) => org.name === "Demo Fabrication NZ")?.tenantId ?? "";
  const { records } = (await (await fetch(`${simulatorUrl}/sim/orgs/${tenantId}/${collection}`)).json()) as {
    records: Record<string, unknown>[];
  };
  return { tenantId, records };
}

test.describe("documents out of Xero", () => {
  test.describe.configure({ timeout: 150_000 });

  test("an approved invoice downloads as Xero's PDF, gives its online link and is emailed from Xero, each in its history", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    const parties = await connectedWithParties(adminPage, sql, simulatorUrl);
    const address = `accounts-${parties.tag}@foundry.example`;
    await sql`update customers set email = ${address} where id = ${parties.customer.id}`;

    await newDocument(page, "sales order", parties, "10");
    const orderCard = xeroCard(page);
    await expect(orderCard).toContainText(/INV-\d+/, { timeout: 45_000 });
    // The order's Xero draft has a PDF, but no link or email: Xero gives those for approved invoices only.
    await expect(orderCard.getByRole("button", { name: "Download PDF" })).toBeVisible();
    await expect(orderCard.getByRole("button", { name: "Email from Xero" })).toHaveCount(0);
    await expect(orderCard.getByRole("button", { name: "Copy online invoice link" })).toHaveCount(0);

    await generateInvoice(page, "10");
    const [invoice] = await sql<{ id: string }[]>`
      select i.id from invoices i join sales_orders o on o.id = i.sales_order_id
      where o.customer_id = ${parties.customer.id}`;
    await page.goto(`/invoices/${invoice!.id}`);
    const card = xeroCard(page);
    await expect(card).toContainText("authorised in Xero", { timeout: 45_000 });
    const xeroNumber = /INV-\d+/.exec((await card.textContent()) ?? "")?.[0] ?? "missing";

    // Download PDF: the file Xero rendered, named after Xero's number.
    const downloading = page.waitForEvent("download");
    await card.getByRole("button", { name: "Download PDF" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${xeroNumber}.pdf`);
    const pdf = readFileSync((await download.path()) ?? "").toString("latin1");
    expect(pdf.startsWith("%PDF-")).toBe(true);
    expect(pdf).toContain(`INVOICE ${xeroNumber}`);
    expect(pdf).toContain(parties.customer.name);
    await expect(card).toContainText(`Downloaded ${xeroNumber}.pdf.`);

    // The online invoice link: shown to copy, and it opens the invoice.
    await card.getByRole("button", { name: "Copy online invoice link" }).click();
    const link = card.getByRole("textbox", { name: "Online invoice link" });
    await expect(link).toHaveValue(/\/online-invoice\//);
    const online = await fetch(await link.inputValue());
    expect(online.status).toBe(200);
    expect(Buffer.from(await online.arrayBuffer()).toString("latin1")).toContain(xeroNumber);

    // Email from Xero asks first, then Xero emails the customer's address (the simulator records it).
    await card.getByRole("button", { name: "Email from Xero" }).click();
    await expect(card.getByRole("group", { name: "Email from Xero" })).toContainText(
      `Xero will email invoice ${xeroNumber}`,
    );
    await card.getByRole("button", { name: "Email it now" }).click();
    await expect(card.getByText("Emailed from Xero.")).toBeVisible({ timeout: 20_000 });
    const { tenantId, records: emails } = await simNz(simulatorUrl, "emails");
    expect(emails.filter((email) => email.InvoiceNumber === xeroNumber)).toEqual([
      expect.objectContaining({ To: address, ContactName: parties.customer.name }),
    ]);

    const history = page.getByRole("region", { name: "History" });
    await expect(history).toContainText("PDF downloaded from Xero by Sam Staff");
    await expect(history).toContainText("Online invoice link copied by Sam Staff");
    await expect(history).toContainText("Emailed from Xero by Sam Staff");
    await shoot(page, "invoice-delivery", 1440);
    await shoot(page, "invoice-delivery", 390);

    // Xero's refusal is shown in its words and kept in the history: the contact lost its address in Xero.
    await page.setViewportSize({ width: 1440, height: 900 });
    const { records: contacts } = await simNz(simulatorUrl, "contacts");
    const contact = contacts.find((c) => c.Name === parties.customer.name);
    await fetch(`${simulatorUrl}/sim/orgs/${tenantId}/contacts/${String(contact?.ContactID)}/edit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ EmailAddress: "" }),
    });
    await card.getByRole("button", { name: "Email from Xero" }).click();
    await card.getByRole("button", { name: "Email it now" }).click();
    await expect(card.getByRole("alert")).toContainText("has no email address", { timeout: 20_000 });
    await expect(history).toContainText("Xero did not email it by Sam Staff");
    expect((await simNz(simulatorUrl, "emails")).records).toHaveLength(emails.length);
  });

  test("the PDF route answers only a signed-in user, and refuses a document Xero doesn't hold", async ({
    playwright,
    staffPage: page,
    sql,
  }) => {
    const parties = await seedParties(sql);
    const [quote] = await sql<{ id: string }[]>`
      insert into quotes (number, customer_id, issue_date, currency)
      values (${`QE-${parties.tag}`}, ${parties.customer.id}, current_date, 'NZD') returning id`;
    const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const unsigned = await anonymous.get(`/api/xero/documents/quotes/${quote!.id}/pdf`);
    expect(unsigned.status()).toBe(401);
    await anonymous.dispose();
    const refused = await page.request.get(`/api/xero/documents/quotes/${quote!.id}/pdf`);
    expect(refused.status()).toBe(409);
    expect(await refused.text()).toContain("It isn't in Xero yet");
    expect((await page.request.get(`/api/xero/documents/nothing/${quote!.id}/pdf`)).status()).toBe(404);
  });
});
