import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { createDb, type Db } from "@/lib/db/client";
import { customers, suppliers, taxRates, users, xeroSettings, xeroTaxMappings } from "@/lib/db/schema";
import { buildConsentUrl } from "@/lib/xero/api/identity";
import { activateOrganisation, completeConsent } from "@/lib/xero/connect";
import { ensureXeroContact } from "@/lib/linking/contacts";
import type { RunningXeroSim } from "@/xero-sim/server";
import { createTestDatabase } from "../../../support/test-database";
import { consent, NZ } from "../../xero-sim/harness";

export interface SyncDb {
  db: Db;
  url: string;
  userId: string;
  tenantId: string;
  customerId: string;
  supplierId: string;
  gstId: string;
  close(): Promise<void>;
}

/**
 * A database of this file's own (the Xero connection is a single row), connected to the
 * simulator's NZ organisation through the real consent round trip, with a customer and a supplier
 * linked to new Xero contacts, the sales/purchase accounts chosen and GST mapped.
 */
export async function syncDb(
  label: string,
  settings: Partial<typeof xeroSettings.$inferInsert> = {},
): Promise<SyncDb> {
  const database = await createTestDatabase(label);
  const { db, close } = createDb(database.url, { max: 8 });
  const [user] = await db
    .insert(users)
    .values({ email: `${randomUUID()}@factory.test`, name: "Sync Tester", passwordHash: "x", role: "admin" })
    .returning({ id: users.id });
  if (!user) throw new Error("no user");
  const state = randomUUID();
  const { location } = await consent(await buildConsentUrl(state), { organisations: [NZ] });
  const { tokens, tenants } = await completeConsent(location, state);
  const tenantId = tenants[0]?.tenantId ?? "";
  await activateOrganisation(db, { tokens, tenantId, userId: user.id, confirmSwitch: true });

  const [gst] = await db.select().from(taxRates).where(eq(taxRates.name, "GST 15%"));
  if (!gst) throw new Error("GST 15% is not seeded");
  await db
    .insert(xeroSettings)
    .values({ id: 1, salesAccountCode: "200", purchaseAccountCode: "300", ...settings })
    .onConflictDoUpdate({
      target: xeroSettings.id,
      set: { salesAccountCode: "200", purchaseAccountCode: "300", ...settings },
    });
  await db
    .insert(xeroTaxMappings)
    .values({ taxRateId: gst.id, salesTaxType: "OUTPUT2", purchaseTaxType: "INPUT2" })
    .onConflictDoNothing();

  const tag = randomUUID().slice(0, 8);
  const [customer] = await db
    .insert(customers)
    .values({ code: `C-${tag}`, name: `Sync Customer ${tag}`, currency: "NZD" })
    .returning({ id: customers.id });
  const [supplier] = await db
    .insert(suppliers)
    .values({ code: `S-${tag}`, name: `Sync Supplier ${tag}`, currency: "NZD" })
    .returning({ id: suppliers.id });
  if (!customer || !supplier) throw new Error("no parties");
  await ensureXeroContact(db, { kind: "customer", id: customer.id }, { createAnyway: true });
  await ensureXeroContact(db, { kind: "supplier", id: supplier.id }, { createAnyway: true });

  return {
    db,
    url: database.url,
    userId: user.id,
    tenantId,
    customerId: customer.id,
    supplierId: supplier.id,
    gstId: gst.id,
    close: async () => {
      await close();
      await database.drop();
    },
  };
}

/** The simulator's records of one collection (invoices, quotes, purchaseOrders, …) for the org. */
export async function simRecords(
  sim: RunningXeroSim,
  tenantId: string,
  collection: "invoices" | "quotes" | "purchaseOrders" | "contacts" | "items" | "creditNotes",
): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${sim.url}/sim/orgs/${tenantId}/${collection}`);
  if (!response.ok) throw new Error(`sim ${collection}: ${response.status}`);
  const body = (await response.json()) as { records: Record<string, unknown>[] };
  return body.records;
}

export async function simAdmin(
  sim: RunningXeroSim,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Polls `check` until it returns a value (not undefined/false) or the deadline passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ""}`);
}
