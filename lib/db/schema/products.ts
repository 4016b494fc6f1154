import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { amount4, editableRecordColumns, percent } from "./columns";

/**
 * Factory's own tax rates ("GST 15%", "Zero rated", "No tax"). Document lines copy the percent at the
 * time they are written, so changing a rate later never changes an issued document.
 */
export const taxRates = pgTable("tax_rates", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull().unique(),
  percent: percent().notNull(),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type TaxRate = typeof taxRates.$inferSelect;

/** The outcome of sending a product's edit on to its Xero item (lib/linking/item-updates.ts). */
export interface XeroItemUpdate {
  state: "queued" | "updated" | "failed";
  /** Xero's own words when it refused, or why the update waits. */
  message: string | null;
  /** ISO time of the request or of Xero's answer. */
  at: string;
}

export const products = pgTable(
  "products",
  {
    id: uuid().primaryKey().defaultRandom(),
    sku: text().notNull(),
    name: text().notNull(),
    description: text(),
    unit: text().notNull().default("each"),
    salePrice: amount4().notNull().default("0"),
    purchaseCost: amount4().notNull().default("0"),
    taxRateId: uuid()
      .notNull()
      .references(() => taxRates.id),
    active: boolean().notNull().default(true),
    /** The linked Xero ItemID. Not unique: many Factory products may map onto one Xero item. */
    xeroItemId: uuid(),
    /**
     * The linked item was created from this product in Factory ("Create in Xero"), so the product's
     * edits go on to it by default; any other link (chosen, matched by SKU) leaves the item alone
     * unless staff ask. Cleared whenever the link changes.
     */
    xeroItemFromFactory: boolean().notNull().default(false),
    /** How the last "update the Xero item too" went, for the product's Xero card. */
    xeroItemUpdate: jsonb().$type<XeroItemUpdate>(),
    ...editableRecordColumns(),
  },
  (table) => [
    // "ABC-1" and "abc-1" are the same SKU to the people typing them.
    uniqueIndex("products_sku_lower_key").on(sql`lower(${table.sku})`),
    index("products_name_idx").on(table.name, table.id),
    index("products_created_at_idx").on(table.createdAt, table.id),
    index("products_tax_rate_id_idx").on(table.taxRateId),
    index("products_xero_item_id_idx").on(table.xeroItemId),
    index("products_sku_trgm_idx").using("gin", table.sku.op("gin_trgm_ops")),
    index("products_name_trgm_idx").using("gin", table.name.op("gin_trgm_ops")),
  ],
);

export type Product = typeof products.$inferSelect;
