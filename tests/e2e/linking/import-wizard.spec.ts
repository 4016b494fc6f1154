import path from "node:path";
import { test } from "../support/fixtures";
import { connectXero, disconnectXero, expect, insertParty, SCREENSHOTS } from "./helpers";

test.describe("importing contacts from Xero", () => {
  test.beforeEach(async ({ adminPage, sql, simulatorUrl }) => {
    await connectXero(adminPage, sql, simulatorUrl);
    // Other specs link parties to the simulator's demo contacts; the import starts from none linked.
    await sql`update customers set xero_contact_id = null`;
    await sql`update suppliers set xero_contact_id = null`;
  });
  test.afterEach(async ({ sql }) => {
    await disconnectXero(sql);
  });

  test("choose, fetch, review, import; a second run creates nothing", async ({
    adminPage: page,
    sql,
    simulatorUrl,
  }) => {
    // Two whole imports through the browser.
    test.setTimeout(180_000);
    const existing = await insertParty(sql, "customers", {
      name: "Harbour Marine Engineering",
      email: "different@harbour.example",
    });
    await page.goto("/xero/import");
    await expect(page.getByRole("listitem").filter({ hasText: "Choose" })).toHaveAttribute(
      "aria-current",
      "step",
    );
    await page.getByRole("radio", { name: /Both/ }).check();
    await page.screenshot({ path: path.join(SCREENSHOTS, "import-1-choose.png"), fullPage: true });
    // A slow Xero answer, so the fetch step can be seen.
    await fetch(`${simulatorUrl}/sim/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        kind: "latency",
        latencyMs: 2500,
        times: 1,
        pathPrefix: "/api.xro/2.0/Contacts",
      }),
    });
    await page.getByRole("button", { name: "Fetch contacts from Xero" }).click();
    await expect(page.getByRole("progressbar", { name: "Contacts fetched" })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, "import-2-fetch.png"), fullPage: true });

    // One page of contacts; the review follows.
    await expect(page.getByText(/to create · .* to link/)).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, "import-3-review.png"), fullPage: true });

    await page.getByRole("searchbox", { name: "Search contacts" }).fill("Harbour Marine");
    await expect(page).toHaveURL(/q=Harbour/);
    await expect(
      page.getByRole("combobox", { name: "Action for Harbour Marine Engineering Ltd" }),
    ).toHaveValue("link");

    await page.getByRole("searchbox", { name: "Search contacts" }).fill("Pacific Aluminium");
    await expect(page).toHaveURL(/q=Pacific/);
    const pacific = page.getByRole("combobox", { name: "Action for Pacific Aluminium Supplies" });
    await expect(pacific).toHaveValue("create:supplier");
    // Staff decide the side; Xero's flags only suggested it.
    await pacific.selectOption("create:customer");
    await expect(pacific).toHaveValue("create:customer");

    await page.getByRole("searchbox", { name: "Search contacts" }).fill("");
    await page.getByRole("button", { name: /^Import [\d,]+ contacts$/ }).click();
    await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, "import-4-summary.png"), fullPage: true });

    const [linked] = await sql<{ xero_contact_id: string | null }[]>`
      select xero_contact_id from customers where id = ${existing}`;
    expect(linked?.xero_contact_id).toBeTruthy();
    const [pacificRow] = await sql<{ n: number }[]>`
      select count(*)::int as n from customers where name = 'Pacific Aluminium Supplies'`;
    expect(pacificRow?.n).toBe(1);
    const [dupes] = await sql<{ n: number }[]>`
      select count(*)::int as n from (
        select xero_contact_id from customers where xero_contact_id is not null
        group by xero_contact_id having count(*) > 1) d`;
    expect(dupes?.n).toBe(0);
    const [{ total: customersAfter } = { total: 0 }] = await sql<{ total: number }[]>`
      select count(*)::int as total from customers`;

    await page.getByRole("link", { name: "Start a new import" }).click();
    await page.getByRole("radio", { name: /Both/ }).check();
    await page.getByRole("button", { name: "Fetch contacts from Xero" }).click();
    await expect(page.getByText(/^0 to create · 0 to link/)).toBeVisible({ timeout: 30_000 });
    await page.getByRole("button", { name: "Import 0 contacts" }).click();
    await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible({ timeout: 60_000 });
    const [{ total: customersAgain } = { total: 0 }] = await sql<{ total: number }[]>`
      select count(*)::int as total from customers`;
    expect(customersAgain).toBe(customersAfter);
  });

  test("an open import is resumed instead of starting a second one", async ({ adminPage: page, sql }) => {
    await sql`insert into xero_contact_imports (sides, include_archived, status) values ('customers', false, 'reviewing')`;
    await page.goto("/xero/import?new=1");
    await expect(page.getByRole("button", { name: "Cancel import" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Fetch contacts from Xero" })).toHaveCount(0);
  });

  test("staff can't open the import, and the list offers it to admins only", async ({
    staffPage,
    adminPage,
  }) => {
    // The Xero section's loading screen streams the page, so the refusal arrives as its content.
    await staffPage.goto("/xero/import");
    await expect(staffPage.getByText("Only administrators can open this page")).toBeVisible();
    await expect(staffPage.getByRole("button", { name: "Fetch contacts from Xero" })).toHaveCount(0);
    await staffPage.goto("/customers");
    await expect(staffPage.getByRole("link", { name: "Import from Xero" })).toHaveCount(0);
    await adminPage.goto("/customers");
    await adminPage.getByRole("link", { name: "Import from Xero" }).click();
    await expect(adminPage).toHaveURL(/\/xero\/import$/);
  });
});
