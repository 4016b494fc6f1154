import { bigint, pgTable, text } from "drizzle-orm/pg-core";

/** Each numbered series and the prefix its numbers carry, e.g. SO-00042. */
export const NUMBER_PREFIXES = {
  customer: "C",
  supplier: "S",
  quote: "Q",
  sales_order: "SO",
  invoice: "SI",
  purchase_order: "PO",
  bill: "BL",
  credit_note: "CN",
  supplier_credit: "SC",
} as const;

export type NumberSeries = keyof typeof NUMBER_PREFIXES;

/**
 * The last number handed out per series. Taken with a row-locking upsert inside the creating
 * transaction, so numbers are unique, and a rolled-back create gives its number back (no gaps), at
 * the cost of serialising creates of one series, which is fine at a factory's pace.
 */
export const numberCounters = pgTable("number_counters", {
  series: text().primaryKey().$type<NumberSeries>(),
  lastValue: bigint({ mode: "number" }).notNull(),
});
