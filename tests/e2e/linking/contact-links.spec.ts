import path from "node:path";
import { test } from "../support/fixtures";
import { connectXero, disconnectXero, expect, insertParty, SCREENSHOTS, simContacts } from "./helpers";

test.describe("linking customers and suppliers to Xero contacts", () => {
  test.beforeEach(async ({ adminPage, sql, simulatorUrl }) => {
    await connectXero(adminPage, sql, simulatorUrl);
  });
  test.afterEach(async ({ sql }) => {
    await disconnectXero(sql);
  });

  test("link, change link and unlink, each audited", async ({ staffPage: page, sql }) => {
    const id = await insertParty(sql, "customers", { name: `Link Test ${Date.now()}` });
    await page.goto(`/customers/${id}`);
    const card = page.getByRole("region", { name: "Xero contact" });
    await expect(card.getByText("Not linked", { exact: true })).toBeVisible();

    await card.getByRole("button", { name: "Link to a Xero contact" }).click();
    const search = card.getByRole("combobox", { name: "Search Xero contacts" });
    await search.fill("harbour");
    await expect(card.getByRole("option", { name: /Harbour Marine Engineering Ltd/ })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, "link-editor-search.png"), fullPage: true });
    // Keyboard only: down to the second result and back up to the first, then choose it.
    await search.press("ArrowDown");
    await search.press("ArrowUp");
    await expect(card.getByRole("option", { selected: true })).toContainText(
      "Harbour Marine Engineering Ltd",
    );
    await search.press("Enter");
    await card.getByRole("button", { name: "Link", exact: true }).click();
    await expect(card.getByText("Harbour Marine Engineering Ltd")).toBeVisible();
    await expect(card.getByRole("link", { name: "Open in Xero" })).toHaveAttribute(
      "href",
      /\/sim\/view\/!dfNZ1\/contact\//,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, "link-editor-linked.png"), fullPage: true });

    await card.getByRole("button", { name: "Change link" }).click();
    await card.getByRole("combobox", { name: "Search Xero contacts" }).fill("Riverside");
    await card.getByRole("option", { name: /Riverside Brewing/ }).click();
    await card.getByRole("button", { name: "Link", exact: true }).click();
    await expect(card.getByText("Riverside Brewing Company Limited")).toBeVisible();

    await card.getByRole("button", { name: "Unlink" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Unlink" }).click();
    await expect(card.getByText("Not linked", { exact: true })).toBeVisible();

    const audit = await sql<{ action: string }[]>`
      select action from audit_events where entity_id = ${id} order by at`;
    expect(audit.map((a) => a.action)).toEqual([
      "xero_link_changed",
      "xero_link_changed",
      "xero_link_removed",
    ]);
    const [row] = await sql<
      { xero_contact_id: string | null }[]
    >`select xero_contact_id from customers where id = ${id}`;
    expect(row?.xero_contact_id).toBeNull();

    await page.goto("/customers?xero=unlinked");
    await expect(page.getByRole("row", { name: /Link Test/ }).getByText("Not linked")).toBeVisible();
  });

  test("linking a contact without a number offers to write the customer code there; one with a number keeps it", async ({
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    const id = await insertParty(sql, "customers", { name: `Code Offer ${Date.now()}` });
    const [{ code } = { code: "" }] = await sql<
      { code: string }[]
    >`select code from customers where id = ${id}`;
    await page.goto(`/customers/${id}`);
    const card = page.getByRole("region", { name: "Xero contact" });

    // Northern Rail already carries a number in Xero: nothing is offered, and it keeps its number.
    await card.getByRole("button", { name: "Link to a Xero contact" }).click();
    await card.getByRole("combobox", { name: "Search Xero contacts" }).fill("Northern Rail");
    await card.getByRole("option", { name: /Northern Rail Services/ }).click();
    const offer = card.getByRole("checkbox", { name: new RegExp(`Write customer code ${code} into`) });
    await expect(card.getByRole("button", { name: "Link", exact: true })).toBeEnabled();
    await expect(offer).toHaveCount(0);

    // Harbour Marine has none: the offer shows, ticked, and linking writes only the number.
    await card.getByRole("combobox", { name: "Search Xero contacts" }).fill("harbour");
    await card.getByRole("option", { name: /Harbour Marine Engineering Ltd/ }).click();
    await expect(offer).toBeChecked();
    await page.screenshot({ path: path.join(SCREENSHOTS, "link-editor-code-offer.png"), fullPage: true });
    await card.getByRole("button", { name: "Link", exact: true }).click();
    await expect(card.getByRole("status")).toContainText(`${code} is now the contact's number in Xero.`);
    await expect(card.getByText(code, { exact: true })).toBeVisible();
    const harbour = (await simContacts(simulatorUrl)).find(
      (c) => c.Name === "Harbour Marine Engineering Ltd",
    );
    expect(harbour).toMatchObject({ ContactNumber: code, EmailAddress: "accounts@harbourmarine.example" });
    const northern = (await simContacts(simulatorUrl)).find((c) => c.Name === "Northern Rail Services Ltd");
    expect(northern?.ContactNumber).toBe("C-00006");
  });

  test("the code is not written when the offer is unticked", async ({
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    const id = await insertParty(sql, "customers", { name: `Code Declined ${Date.now()}` });
    await page.goto(`/customers/${id}`);
    const card = page.getByRole("region", { name: "Xero contact" });
    await card.getByRole("button", { name: "Link to a Xero contact" }).click();
    await card.getByRole("combobox", { name: "Search Xero contacts" }).fill("Riverside");
    await card.getByRole("option", { name: /Riverside Brewing/ }).click();
    await card.getByRole("checkbox", { name: /Write customer code .* into/ }).uncheck();
    await card.getByRole("button", { name: "Link", exact: true }).click();
    await expect(card.getByText("Linked", { exact: true })).toBeVisible();
    const riverside = (await simContacts(simulatorUrl)).find(
      (c) => c.Name === "Riverside Brewing Company Limited",
    );
    expect(riverside?.ContactNumber).toBeUndefined();
  });

  test("a new customer whose name Xero already holds is offered the existing contact", async ({
    adminPage: page,
    sql,
    simulatorUrl,
  }) => {
    const before = (await simContacts(simulatorUrl)).length;
    await page.goto("/customers/new");
    await page.getByLabel("Name", { exact: true }).fill("COASTAL SIGNS & DISPLAYS LTD");
    await expect(page.getByRole("checkbox", { name: /Also create in Xero/ })).toBeChecked();
    await page.getByRole("button", { name: "Create customer" }).click();

    const card = page.getByRole("region", { name: "Xero contact" });
    await expect(card.getByText(/Xero already has .*Coastal Signs and Displays/)).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, "link-editor-clash.png"), fullPage: true });
    expect((await simContacts(simulatorUrl)).length).toBe(before);

    await card.getByRole("button", { name: "Link to this contact" }).click();
    await expect(card.getByText("Linked", { exact: true })).toBeVisible();
    const [row] = await sql<{ xero_contact_id: string | null }[]>`
      select xero_contact_id from customers where name = 'COASTAL SIGNS & DISPLAYS LTD'`;
    expect(row?.xero_contact_id).toBeTruthy();
  });

  test("an archived look-alike is offered as 'Restore and link'", async ({
    adminPage: page,
    simulatorUrl,
  }) => {
    await page.goto("/suppliers/new");
    await page.getByLabel("Name", { exact: true }).fill("Summit Construction Group");
    await page.getByRole("button", { name: "Create supplier" }).click();
    const card = page.getByRole("region", { name: "Xero contact" });
    await card.getByRole("button", { name: "Restore and link" }).click();
    await expect(card.getByText("Linked", { exact: true })).toBeVisible();
    const summit = (await simContacts(simulatorUrl)).find((c) => c.Name === "Summit Construction Group");
    expect(summit?.ContactStatus).toBe("ACTIVE");
  });

  test("a new customer with a new name is created in Xero with its code", async ({
    adminPage: page,
    sql,
    simulatorUrl,
  }) => {
    const name = `Brand New Fabricators ${Date.now()}`;
    await page.goto("/customers/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(
      page.getByRole("region", { name: "Xero contact" }).getByText("Linked", { exact: true }),
    ).toBeVisible();
    const [row] = await sql<{ code: string }[]>`select code from customers where name = ${name}`;
    const created = (await simContacts(simulatorUrl)).find((c) => c.Name === name);
    expect(created?.ContactNumber).toBe(row?.code);
  });
});
