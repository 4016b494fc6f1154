import { E2E_USERS, expect, test } from "../support/fixtures";

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
const ADMIN_PAGES = ["/settings/users", "/xero", "/xero/import"];

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
      await expect(
        staffPage.getByRole("heading", { name: "Only administrators can open this page" }),
      ).toBeVisible();
      await expect(staffPage.getByRole("button", { name: "Add user" })).toHaveCount(0);
      await expect(staffPage.getByText(E2E_USERS.admin.email)).toHaveCount(0);
    });
  }

  test("signed-out visitors are redirected, missing records and pages answer 404", async ({
    adminPage,
    request,
  }) => {
    const signedOut = await request.get("/customers", { maxRedirects: 0 });
    expect(signedOut.status()).toBe(307);
    expect(signedOut.headers()["location"]).toMatch(/\/sign-in/);

    const missing = crypto.randomUUID();
    for (const path of [
      `/customers/${missing}`,
      `/suppliers/${missing}/edit`,
      `/products/${missing}`,
      `/quotes/${missing}`,
      `/sales-orders/${missing}/generate-invoice`,
      `/purchase-orders/${missing}`,
      `/settings/users/${missing}`,
      "/quotes/not-an-id",
      "/no-such-page",
    ]) {
      const response = await adminPage.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(adminPage.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
    }
    // A real list page still answers 200.
    expect((await adminPage.goto("/customers"))?.status()).toBe(200);
  });

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
    const email = `replay-${Date.now()}@e2e.test`;
    await adminPage.goto("/settings/users");
    await adminPage.getByRole("button", { name: "Add user" }).click();
    const dialog = adminPage.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Replay Target");
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Password").fill("replay-password-1");
    const requestPromise = adminPage.waitForRequest(
      (request) => request.method() === "POST" && Boolean(request.headers()["next-action"]),
    );
    await dialog.getByRole("button", { name: "Add user" }).click();
    const request = await requestPromise;
    await expect(dialog).toBeHidden();
    const replay = (from: typeof page) =>
      from.request.post(request.url(), {
        headers: {
          "next-action": request.headers()["next-action"]!,
          "content-type": request.headers()["content-type"]!,
        },
        data: request.postData() ?? "",
        maxRedirects: 0,
      });
    const created = () => sql`select 1 from users where email = ${email}`;
    const removeIt = async () => {
      await sql`delete from audit_events where entity_id in (select id::text from users where email = ${email})`;
      await sql`delete from users where email = ${email}`;
    };

    // The same bytes sent with the admin's session create the user again: the replay is faithful…
    await removeIt();
    await replay(adminPage);
    await expect.poll(async () => (await created()).length).toBe(1);
    await removeIt();

    // …and sent from a browser with no session they create nothing.
    const refused = await replay(page);
    expect(refused.status()).not.toBe(500);
    expect(await created()).toHaveLength(0);
  });

  test("health reports the database", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { ok: true } });
  });
});
