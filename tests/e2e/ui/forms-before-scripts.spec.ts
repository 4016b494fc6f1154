import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";

/**
 * Holds the page's scripts (not its styles) back until the returned function is called, as a slow phone or a busy
 * server would: the server's HTML is on screen and React has not taken the form over yet.
 */
async function holdScripts(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/.*\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test.describe("a form before its scripts have run", () => {
  test("can't be typed into, so what is typed is what is saved", async ({ staffPage: page, sql }) => {
    const release = await holdScripts(page);
    await page.goto("/customers/new", { waitUntil: "commit" });
    const name = page.getByLabel("Name", { exact: true });
    await expect(name).toBeVisible();
    // Typed now, the name would stay on screen while react-hook-form, registering the field when the
    // scripts arrive, kept its own empty default and refused (or saved) something else.
    await expect(name).toBeDisabled();
    await expect(page.getByRole("button", { name: "Create customer" })).toBeDisabled();

    release();
    await expect(name).toBeEnabled();
    const typed = `Hydrated Metals ${randomUUID().slice(0, 6)}`;
    await name.fill(typed);
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByRole("heading", { name: typed })).toBeVisible();
    expect(await sql`select 1 from customers where name = ${typed}`).toHaveLength(1);
  });

  test("the sign-in form focuses its email field once it can take typing", async ({ page }) => {
    const release = await holdScripts(page);
    await page.goto("/sign-in", { waitUntil: "commit" });
    const email = page.getByLabel("Email");
    await expect(email).toBeDisabled();
    release();
    await expect(email).toBeFocused();
  });
});
