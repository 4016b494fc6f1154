import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Page } from "@playwright/test";
import type postgres from "postgres";
import { expect, resetSimulator } from "../support/fixtures";

export const SCREENSHOTS = path.resolve(".test-data", "screenshots");

/** A fresh simulator and Factory connected to its NZ demo organisation through the consent page. */
export async function connectXero(page: Page, sql: postgres.Sql, simulatorUrl: string): Promise<void> {
  await resetSimulator(sql, simulatorUrl);
  await sql`delete from xero_connections`;
  await sql`delete from xero_contact_imports`;
  await page.goto("/xero");
  await page.getByRole("link", { name: "Connect to Xero" }).click();
  await page.waitForURL(/\/identity\/connect\/authorize/);
  await page.getByRole("button", { name: "Allow access" }).click();
  await page.waitForURL(/\/xero\?connected=1/);
}

/** Leaves Factory unconnected, as other specs expect to find it (no "Also create in Xero" box). */
export async function disconnectXero(sql: postgres.Sql): Promise<void> {
  await sql`delete from xero_contact_imports`;
  await sql`delete from xero_connections`;
}

/** A customer or supplier inserted directly, with a code no counter will hand out. */
export async function insertParty(
  sql: postgres.Sql,
  kind: "customers" | "suppliers",
  fields: { name: string; email?: string },
): Promise<string> {
  const code = `E2E-${randomUUID().slice(0, 8)}`;
  const [row] = await sql<{ id: string }[]>`
    insert into ${sql(kind)} (code, name, email, currency)
    values (${code}, ${fields.name}, ${fields.email ?? null}, 'NZD')
    returning id`;
  return row?.id ?? "";
}

/** The simulator's contacts of the NZ organisation. */
export async function simContacts(simulatorUrl: string): Promise<Record<string, unknown>[]> {
  const state = (await (await fetch(`${simulatorUrl}/sim/state`)).json()) as {
    orgs: { tenantId: string; name: string }[];
  };
  const nz = state.orgs.find((org) => org.name === "Demo Fabrication NZ");
  const { records } = (await (await fetch(`${simulatorUrl}/sim/orgs/${nz?.tenantId}/contacts`)).json()) as {
    records: Record<string, unknown>[];
  };
  return records;
}

export { expect };
