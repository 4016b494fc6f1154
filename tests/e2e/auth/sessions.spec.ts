import type { Browser, BrowserContext, Page } from "@playwright/test";
import type postgres from "postgres";
import { hashPassword } from "../../../lib/auth/password";
import { E2E_USERS, expect, test } from "../support/fixtures";

/** A user of the test's own, so signing them out everywhere leaves the shared e2e sessions alone. */
async function createUser(sql: postgres.Sql, role: "admin" | "staff") {
  const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const email = `sessions-${role}-${tag}@e2e.test`;
  const name = `Sasha Sessions ${tag}`;
  const password = "sessions-password-1";
  const [row] = await sql<{ id: string }[]>`
    insert into users (email, name, role, password_hash)
    values (${email}, ${name}, ${role}, ${await hashPassword(password)})
    returning id`;
  return { id: row!.id, email, name, password };
}

async function signIn(browser: Browser, user: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
  await page.waitForLoadState("networkidle");
  return { context, page };
}

/** A browser holding only a copy of `context`'s cookies, as someone who copied the cookie would. */
async function copyOf(browser: Browser, context: BrowserContext): Promise<Page> {
  const copy = await browser.newContext({ storageState: await context.storageState() });
  return copy.newPage();
}

async function expectSignedOut(page: Page) {
  await page.goto("/customers");
  await expect(page).toHaveURL(/\/sign-in/);
}

test.describe("sessions", () => {
  test("a cookie kept past sign-out opens no page and runs no action", async ({ browser, sql }) => {
    const user = await createUser(sql, "admin");
    const { context, page } = await signIn(browser, user);
    const keeper = await copyOf(browser, context);

    // Capture a real server action (creating a user) while the session is open.
    const email = `kept-cookie-${Date.now()}@e2e.test`;
    await page.goto("/settings/users");
    await page.getByRole("button", { name: "Add user" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Kept Cookie");
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Password").fill("kept-cookie-password");
    const requestPromise = page.waitForRequest(
      (request) => request.method() === "POST" && Boolean(request.headers()["next-action"]),
    );
    await dialog.getByRole("button", { name: "Add user" }).click();
    const request = await requestPromise;
    await expect(dialog).toBeHidden();
    await sql`delete from audit_events where entity_id in (select id::text from users where email = ${email})`;
    await sql`delete from users where email = ${email}`;

    // Before sign-out the copied cookie works like the original…
    await keeper.goto("/settings/users");
    await expect(keeper.getByRole("heading", { name: "Users" })).toBeVisible();

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    const [session] = await sql<{ revoked_at: Date | null }[]>`
      select revoked_at from user_sessions where user_id = ${user.id}`;
    expect(session?.revoked_at).not.toBeNull();

    // …after it, the copy opens no page…
    const pageResponse = await keeper.request.get("/settings/users", { maxRedirects: 0 });
    expect(pageResponse.status()).toBe(307);
    expect(pageResponse.headers()["location"]).toMatch(/\/sign-in/);
    await expectSignedOut(keeper);

    // …and replaying the captured action with it creates nothing.
    const replayed = await keeper.request.post(request.url(), {
      headers: {
        "next-action": request.headers()["next-action"]!,
        "content-type": request.headers()["content-type"]!,
      },
      data: request.postData() ?? "",
      maxRedirects: 0,
    });
    expect(replayed.status()).not.toBe(500);
    expect(await sql`select 1 from users where email = ${email}`).toHaveLength(0);
    await context.close();
    await keeper.context().close();
  });

  test("'Sign out everywhere' in the user menu ends the user's other browsers too", async ({
    browser,
    sql,
  }) => {
    const user = await createUser(sql, "staff");
    const first = await signIn(browser, user);
    const second = await signIn(browser, user);

    await first.page.getByRole("button", { name: "Sign out everywhere" }).click();
    await first.page.getByRole("alertdialog").getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(first.page).toHaveURL(/\/sign-in/);

    await expectSignedOut(second.page);
    const open = await sql`select 1 from user_sessions where user_id = ${user.id} and revoked_at is null`;
    expect(open).toHaveLength(0);
    const [audit] = await sql<{ action: string; user_id: string }[]>`
      select action, user_id from audit_events where entity_id = ${user.id}`;
    expect(audit).toMatchObject({ action: "signed_out_everywhere", user_id: user.id });
    await first.context.close();
    await second.context.close();
  });

  test("an admin sees a user's sessions and signs them out everywhere", async ({
    adminPage,
    browser,
    sql,
  }) => {
    const user = await createUser(sql, "staff");
    const { context, page } = await signIn(browser, user);

    await adminPage.goto("/settings/users");
    await adminPage.getByRole("link", { name: user.name }).click();
    await expect(adminPage).toHaveURL(`/settings/users/${user.id}`);
    const sessions = adminPage.getByRole("table");
    await expect(sessions.getByRole("row")).toHaveCount(2); // header + the one sign-in
    await expect(sessions.getByText("Active")).toBeVisible();
    await expect(sessions.getByText(/HeadlessChrome|Chrome/)).toBeVisible();

    await adminPage.getByRole("main").getByRole("button", { name: "Sign out everywhere" }).click();
    await adminPage.getByRole("alertdialog").getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(sessions.getByText("Signed out")).toBeVisible();

    await expectSignedOut(page);
    const [audit] = await sql<{ action: string; user_id: string }[]>`
      select a.action, a.user_id from audit_events a where a.entity_id = ${user.id}`;
    const [admin] = await sql<{ id: string }[]>`select id from users where email = ${E2E_USERS.admin.email}`;
    expect(audit).toMatchObject({ action: "signed_out_everywhere", user_id: admin!.id });
    // The admin's own session carries on.
    await adminPage.goto("/customers");
    await expect(adminPage).toHaveURL(/\/customers$/);
    await context.close();
  });

  test("staff can't open another user's sessions", async ({ staffPage, sql }) => {
    const [admin] = await sql<{ id: string }[]>`select id from users where email = ${E2E_USERS.admin.email}`;
    await staffPage.goto(`/settings/users/${admin!.id}`);
    await expect(
      staffPage.getByRole("heading", { name: "Only administrators can open this page" }),
    ).toBeVisible();
    await expect(staffPage.getByRole("table")).toHaveCount(0);
  });
});
