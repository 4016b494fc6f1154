import "./simulator-env";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, products } from "@/lib/db/schema";
import { findParty } from "@/lib/db/queries/parties";
import { createParty } from "@/lib/factory/parties";
import { createProduct } from "@/lib/factory/products";
import { ensureXeroContact } from "@/lib/linking/contacts";
import { createItemFromProduct, itemShortenings } from "@/lib/linking/items";
import { contactShortenings } from "@/lib/xero/mappers/contact";
import { gstRateId, partyInput, productInput } from "../records/record-fixtures";
import { admin, connectedDb, sim, simContacts, type ConnectedDb } from "./connected-db";

/**
 * Records saved before the forms knew Xero's limits still reach Xero: the values are cut on a
 * grapheme boundary (Xero refused a 56-character country; an item name cut by code units stored
 * half an emoji as "�"), and the record's Xero card says what was shortened.
 */
let ctx: ConnectedDb;

beforeAll(async () => {
  ctx = await connectedDb("string_limits");
});
afterAll(async () => {
  await ctx.close();
});

describe("an older customer with a country longer than Xero's 50", () => {
  it("gets its contact, with the country cut and a note on the record", async () => {
    const { party } = await createParty(
      ctx.db,
      "customer",
      partyInput({ name: "Long Country Trading" }),
      ctx.userId,
    );
    const country = "United Kingdom of Great Britain and Northern Ireland"; // 52
    const address = {
      line1: "1 High Street",
      line2: "",
      city: "Belfast",
      region: "",
      postcode: "BT1",
      country,
    };
    await ctx.db
      .update(customers)
      .set({ billingAddress: address, deliveryAddress: address })
      .where(eq(customers.id, party.id));
    const older = await findParty(ctx.db, "customer", party.id);
    expect(contactShortenings("customer", older!)).toEqual(["Country shortened to Xero's 50 characters"]);

    const outcome = await ensureXeroContact(
      ctx.db,
      { kind: "customer", id: party.id },
      { createAnyway: true },
    );
    expect(outcome.status).toBe("linked");
    const contact = (await simContacts(ctx.tenantId)).find((c) => c.Name === "Long Country Trading");
    const countries = (contact?.Addresses as { Country?: string }[]).map((a) => a.Country);
    expect(countries).toEqual([
      "United Kingdom of Great Britain and Northern Irel…",
      "United Kingdom of Great Britain and Northern Irel…",
    ]);
  });
});

describe("an item made from a product whose name is longer than Xero's 50", () => {
  it("is named with the emoji at the boundary kept whole or dropped, never split", async () => {
    const taxRateId = await gstRateId(ctx.db);
    // 49 code units, then a 2-unit emoji across Xero's 50th and 51st: `slice(0, 50)` kept half of it.
    const name = `${"Bracket ".repeat(6)}X🔩 galvanised, heavy duty`;
    expect(name.indexOf("🔩")).toBe(49);
    expect(name.slice(0, 50).isWellFormed()).toBe(false);
    const { product } = await createProduct(
      ctx.db,
      productInput(taxRateId, { sku: "EMOJI-BRACKET", name }),
      ctx.userId,
    );
    expect(itemShortenings(product)).toEqual(["Item name shortened to Xero's 50 characters"]);

    const item = await createItemFromProduct(ctx.db, { productId: product.id, userId: ctx.userId });
    const { records } = await admin<{ records: { Code: string; Name: string }[] }>(
      sim,
      "GET",
      `/sim/orgs/${ctx.tenantId}/items`,
    );
    const stored = records.find((r) => r.Code === "EMOJI-BRACKET")?.Name;
    expect(stored).toBe(`${"Bracket ".repeat(6)}X…`);
    expect(stored).toHaveLength(50);
    expect(stored?.isWellFormed()).toBe(true);
    expect(item.name).toBe(stored);
    const [saved] = await ctx.db.select().from(products).where(eq(products.id, product.id));
    expect(saved?.xeroItemId).toBe(item.itemId);
  });
});
