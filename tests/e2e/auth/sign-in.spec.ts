import { E2E_USERS, expect, test } from "../support/fixtures";

test.describe("sign-in", () => {
  test("signs in with the right password and out again", async ({ page, sql }) => {
    const user = E2E_USERS.staff;
    await page.goto("/customers");
    await expect(page).toHaveURL(/\/sign-in/);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/customers$/);
    await expect(page.getByText(user.email)).toBeVisible();
    const [row] = await sql<{ last_sign_in_at: Date | null }[]>`
      select last_sign_in_at from users where email = ${user.email}`;
    expect(row?.last_sign_in_at).not.toBeNull();

    // Let the page's prefetches finish first: a session response still in flight could set the
    // cookie again after sign-out cleared it.
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.waitForLoadState("networkidle");
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("refuses a wrong password with a clear message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(E2E_USERS.admin.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That email and password don't match an active account.")).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("slows down repeated failures for one email", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("nobody-guessing@e2e.test");
    for (let attempt = 0; attempt < 6; attempt++) {
      await page.getByLabel("Password").fill(`guess-${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    }
    await expect(page.getByText(/Too many failed sign-ins\. Try again in \d+ seconds?\./)).toBeVisible();
  });

  test("a forged X-Forwarded-For can't escape the lock on an address spraying across emails", async ({
    browser,
    sql,
  }) => {
    // The other tests' failures came from this machine too; start the address's count at zero.
    await sql`delete from sign_in_attempts where key like 'address:%'`;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/sign-in");
    const tryAs = async (attempt: number) => {
      await context.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${attempt + 1}` });
      await page.getByLabel("Email").fill(`spray-${attempt}@e2e.test`);
      await page.getByLabel("Password").fill("Summer2026!");
      await page.getByRole("button", { name: "Sign in" }).click();
    };
    // 20 failures, each for another email and each claiming another client address in the header…
    for (let attempt = 0; attempt < 20; attempt++) {
      await tryAs(attempt);
      await expect(page.getByText("That email and password don't match an active account.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    }
    // …still come from one socket, so the 21st locks that address, whatever the header claims.
    await tryAs(20);
    await expect(page.getByText(/Too many failed sign-ins\. Try again in \d+ seconds?\./)).toBeVisible();

    const locks = await sql<{ entity_id: string }[]>`
      select entity_id from audit_events where entity_type = 'sign_in' and action = 'sign_in_locked'
        and entity_id like 'address:%'`;
    expect(locks.map((lock) => lock.entity_id)).toEqual([
      expect.stringMatching(/^address:(127\.0\.0\.1|::1)$/),
    ]);
    // Let the specs after this one sign in from this machine again.
    await sql`delete from sign_in_attempts where key like 'address:%'`;
    await context.close();
  });

  test("validates the form before sending it", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter your email address")).toBeVisible();
    await expect(page.getByText("Enter your password")).toBeVisible();
  });
});
