import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { saveXeroConnection, updateXeroConnection } from "@/lib/db/queries/xero-connection";
import { xeroConnections } from "@/lib/db/schema";
import { loadCurrencySettings } from "@/lib/factory/currency-settings";
import { createParty, updateParty } from "@/lib/factory/parties";
import { createPartySchema, partyFormDefaults } from "@/lib/factory/party-schema";
import { createPurchaseOrder } from "@/lib/factory/purchase-orders";
import { createQuote, updateQuoteFromForm } from "@/lib/factory/quotes";
import { createSalesOrder } from "@/lib/factory/sales-orders";
import { createBoss } from "@/lib/sync/boss";
import { ensureQueues } from "@/lib/sync/queues";
import { createTestDatabase } from "../../support/test-database";
import { purchaseOrderForm, quoteForm, salesOrderForm, seedBasics } from "./fixtures";

/**
 * Currencies follow the organisation: its base currency is the default and only its enabled
 * currencies can be saved while it is connected; without one, the configured default and any code.
 */
// A database of this file's own: the Xero connection is a single row other files rely on.
let db: Db;
let close: () => Promise<void>;
let drop: () => Promise<void>;
let basics: Awaited<ReturnType<typeof seedBasics>>;
beforeAll(async () => {
  const database = await createTestDatabase("currencies");
  drop = database.drop;
  ({ db, close } = createDb(database.url, { max: 4 }));
  // New documents queue their sync job in this database: it needs pg-boss's schema and queues.
  const boss = createBoss(database.url, { supervise: false });
  await boss.start();
  await ensureQueues(boss);
  await boss.stop();
  basics = await seedBasics(db);
});
afterEach(async () => {
  await db.delete(xeroConnections).where(eq(xeroConnections.id, 1));
});
afterAll(async () => {
  await close();
  await drop();
});

async function connectUkOrganisation(status: "connected" | "needs_reconnect" | "disconnected" = "connected") {
  await saveXeroConnection(db, {
    status,
    tenantId: randomUUID(),
    organisationName: "Demo Fabrication UK",
    baseCurrency: "GBP",
    enabledCurrencies: ["GBP", "EUR", "USD"],
    connectedAt: new Date(),
  });
}

const refusal = (code: string) =>
  `${code} isn't enabled in Demo Fabrication UK in Xero. Enable it there (Settings → Currencies), or choose GBP, EUR, USD.`;

describe("currency settings", () => {
  it("without an organisation: the configured default, any currency", async () => {
    expect(await loadCurrencySettings(db)).toEqual({
      defaultCurrency: "NZD",
      enabled: null,
      organisationName: null,
    });
    const quote = await createQuote(db, quoteForm(basics.customer.id, { currency: "JPY" }), basics.user.id);
    expect(quote.currency).toBe("JPY");
  });

  it("connected, or waiting for a reconnect: the organisation's base and enabled currencies", async () => {
    await connectUkOrganisation();
    expect(await loadCurrencySettings(db)).toMatchObject({
      defaultCurrency: "GBP",
      enabled: ["GBP", "EUR", "USD"],
    });
    await updateXeroConnection(db, { status: "needs_reconnect" });
    expect((await loadCurrencySettings(db)).defaultCurrency).toBe("GBP");
    await updateXeroConnection(db, { status: "disconnected" });
    expect(await loadCurrencySettings(db)).toMatchObject({ defaultCurrency: "NZD", enabled: null });
  });

  it("refuses a quote, sales order or purchase order in a currency the organisation has not enabled", async () => {
    await connectUkOrganisation();
    const fieldErrors = { currency: [refusal("NZD")] };
    await expect(
      createQuote(db, quoteForm(basics.customer.id, { currency: "NZD" }), basics.user.id),
    ).rejects.toMatchObject({ fieldErrors });
    await expect(
      createSalesOrder(db, salesOrderForm(basics.customer.id, { currency: "NZD" }), basics.user.id),
    ).rejects.toMatchObject({ fieldErrors });
    await expect(
      createPurchaseOrder(db, purchaseOrderForm(basics.supplier.id, { currency: "NZD" }), basics.user.id),
    ).rejects.toMatchObject({ fieldErrors });

    const quote = await createQuote(db, quoteForm(basics.customer.id, { currency: "EUR" }), basics.user.id);
    expect(quote.currency).toBe("EUR");
    await expect(
      updateQuoteFromForm(
        db,
        { ...quoteForm(basics.customer.id), id: quote.id, version: quote.version, currency: "AUD" },
        basics.user.id,
      ),
    ).rejects.toMatchObject({ fieldErrors: { currency: [refusal("AUD")] } });
  });

  it("refuses a customer or supplier whose currency the organisation has not enabled", async () => {
    await connectUkOrganisation();
    const input = (currency: string) =>
      createPartySchema.parse({
        ...partyFormDefaults({ currency }),
        name: `Maple Metals ${randomUUID().slice(0, 6)}`,
        idempotencyKey: randomUUID(),
      });
    await expect(createParty(db, "customer", input("CAD"), null)).rejects.toMatchObject({
      fieldErrors: { currency: [refusal("CAD")] },
    });
    const { party } = await createParty(db, "supplier", input("USD"), null);
    const { idempotencyKey: _key, ...changes } = input("CAD");
    await expect(
      updateParty(db, "supplier", { ...changes, id: party.id, version: party.version }, null),
    ).rejects.toMatchObject({ fieldErrors: { currency: [refusal("CAD")] } });
  });
});
