import { asc, eq } from "drizzle-orm";
import type { Executor } from "../client";
import { taxRates, xeroSettings, xeroTaxMappings, type XeroSettings } from "../schema";

export type XeroSettingsValues = Omit<XeroSettings, "id" | "updatedAt" | "updatedBy">;

/** The settings row, or the column defaults before anyone has saved (the row is created on first save). */
export async function getXeroSettings(db: Executor): Promise<XeroSettingsValues> {
  const [row] = await db.select().from(xeroSettings).where(eq(xeroSettings.id, 1));
  if (row) {
    const { id: _id, updatedAt: _at, updatedBy: _by, ...values } = row;
    return values;
  }
  return {
    autoSendQuotes: true,
    autoSendSalesOrders: true,
    autoSendInvoices: true,
    autoSendPurchaseOrders: true,
    autoSendBills: true,
    autoSendCreditNotes: true,
    autoSendSupplierCredits: true,
    createContactForNewCustomers: true,
    createContactForNewSuppliers: true,
    keepContactsUpdated: true,
    salesAccountCode: null,
    purchaseAccountCode: null,
    salesNoTaxType: "NONE",
    purchaseNoTaxType: "NONE",
    billStatus: "DRAFT",
    purchaseOrderStatus: "DRAFT",
  };
}

export async function saveXeroSettings(
  db: Executor,
  values: XeroSettingsValues,
  userId: string,
): Promise<void> {
  const set = { ...values, updatedAt: new Date(), updatedBy: userId };
  await db
    .insert(xeroSettings)
    .values({ id: 1, ...set })
    .onConflictDoUpdate({ target: xeroSettings.id, set });
}

export interface TaxMappingRow {
  taxRateId: string;
  taxRateName: string;
  percent: string;
  active: boolean;
  salesTaxType: string | null;
  purchaseTaxType: string | null;
}

/** Every Factory tax rate with its Xero tax types (null where not mapped yet). */
export async function listTaxMappings(db: Executor): Promise<TaxMappingRow[]> {
  return db
    .select({
      taxRateId: taxRates.id,
      taxRateName: taxRates.name,
      percent: taxRates.percent,
      active: taxRates.active,
      salesTaxType: xeroTaxMappings.salesTaxType,
      purchaseTaxType: xeroTaxMappings.purchaseTaxType,
    })
    .from(taxRates)
    .leftJoin(xeroTaxMappings, eq(xeroTaxMappings.taxRateId, taxRates.id))
    .orderBy(asc(taxRates.name));
}

export async function saveTaxMapping(
  db: Executor,
  mapping: { taxRateId: string; salesTaxType: string | null; purchaseTaxType: string | null },
): Promise<void> {
  const set = {
    salesTaxType: mapping.salesTaxType,
    purchaseTaxType: mapping.purchaseTaxType,
    updatedAt: new Date(),
  };
  await db
    .insert(xeroTaxMappings)
    .values({ taxRateId: mapping.taxRateId, ...set })
    .onConflictDoUpdate({ target: xeroTaxMappings.taxRateId, set });
}
