import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { E2E_AUTH_DIR, E2E_USERS } from "./config";

/** Signs the admin and the staff user in once through the real form and keeps their cookies. */
for (const role of ["admin", "staff"] as const) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const user = E2E_USERS[role];
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
    mkdirSync(E2E_AUTH_DIR, { recursive: true });
    await page.context().storageState({ path: path.join(E2E_AUTH_DIR, `${role}.json`) });
  });
}
