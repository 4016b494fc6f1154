import { asc, eq, sql } from "drizzle-orm";
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

/** Statuses of documents still open: ones Factory may still send or change in Xero. */
const OPEN_SALES = {
  quotes: ["draft", "sent", "accepted"],
  sales_orders: ["draft", "confirmed", "partially_invoiced"],
  invoices: ["draft", "issued"],
} as const;
const OPEN_PURCHASES = {
  purchase_orders: ["draft", "sent", "partially_billed"],
  bills: ["draft", "awaiting_payment"],
} as const;
const LINE_PARENT: Record<string, [lines: string, parentColumn: string]> = {
  quotes: ["quote_lines", "quote_id"],
  sales_orders: ["sales_order_lines", "sales_order_id"],
  invoices: ["invoice_lines", "invoice_id"],
  purchase_orders: ["purchase_order_lines", "purchase_order_id"],
  bills: ["bill_lines", "bill_id"],
};

export type TaxRateUse = {
  taxRateId: string;
  side: "sales" | "purchases";
  /** How many open documents have a line with the rate. */
  documents: number;
};

/** Which tax rates open documents use, on the sales side (quotes, orders, invoices) and purchases. */
export async function openDocumentsByTaxRate(db: Executor): Promise<TaxRateUse[]> {
  const part = (table: string, statuses: readonly string[], side: TaxRateUse["side"]) => {
    const [lines, parent] = LINE_PARENT[table]!;
    return sql`select l.tax_rate_id as "taxRateId", ${side} as "side", count(distinct d.id)::int as "documents"
      from ${sql.identifier(lines)} l join ${sql.identifier(table)} d on d.id = l.${sql.identifier(parent)}
      where l.tax_rate_id is not null and d.status::text in (${sql.join(
        statuses.map((status) => sql`${status}`),
        sql`, `,
      )})
      group by l.tax_rate_id`;
  };
  const parts = [
    ...Object.entries(OPEN_SALES).map(([table, statuses]) => part(table, statuses, "sales")),
    ...Object.entries(OPEN_PURCHASES).map(([table, statuses]) => part(table, statuses, "purchases")),
  ];
  const rows = await db.execute<TaxRateUse>(
    sql`select "taxRateId", "side", sum("documents")::int as "documents"
        from (${sql.join(parts, sql` union all `)}) uses group by "taxRateId", "side"`,
  );
  return [...rows];
}
