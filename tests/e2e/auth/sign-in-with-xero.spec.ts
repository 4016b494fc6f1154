import { randomUUID } from "node:crypto";
import path from "node:path";
import type postgres from "postgres";
import { expect, resetSimulator, test } from "../support/fixtures";

const SCREENSHOTS = path.resolve(".test-data", "screenshots");

/** Who is signed in to (the simulated) Xero in this browser. */
async function signInToXeroAs(simulatorUrl: string, email: string) {
  const answer = await fetch(`${simulatorUrl}/sim/identity/user`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, givenName: "Xavier", familyName: "Rowe" }),
  });
  expect(answer.ok).toBe(true);
}

async function staffUser(sql: postgres.Sql, options: { active?: boolean } = {}) {
  const email = `xavier.${randomUUID().slice(0, 8)}@e2e.test`;
  const [user] = await sql<{ id: string }[]>`
    insert into users (email, name, role, password_hash, active)
    values (${email}, 'Xavier Rowe', 'staff', 'not-a-password-hash', ${options.active ?? true})
    returning id`;
  return { id: user?.id ?? "", email };
}

test.describe("Sign in with Xero", () => {
  test.beforeEach(async ({ sql, simulatorUrl }) => {
    await resetSimulator(sql, simulatorUrl);
  });

  test("an existing user signs in with Xero and lands on the dashboard, with a session of their own", async ({
    page,
    sql,
    simulatorUrl,
  }) => {
    const user = await staffUser(sql);
    await signInToXeroAs(simulatorUrl, user.email.toUpperCase());

    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(page.getByLabel("Email")).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, "sign-in.png"), fullPage: true });

    await page.getByRole("link", { name: "Sign in with Xero" }).click();
    await page.waitForURL(/\/identity\/connect\/authorize/);
    await expect(page.getByText(`Signed in as ${user.email.toUpperCase()}`)).toBeVisible();
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await page.getByRole("button", { name: "Allow access" }).click();

    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
    await expect(page.getByText(user.email)).toBeVisible();
    const sessions = await sql<{ revoked_at: Date | null; ip_address: string }[]>`
      select revoked_at, ip_address from user_sessions where user_id = ${user.id}`;
    expect(sessions).toEqual([
      { revoked_at: null, ip_address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) },
    ]);
    const audits = await sql<{ action: string }[]>`
      select action from audit_events where user_id = ${user.id} and action = 'signed_in_with_xero'`;
    expect(audits).toHaveLength(1);

    // Signing out ends that session on the server.
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect
      .poll(
        async () =>
          (await sql`select 1 from user_sessions where user_id = ${user.id} and revoked_at is not null`)
            .length,
      )
      .toBe(1);
  });

  test("an email no active user has is refused with a clear message and no session", async ({
    page,
    sql,
    simulatorUrl,
  }) => {
    const user = await staffUser(sql, { active: false });
    await signInToXeroAs(simulatorUrl, user.email);
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Sign in with Xero" }).click();
    await page.getByRole("button", { name: "Allow access" }).click();

    await expect(page).toHaveURL(/\/sign-in\?error=xero_no_user/);
    await expect(page.getByRole("alert").filter({ hasText: "No active Factory user" })).toHaveText(
      `No active Factory user has the email ${user.email}. Ask an admin to add you.`,
    );
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
    expect(await sql`select 1 from user_sessions where user_id = ${user.id}`).toHaveLength(0);
  });

  test("cancelling on Xero's page comes back to sign-in with a message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Sign in with Xero" }).click();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page).toHaveURL(/\/sign-in\?error=/);
    await expect(page.getByRole("alert").filter({ hasText: "Xero" })).toContainText("Try again");
  });
});
