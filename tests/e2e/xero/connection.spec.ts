import { createDecipheriv } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { PgBoss } from "pg-boss";
import { CONNECTION_CHECK_QUEUE } from "../../../lib/sync/connection-check-job";
import { expect, resetSimulator, serverState, test } from "../support/fixtures";

/** The e2e server's TOKEN_ENCRYPTION_KEY (tests/e2e/support/server.ts). */
const KEY = Buffer.alloc(32, 7);
const SCREENSHOTS = path.resolve(".test-data", "screenshots");

/** Opens a sealed token set on its own (v2.<key id>.<iv>.<tag>.<body>, lib/xero/api/token-crypto.ts). */
function decrypt(sealed: string): { accessToken: string; refreshToken: string } {
  const [version, keyId, iv = "", tag = "", body = ""] = sealed.split(".");
  expect(version).toBe("v2");
  expect(keyId).toBe("default");
  const decipher = createDecipheriv("aes-256-gcm", KEY, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  const plain = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
  return JSON.parse(plain.toString("utf8")) as { accessToken: string; refreshToken: string };
}

async function connect(page: Page) {
  await page.goto("/xero");
  await page.getByRole("link", { name: "Connect to Xero" }).click();
  await page.waitForURL(/\/identity\/connect\/authorize/);
  await expect(page.getByRole("checkbox", { name: "Demo Fabrication NZ" })).toBeChecked();
  await page.getByRole("button", { name: "Allow access" }).click();
  await page.waitForURL(/\/xero\?connected=1/);
}

test.describe("Xero connection", () => {
  test.beforeEach(async ({ sql, simulatorUrl }) => {
    await resetSimulator(sql, simulatorUrl);
    await sql`delete from xero_connections`;
    await sql`delete from xero_settings`;
  });

  test("an admin connects through Xero's consent page, in the same window", async ({
    adminPage: page,
    sql,
  }) => {
    await page.goto("/xero");
    await expect(page.getByText("Not connected to Xero yet.")).toBeVisible();
    const connectLink = page.getByRole("link", { name: "Connect to Xero" });
    await expect(connectLink).not.toHaveAttribute("target", /.+/);
    await page.screenshot({ path: path.join(SCREENSHOTS, "xero-not-connected.png"), fullPage: true });

    await connect(page);
    await expect(page.getByText("Connected to Xero.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Demo Fabrication NZ" })).toBeVisible();
    await expect(page.getByText("!dfNZ1")).toBeVisible();
    await expect(page.getByText("Stay connected without you signing in again")).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, "xero-connected.png"), fullPage: true });
    const [row] = await sql<{ status: string; organisation_name: string }[]>`
      select status, organisation_name from xero_connections`;
    expect(row).toEqual({ status: "connected", organisation_name: "Demo Fabrication NZ" });

    await page.goto("/");
    await expect(page.getByText("Demo Fabrication NZ")).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, "overview-xero-card.png"), fullPage: true });
  });

  test("cancelling on Xero's page comes back with a clear message", async ({ adminPage: page, sql }) => {
    await page.goto("/xero");
    await page.getByRole("link", { name: "Connect to Xero" }).click();
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.waitForURL(/\/xero\?error=access_denied/);
    await expect(page.getByText("You cancelled on Xero’s page, so nothing was connected.")).toBeVisible();
    expect(await sql`select 1 from xero_connections`).toHaveLength(0);
  });

  test("changing settings is saved and audited", async ({ adminPage: page, sql }) => {
    await connect(page);
    // The server's HTML has the boxes unticked: react-hook-form ticks them from the settings when the
    // page's scripts take the form over, and the form is enabled then (components/ui/form.tsx).
    // Unticking before that does nothing (the box is unticked already) and it is ticked a moment later.
    const quotes = page.getByRole("checkbox", { name: "Quotes" });
    await expect(quotes).toBeEnabled();
    await expect(quotes).toBeChecked();
    await quotes.uncheck();
    await expect(quotes).not.toBeChecked();
    const sales = page.getByLabel("Default sales account");
    // Connecting filled the organisation's usual sales account (200) in; choose another one.
    await expect(sales).toHaveValue("200");
    const salesOptions = await sales.locator("option").allTextContents();
    await sales.selectOption({ label: salesOptions.find((o) => /^260 — /.test(o)) ?? "" });
    await page.getByLabel("Bills are created in Xero as").selectOption({ label: "Awaiting approval" });
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();

    const [settings] = await sql<
      { auto_send_quotes: boolean; sales_account_code: string; bill_status: string }[]
    >`
      select auto_send_quotes, sales_account_code, bill_status from xero_settings`;
    expect(settings).toEqual({
      auto_send_quotes: false,
      sales_account_code: "260",
      bill_status: "SUBMITTED",
    });
    const [audit] = await sql<{ before: Record<string, unknown>; after: Record<string, unknown> }[]>`
      select before, after from audit_events where entity_type = 'xero_settings' order by at desc limit 1`;
    expect(audit?.before).toMatchObject({
      autoSendQuotes: true,
      billStatus: "DRAFT",
      salesAccountCode: "200",
    });
    expect(audit?.after).toMatchObject({
      autoSendQuotes: false,
      billStatus: "SUBMITTED",
      salesAccountCode: "260",
    });
    await page.reload();
    // The history says it in sentences, not field names.
    const history = page.getByRole("region", { name: "Settings history" });
    await expect(history.getByText("Settings changed").first()).toBeVisible();
    await expect(history).toContainText("Automatic sending of quotes turned off");
    await expect(history).not.toContainText("autoSendQuotes");
  });

  test("disconnecting asks first, then removes the connection at Xero", async ({
    adminPage: page,
    sql,
    simulatorUrl,
  }) => {
    await connect(page);
    await page.getByRole("button", { name: "Disconnect from Xero" }).click();
    await expect(page.getByRole("alertdialog")).toContainText("Disconnect from Demo Fabrication NZ?");
    await page.getByRole("button", { name: "Disconnect", exact: true }).click();
    await expect(page.getByRole("link", { name: "Connect to Xero" })).toBeVisible();
    const [row] = await sql<{ status: string; encrypted_token_set: string | null }[]>`
      select status, encrypted_token_set from xero_connections`;
    expect(row).toEqual({ status: "disconnected", encrypted_token_set: null });
    const state = (await (await fetch(`${simulatorUrl}/sim/state`)).json()) as { connections: unknown[] };
    expect(state.connections).toEqual([]);
  });

  test("a disconnect made in Xero shows the reconnect banner at the next connection check", async ({
    adminPage: page,
    sql,
    simulatorUrl,
  }) => {
    await connect(page);
    const banner = page.getByRole("alert").filter({ hasText: "has stopped working" });
    await expect(banner).toHaveCount(0);
    // Someone removes Factory from the organisation in Xero's own screens.
    const state = (await (await fetch(`${simulatorUrl}/sim/state`)).json()) as {
      connections: { id: string }[];
    };
    for (const c of state.connections) {
      await fetch(`${simulatorUrl}/sim/connections/${c.id}/disconnect`, { method: "POST" });
    }
    const mark = (await (await fetch(`${simulatorUrl}/sim/requests?limit=1`)).json()) as { lastId: number };

    // The worker's scheduled check, run now rather than at the next slot of its schedule.
    const boss = new PgBoss({
      connectionString: serverState().databaseUrl,
      max: 1,
      schedule: false,
      supervise: false,
    });
    await boss.start();
    const jobId = await boss.send(CONNECTION_CHECK_QUEUE, {});
    await boss.stop({ graceful: false });
    await expect
      .poll(
        async () =>
          (await sql<{ state: string }[]>`select state from pgboss.job where id = ${jobId ?? ""}`)[0]?.state,
      )
      .toBe("completed");

    await page.goto("/quotes");
    await expect(banner).toContainText("The Xero connection to Demo Fabrication NZ has stopped working");
    await expect(banner.getByRole("link", { name: "Reconnect" })).toHaveAttribute(
      "href",
      "/api/xero/connect",
    );
    // No send was needed to find out: one GET /connections (after the worker's OpenID discovery), and
    // no accounting call but the read-back poller's own reads (GET /Invoices, /CreditNotes, /Quotes or
    // /PurchaseOrders by UpdatedDateUTC, every 10 s in these tests), which may fall in the window.
    const { requests } = (await (
      await fetch(`${simulatorUrl}/sim/requests?sinceId=${mark.lastId}`)
    ).json()) as { requests: { method: string; path: string; query?: string }[] };
    const pollerRead = (r: { method: string; path: string; query?: string }) =>
      r.method === "GET" &&
      /^\/api\.xro\/2\.0\/(Invoices|CreditNotes|Quotes|PurchaseOrders)$/.test(r.path) &&
      /UpdatedDateUTC/.test(r.query ?? "");
    expect(requests.filter((r) => r.path.startsWith("/api.xro/") && !pollerRead(r))).toEqual([]);
    expect(requests.filter((r) => r.path === "/connections").map((r) => r.method)).toEqual(["GET"]);
  });

  test("calls left today are counted out of the organisation's own daily limit, once Xero has told it", async ({
    adminPage: page,
    sql,
    simulatorUrl,
  }) => {
    await connect(page);
    // Nothing learned yet: no total is named, least of all a hard-coded 5,000.
    await sql`delete from xero_rate_budgets`;
    await page.goto("/");
    await expect(page.getByText(/^Calls left today: [\d,]+$/)).toBeVisible();

    // The organisation is on a smaller tier: Xero's answers count down from 1,000 a day.
    const [connection] = await sql<{ tenant_id: string }[]>`select tenant_id from xero_connections`;
    const lowered = await fetch(`${simulatorUrl}/sim/orgs/${connection?.tenant_id ?? ""}/limits`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ perDay: 1000 }),
    });
    expect(lowered.ok).toBe(true);
    // The Xero page reads the organisation's accounts, tax rates and currencies: three answers, each
    // with X-DayLimit-Remaining. The limit learned from them errs low by at most the calls in flight.
    await page.goto("/xero");
    const [budget] = await sql<{ day_limit: number }[]>`select day_limit from xero_rate_budgets`;
    expect(budget?.day_limit).toBeGreaterThan(990);
    expect(budget?.day_limit).toBeLessThanOrEqual(1000);
    const limit = (budget?.day_limit ?? 0).toLocaleString("en-NZ");
    await expect(page.getByText(new RegExp(`^[\\d,]+ of ${limit}$`))).toBeVisible();
    await page.goto("/");
    await expect(page.getByText(new RegExp(`^Calls left today: [\\d,]+ of ${limit}$`))).toBeVisible();
    await expect(page.getByText(/of 5,000/)).toHaveCount(0);
  });

  test("staff can't open the Xero page or start a connection", async ({ staffPage: page }) => {
    await page.goto("/xero");
    await expect(page.getByRole("link", { name: "Connect to Xero" })).toHaveCount(0);
    const response = await page.request.get("/api/xero/connect", { maxRedirects: 0 });
    expect(response.status()).toBe(403);
  });

  test("no token reaches the browser: page HTML and client bundles", async ({ adminPage: page, sql }) => {
    await connect(page);
    const [row] = await sql<
      { encrypted_token_set: string }[]
    >`select encrypted_token_set from xero_connections`;
    const tokens = decrypt(row?.encrypted_token_set ?? "");
    const secrets = [tokens.accessToken, tokens.refreshToken, tokens.accessToken.split(".")[1] ?? ""];
    for (const url of ["/xero", "/"]) {
      const html = await (await page.request.get(url)).text();
      for (const secret of secrets) expect(html.includes(secret), `${url} leaks a token`).toBe(false);
    }
    const files = readdirSync(path.resolve(".next-test/static"), {
      recursive: true,
      encoding: "utf8",
    }).filter((f) => f.endsWith(".js"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(path.resolve(".next-test/static", file), "utf8");
      for (const needle of [...secrets, "demo-secret", "TOKEN_ENCRYPTION_KEY"]) {
        expect(text.includes(needle), `${file} contains ${needle.slice(0, 12)}…`).toBe(false);
      }
    }
  });
});
