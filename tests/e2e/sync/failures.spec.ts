import { seedParties } from "../documents/seed";
import { connectXero } from "../linking/helpers";
import { expect, test } from "../support/fixtures";
import { chooseOption, configureXero, fillProductLine, simDocuments } from "./helpers";

const SHOTS = process.env.SHOTS_DIR;

async function simFaults(simulatorUrl: string, method: "POST" | "DELETE", body?: object) {
  await fetch(`${simulatorUrl}/sim/faults`, {
    method,
    headers: { "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
}

test.describe("a document Xero keeps failing", () => {
  test.afterEach(async ({ simulatorUrl }) => simFaults(simulatorUrl, "DELETE"));

  test("says Retrying with Xero's message at once; Retry now counts on from there; it goes once Xero answers", async ({
    adminPage,
    staffPage: page,
    sql,
    simulatorUrl,
  }) => {
    test.setTimeout(180_000);
    await connectXero(adminPage, sql, simulatorUrl);
    await configureXero(sql, true);
    const { tag, customer, product } = await seedParties(sql);
    // Every quote Xero is sent fails with a 500 ("Simulated fault"); its contact goes through.
    await simFaults(simulatorUrl, "POST", {
      kind: "error",
      status: 500,
      pathPrefix: "/api.xro/2.0/Quotes",
    });

    await page.goto("/quotes/new");
    await chooseOption(page, "Customer", tag, customer.name);
    await fillProductLine(page, product.sku, "3");
    await page.getByRole("button", { name: "Save quote" }).click();
    await expect(page).toHaveURL(/\/quotes\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").at(-1)!;
    const number = (await page.getByRole("heading", { level: 1 }).textContent())?.match(/Q-\d+/)?.[0];
    const card = page.getByRole("region", { name: "Xero" });

    // No reload: the card follows the worker, and says so from the first failure.
    await expect(card).toContainText(/Retrying \(attempt \d+, next in .+\)/, { timeout: 30_000 });
    await expect(card).toContainText("Simulated fault");
    await expect(card.getByText("Waiting for Xero", { exact: true })).toBeVisible();
    if (SHOTS) {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.screenshot({ path: `${SHOTS}/retrying-1440.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: `${SHOTS}/retrying-390.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 720 });
    }

    // Retry now goes at once, and its attempt is the next one, never the first again.
    await card.getByRole("button", { name: "Retry now" }).click();
    await expect(card).toContainText(/Retrying \(attempt [2-9]\d*, next in/, { timeout: 30_000 });
    const attempts = async () =>
      (
        await sql<{ attempt: number }[]>`
          select attempt from sync_log where record_id = ${id} order by at, id`
      ).map((row) => row.attempt);
    const failed = await attempts();
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed).toEqual([...failed].sort((a, b) => a - b));
    expect(failed[0]).toBe(1);

    // Xero answers again: Retry now sends the quote, once, as the attempt after the last.
    await simFaults(simulatorUrl, "DELETE");
    await card.getByRole("button", { name: "Retry now" }).click();
    await expect(card).toContainText(/Quote Xero QU-\d+/, { timeout: 45_000 });
    const log = await sql<{ outcome: string; attempt: number }[]>`
      select outcome, attempt from sync_log where record_id = ${id} order by at, id`;
    const success = log.findIndex((entry) => entry.outcome === "success");
    const before = log.slice(0, success).map((entry) => entry.attempt);
    // The send that went through is the attempt after every one before it.
    expect(log[success]?.attempt, JSON.stringify(log)).toBe(Math.max(...before) + 1);
    expect(before, JSON.stringify(log)).toEqual([...before].sort((a, b) => a - b));
    const [state] = await sql<{ state: string; attempts: number }[]>`
      select state, attempts from document_sync_states where record_type = 'quote' and record_id = ${id}`;
    expect(state).toMatchObject({ state: "sent", attempts: 0 });
    expect((await simDocuments(simulatorUrl, "quotes")).filter((q) => q.Reference === number)).toHaveLength(
      1,
    );
  });
});
