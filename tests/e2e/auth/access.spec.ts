import { expect, test } from "../support/fixtures";

const PAGES = [
  "/",
  "/customers",
  "/customers/new",
  "/suppliers",
  "/products",
  "/quotes",
  "/sales-orders",
  "/purchase-orders",
  "/xero",
  "/xero/import",
  "/xero/sync-log",
  "/settings/users",
];
const ADMIN_PAGES = ["/settings/users"];

test.describe("access control", () => {
  for (const path of PAGES) {
    test(`${path} sends a signed-out visitor to sign-in`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(/\/sign-in/);
      await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    });
  }

  for (const path of ADMIN_PAGES) {
    test(`${path} is refused to staff`, async ({ staffPage }) => {
      const response = await staffPage.goto(path);
      expect(response?.status()).toBe(403);
      await expect(staffPage.getByText("Only administrators can open this page")).toBeVisible();
    });
  }

  test("staff don't see admin links", async ({ staffPage }) => {
    await staffPage.goto("/");
    const nav = staffPage.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Customers" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  });

  test("a server action replayed without a session is refused and changes nothing", async ({
    adminPage,
    page,
    sql,
  }) => {
    // Capture the real request the users page sends when an admin creates a user…
    await adminPage.goto("/settings/users");
    await adminPage.getByRole("button", { name: "Add user" }).click();
    const dialog = adminPage.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Replay Target");
    await dialog.getByLabel("Email").fill("replay-target@e2e.test");
    await dialog.getByLabel("Password").fill("replay-password-1");
    const requestPromise = adminPage.waitForRequest(
      (request) => request.method() === "POST" && !!request.headers()["next-action"],
    );
    await dialog.getByRole("button", { name: "Add user" }).click();
    const request = await requestPromise;
    await expect(dialog).toBeHidden();
    await sql`delete from audit_events where entity_id in (select id::text from users where email = 'replay-target@e2e.test')`;
    await sql`delete from users where email = 'replay-target@e2e.test'`;

    // …then send the same request from a browser with no session.
    const response = await page.request.post(request.url(), {
      headers: {
        "next-action": request.headers()["next-action"]!,
        "content-type": request.headers()["content-type"]!,
      },
      data: request.postData() ?? "",
    });
    expect(await response.text()).toContain("Your session has ended");
    const rows = await sql`select 1 from users where email = 'replay-target@e2e.test'`;
    expect(rows).toHaveLength(0);
  });

  test("health reports the database", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { ok: true } });
  });
});
