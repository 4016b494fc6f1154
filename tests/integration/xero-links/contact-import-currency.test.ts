import "./simulator-env";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createParty } from "@/lib/factory/parties";
import {
  beginImport,
  fetchNextImportPage,
  importNextBatch,
  startContactImport,
  type ImportProgress,
} from "@/lib/linking/contact-import";
import { createContact } from "@/lib/xero/api/contacts";
import { withXero } from "@/lib/xero/api/session";
import { partyInput } from "../records/record-fixtures";
import { admin, connectedDb, sim, type ConnectedDb } from "./connected-db";

/**
 * An imported contact's DefaultCurrency is taken only where the organisation has it enabled, as when
 * one contact is linked: Xero refuses documents in a currency the organisation hasn't enabled, so a
 * customer created or linked in one would have every document refused.
 */
let ctx: ConnectedDb;

beforeAll(async () => {
  ctx = await connectedDb("import_currency");
});
afterAll(async () => {
  await ctx.close();
});

async function xeroContact(name: string, defaultCurrency: string) {
  const answer = await withXero(ctx.db, (api) => createContact(api, { name }, randomUUID()));
  if (!answer.ok) throw new Error(answer.errors.join("; "));
  const id = answer.contact.contactID ?? "";
  await admin(sim, "POST", `/sim/orgs/${ctx.tenantId}/contacts/${id}/edit`, {
    DefaultCurrency: defaultCurrency,
    IsCustomer: true,
  });
  return id;
}

async function importCustomers() {
  const run = await startContactImport(ctx.db, {
    sides: "customers",
    includeArchived: false,
    userId: ctx.userId,
  });
  let progress: ImportProgress;
  do progress = await fetchNextImportPage(ctx.db, run.id);
  while (progress.run.status === "fetching");
  await beginImport(ctx.db, run.id);
  do progress = await importNextBatch(ctx.db, run.id, ctx.userId);
  while (progress.run.status === "importing");
  return progress.run;
}

async function customerOf(contactId: string) {
  const [row] = await ctx.db.execute<{ name: string; currency: string }>(
    sql`select name, currency from customers where xero_contact_id = ${contactId}`,
  );
  return row;
}

describe("importing contacts with a default currency", () => {
  it("takes USD (enabled), leaves EUR (not enabled) for the base currency, on created and linked records", async () => {
    // The simulator's NZ organisation enables NZD, AUD and USD.
    const dollars = await xeroContact("Import Dollar Buyer", "USD");
    const euros = await xeroContact("Import Euro Buyer", "EUR");
    const { party: existing } = await createParty(
      ctx.db,
      "customer",
      partyInput({ name: "Import Euro Linker", currency: "NZD" }),
      ctx.userId,
    );
    const eurosToLink = await xeroContact("Import Euro Linker", "EUR");

    const run = await importCustomers();
    expect(run.status).toBe("completed");

    expect(await customerOf(dollars)).toEqual({ name: "Import Dollar Buyer", currency: "USD" });
    expect(await customerOf(euros)).toEqual({ name: "Import Euro Buyer", currency: "NZD" });
    const linked = await customerOf(eurosToLink);
    expect(linked).toEqual({ name: existing.name, currency: "NZD" });
  });
});
