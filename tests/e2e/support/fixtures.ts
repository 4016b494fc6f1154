import { readFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import postgres from "postgres";
import { E2E_AUTH_DIR, E2E_STATE_FILE, E2E_USERS, type E2EServerState } from "./config";

export function serverState(): E2EServerState {
  return JSON.parse(readFileSync(E2E_STATE_FILE, "utf8")) as E2EServerState;
}

interface Fixtures {
  /** A page signed in as the e2e admin. */
  adminPage: Page;
  /** A page signed in as the e2e staff user. */
  staffPage: Page;
  /** SQL on the app's test database, to check what a UI step stored. */
  sql: postgres.Sql;
  /** The Xero simulator's base URL (its state API is under /sim). */
  simulatorUrl: string;
}

export const test = base.extend<Fixtures>({
  adminPage: async ({ browser }, use) => {
    const context = await browser.newContext({ storageState: path.join(E2E_AUTH_DIR, "admin.json") });
    await use(await context.newPage());
    await context.close();
  },
  staffPage: async ({ browser }, use) => {
    const context = await browser.newContext({ storageState: path.join(E2E_AUTH_DIR, "staff.json") });
    await use(await context.newPage());
    await context.close();
  },
  sql: async ({}, use) => {
    const sql = postgres(serverState().databaseUrl, { max: 2, onnotice: () => {} });
    await use(sql);
    await sql.end();
  },
  simulatorUrl: async ({}, use) => {
    await use(serverState().simulatorUrl);
  },
});

export { expect, E2E_USERS };

/**
 * A fresh simulator (its data and its rate-limit counters), and Factory's shared record of Xero's call
 * budget forgotten with it: that ledger counts the simulator's calls, and the e2e specs together make
 * more than Xero's 60 a minute against the one demo organisation.
 */
export async function resetSimulator(sql: postgres.Sql, simulatorUrl: string): Promise<void> {
  await fetch(`${simulatorUrl}/sim/reset`, { method: "POST" });
  await sql`delete from xero_api_calls`;
  await sql`delete from xero_rate_budgets`;
}
