import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { listTaxMappings, openDocumentsByTaxRate, saveTaxMapping } from "@/lib/db/queries/xero-settings";
import { taxRates } from "@/lib/db/schema";
import { createPurchaseOrder } from "@/lib/factory/purchase-orders";
import { createQuote } from "@/lib/factory/quotes";
import { unmappedTaxRatesInUse } from "@/lib/linking/unmapped-tax-rates";
import { createBoss } from "@/lib/sync/boss";
import { ensureQueues } from "@/lib/sync/queues";
import { createTestDatabase } from "../../support/test-database";
import { line, purchaseOrderForm, quoteForm, seedBasics } from "./fixtures";

/**
 * Saving the Xero settings warns about a tax rate left "Not mapped" on a side that open documents
 * use: each of them would fail to send (issue 13).
 */
let db: Db;
let close: () => Promise<void>;
let drop: () => Promise<void>;
let basics: Awaited<ReturnType<typeof seedBasics>>;
beforeAll(async () => {
  const database = await createTestDatabase("unmapped_tax_rates");
  drop = database.drop;
  ({ db, close } = createDb(database.url, { max: 4 }));
  const boss = createBoss(database.url, { supervise: false });
  await boss.start();
  await ensureQueues(boss);
  await boss.stop();
  basics = await seedBasics(db);
});
afterAll(async () => {
  await close();
  await drop();
});

describe("tax rates open documents use but Xero has no mapping for", () => {
  it("names the rate, the side and how many open documents use it", async () => {
    const [zero] = await db
      .insert(taxRates)
      .values({ name: `Zero rated ${randomUUID().slice(0, 4)}`, percent: "0" })
      .returning();
    const gstLine = line({ taxRateId: basics.gst.id });
    await createQuote(db, quoteForm(basics.customer.id, { lines: [gstLine] }), basics.user.id);
    await createQuote(
      db,
      quoteForm(basics.customer.id, { lines: [gstLine, line({ taxRateId: zero!.id })] }),
      basics.user.id,
    );
    await createPurchaseOrder(
      db,
      purchaseOrderForm(basics.supplier.id, { lines: [gstLine] }),
      basics.user.id,
    );
    // GST is mapped on purchases only; the zero rate nowhere.
    await saveTaxMapping(db, { taxRateId: basics.gst.id, salesTaxType: null, purchaseTaxType: "INPUT2" });

    const warnings = unmappedTaxRatesInUse(await listTaxMappings(db), await openDocumentsByTaxRate(db));
    expect(warnings.map((w) => w.message).sort()).toEqual([
      "GST 15% isn't mapped on sales, and 2 open documents use it: they can't be sent to Xero until it is.",
      `${zero!.name} isn't mapped on sales, and 1 open document uses it: they can't be sent to Xero until it is.`,
    ]);

    // Mapped on sales too: only the zero rate is left.
    await saveTaxMapping(db, {
      taxRateId: basics.gst.id,
      salesTaxType: "OUTPUT2",
      purchaseTaxType: "INPUT2",
    });
    const after = unmappedTaxRatesInUse(await listTaxMappings(db), await openDocumentsByTaxRate(db));
    expect(after.map((w) => [w.taxRateId, w.side, w.documents])).toEqual([[zero!.id, "sales", 1]]);
  });
});
