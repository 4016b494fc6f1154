import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";

/** The log shows these dates only: 200 attempts of this spec's own, far from anyone else's. */
const DAY = "2099-01-01";
const LOG = `/xero/sync-log?from=${DAY}&to=${DAY}`;

/** The Factory numbers in the table's rows, top to bottom. */
async function numbersShown(page: Page): Promise<string[]> {
  const cells = await page.locator("tbody tr td:nth-child(2)").allTextContents();
  return cells.map((text) => text.replace(/^Quote /, "").trim());
}

test.describe("the sync log", () => {
  test.beforeEach(async ({ sql }) => {
    await sql`delete from sync_log where at >= ${DAY}::date`;
    // Every other attempt failed (those rows carry a Retry button, the heaviest rows).
    await sql`
      insert into sync_log (record_type, record_id, record_number, operation, outcome, duration_ms, message, attempt, at)
      select 'quote', gen_random_uuid(), 'Q-E2E-' || i, 'create',
        (case when i % 2 = 0 then 'failed' else 'success' end)::sync_outcome, 120,
        case when i % 2 = 0 then 'A validation message from Xero about quote ' || i end, 1,
        ${DAY}::timestamptz + make_interval(secs => i)
      from generate_series(1, 200) i`;
  });
  test.afterEach(async ({ sql }) => {
    await sql`delete from sync_log where at >= ${DAY}::date`;
  });

  test("shows 200 attempts in pages of 50 with previous and next links, by keyboard", async ({
    staffPage: page,
  }) => {
    await page.goto(LOG);
    const pagination = page.getByRole("navigation", { name: "Pagination" });
    await expect(page.locator("tbody tr")).toHaveCount(50);
    await expect(pagination).toContainText("50 attempts, newest first");
    await expect(pagination.getByRole("link", { name: "Previous" })).toHaveCount(0);

    const seen: string[][] = [await numbersShown(page)];
    for (let pageNumber = 2; pageNumber <= 4; pageNumber++) {
      // Keyboard: the link takes focus and Enter follows it.
      await pagination.getByRole("link", { name: "Next" }).focus();
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/before=/);
      await expect(page.locator("tbody tr").first()).toContainText(`Q-E2E-${200 - (pageNumber - 1) * 50}`);
      seen.push(await numbersShown(page));
    }
    await expect(pagination.getByRole("link", { name: "Next" })).toHaveCount(0);
    expect(seen.map((numbers) => numbers.length)).toEqual([50, 50, 50, 50]);
    // Every attempt exactly once, newest first.
    expect(seen.flat()).toEqual(Array.from({ length: 200 }, (_, i) => `Q-E2E-${200 - i}`));

    await pagination.getByRole("link", { name: "Previous" }).click();
    await expect(page).toHaveURL(/after=/);
    await expect.poll(() => numbersShown(page)).toEqual(seen[2]);
  });

  test("keeps its filters on every page", async ({ staffPage: page }) => {
    await page.goto(LOG);
    await page.getByLabel("Outcome").selectOption("failed");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/outcome=failed/);
    await expect(page.locator("tbody tr")).toHaveCount(50);
    const pagination = page.getByRole("navigation", { name: "Pagination" });
    await pagination.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/before=/);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ outcome: "failed", from: DAY, to: DAY });
    await expect(page.locator("tbody tr")).toHaveCount(50);
    await expect(page.locator("tbody tr").filter({ hasText: "success" })).toHaveCount(0);
    expect(await numbersShown(page)).toEqual(Array.from({ length: 50 }, (_, i) => `Q-E2E-${100 - 2 * i}`));
    // 100 failed attempts: two pages.
    await expect(pagination.getByRole("link", { name: "Next" })).toHaveCount(0);
  });

  test("weighs the same however long the log grows: one page, not the whole log", async ({
    staffPage: page,
    sql,
  }) => {
    // The heaviest rows: failed ones, each with its Retry button. All 200 attempts on one page
    // weighed 674 KB before paging (1.4 MB in the log).
    const weigh = async () => {
      const response = await page.request.get(`${LOG}&outcome=failed`);
      expect(response.status()).toBe(200);
      return (await response.body()).length;
    };
    const with100Failed = await weigh();
    await sql`
      insert into sync_log (record_type, record_id, record_number, operation, outcome, duration_ms, message, attempt, at)
      select 'quote', gen_random_uuid(), 'Q-E2E-' || i, 'create', 'failed', 120,
        'A validation message from Xero about quote ' || i, 1, ${DAY}::timestamptz + make_interval(secs => i)
      from generate_series(201, 1000) i`;
    const with900Failed = await weigh();
    console.log(
      `sync log page of 50 failed attempts: ${with100Failed} bytes; with 9x the log: ${with900Failed} bytes`,
    );
    expect(Math.abs(with900Failed - with100Failed)).toBeLessThan(2_000);
    expect(with900Failed).toBeLessThan(300_000);
  });
});
