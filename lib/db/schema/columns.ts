import { char, integer, numeric, pgEnum, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/** Unit prices, unit costs and quantities: 4 decimals, as Xero accepts with `unitdp=4`. */
export const amount4 = () => numeric({ precision: 18, scale: 4 });

/** Line amounts, tax and totals: 2 decimals, rounded the way Xero rounds (per line, then summed). */
export const amount2 = () => numeric({ precision: 16, scale: 2 });

/** Percentages (tax rates, discounts): up to 4 decimals, e.g. 15.0000 or 12.5. */
export const percent = () => numeric({ precision: 7, scale: 4 });

/** ISO 4217 code, e.g. NZD. */
export const currencyCode = () => char({ length: 3 });

/** Xero's LineAmountTypes: prices before tax, prices that contain tax, or no tax at all. */
export const taxMode = pgEnum("tax_mode", ["exclusive", "inclusive", "no_tax"]);
export type TaxMode = (typeof taxMode.enumValues)[number];

/**
 * What every record staff create and edit carries: optimistic concurrency (`version`, bumped on each
 * edit; a form holding an older one is refused), an idempotency key (a double-submitted create finds
 * the first record instead of making a second), and who created and last changed it, and when.
 */
export const editableRecordColumns = () => ({
  version: integer().notNull().default(1),
  idempotencyKey: uuid().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid().references(() => users.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid().references(() => users.id),
});
