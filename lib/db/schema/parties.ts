import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { currencyCode, editableRecordColumns } from "./columns";

export interface Address {
  line1: string;
  line2: string;
  city: string;
  region: string;
  postcode: string;
  /** Country name or ISO code as staff type it; Xero takes free text too. */
  country: string;
}

export interface ContactPerson {
  name: string;
  email: string;
  phone: string;
  role: string;
}

/**
 * Mirrors Xero's PaymentTermType (xero_accounting.yaml `PaymentTermType`): DAYSAFTERBILLDATE,
 * DAYSAFTERBILLMONTH, OFCURRENTMONTH, OFFOLLOWINGMONTH, so a party's terms map one to one onto a
 * contact's PaymentTerms.Sales (customers) or PaymentTerms.Bills (suppliers).
 */
export const paymentTermsType = pgEnum("payment_terms_type", [
  "days_after_invoice_date",
  "days_after_invoice_month",
  "day_of_current_month",
  "day_of_following_month",
]);
export type PaymentTermsType = (typeof paymentTermsType.enumValues)[number];

/** Customers and suppliers have the same shape; one builder keeps the two tables identical. */
function partyTable<Name extends "customers" | "suppliers">(name: Name) {
  return pgTable(
    name,
    {
      id: uuid().primaryKey().defaultRandom(),
      /** C-00001 / S-00001, from number_counters; sent to Xero as ContactNumber. */
      code: text().notNull(),
      name: text().notNull(),
      email: text(),
      phone: text(),
      mobile: text(),
      billingAddress: jsonb().$type<Address>(),
      deliveryAddress: jsonb().$type<Address>(),
      contactPeople: jsonb().$type<ContactPerson[]>().notNull().default([]),
      taxNumber: text(),
      /** Default currency of its documents; a linked Xero contact's DefaultCurrency when it has one. */
      currency: currencyCode().notNull(),
      paymentTermsType: paymentTermsType(),
      paymentTermsDay: integer(),
      notes: text(),
      archivedAt: timestamp({ withTimezone: true }),
      /** The linked Xero ContactID; set by the Xero link editor or import, never by the record forms. */
      xeroContactId: uuid(),
      ...editableRecordColumns(),
    },
    (table) => [
      uniqueIndex(`${name}_code_key`).on(table.code),
      index(`${name}_name_idx`).on(table.name, table.id),
      index(`${name}_created_at_idx`).on(table.createdAt, table.id),
      index(`${name}_xero_contact_id_idx`).on(table.xeroContactId),
      // Substring search (`ilike '%term%'`) over 100,000 rows needs trigram indexes, one per column.
      index(`${name}_name_trgm_idx`).using("gin", table.name.op("gin_trgm_ops")),
      index(`${name}_code_trgm_idx`).using("gin", table.code.op("gin_trgm_ops")),
      index(`${name}_email_trgm_idx`).using("gin", table.email.op("gin_trgm_ops")),
      // The list's default view hides archived rows; this keeps its count and first page index-only.
      index(`${name}_active_name_idx`)
        .on(table.name, table.id)
        .where(sql`${table.archivedAt} is null`),
    ],
  );
}

export const customers = partyTable("customers");
export const suppliers = partyTable("suppliers");

export type Customer = typeof customers.$inferSelect;
export type Supplier = typeof suppliers.$inferSelect;
/** A customer or a supplier: the two tables have the same columns. */
export type Party = Customer;
export type PartyKind = "customer" | "supplier";
