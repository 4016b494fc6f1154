import { sql } from "drizzle-orm";
import { boolean, check, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { currencyCode } from "./columns";
import { taxRates } from "./products";
import { users } from "./users";

export const xeroConnectionStatus = pgEnum("xero_connection_status", [
  "connected",
  "needs_reconnect",
  "disconnected",
]);
export type XeroConnectionStatus = (typeof xeroConnectionStatus.enumValues)[number];

/**
 * The one Xero organisation this Factory books into. A single row (id = 1): the row stays after a
 * disconnect so a later reconnect can tell "same organisation, resume" from "different organisation,
 * clear the links". The token set is only ever stored encrypted (lib/xero/api/token-crypto.ts).
 */
export const xeroConnections = pgTable(
  "xero_connections",
  {
    id: integer().primaryKey().default(1),
    status: xeroConnectionStatus().notNull(),
    /** Xero's organisation id, sent as `xero-tenant-id` on every accounting call. */
    tenantId: uuid().notNull(),
    /** The `/connections` entry's id: what DELETE /connections/{id} takes (not the tenant id). */
    connectionId: uuid(),
    organisationName: text().notNull(),
    /** For deep links (go.xero.com/organisationlogin/default.aspx?shortcode=…). */
    shortCode: text(),
    baseCurrency: currencyCode(),
    /**
     * The organisation's time zone as Xero names it (Organisation.Timezone, e.g.
     * "NEWZEALANDSTANDARDTIME"); Factory shows dates in it (lib/factory/time-zone.ts). Null until read.
     */
    timeZone: text(),
    /**
     * The currencies the organisation has enabled (GET /Currencies), refreshed with the other
     * reference data; null until first read. Documents in any other currency are held before a call.
     */
    enabledCurrencies: currencyCode().array(),
    /** AES-256-GCM ciphertext of the token set; null once disconnected. */
    encryptedTokenSet: text(),
    accessTokenExpiresAt: timestamp({ withTimezone: true }),
    /** When the current refresh token was issued; Xero expires it after 60 days unused. */
    refreshTokenIssuedAt: timestamp({ withTimezone: true }),
    lastRefreshedAt: timestamp({ withTimezone: true }),
    grantedScopes: text().array().notNull().default([]),
    connectedBy: uuid().references(() => users.id),
    connectedAt: timestamp({ withTimezone: true }).notNull(),
    lastSuccessfulCallAt: timestamp({ withTimezone: true }),
    /** From Xero's `X-DayLimit-Remaining` / `X-MinLimit-Remaining` headers on the latest call. */
    callsLeftToday: integer(),
    callsLeftThisMinute: integer(),
    lastError: text(),
    lastErrorAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check("xero_connections_single_row", sql`${table.id} = 1`)],
);

export type XeroConnection = typeof xeroConnections.$inferSelect;

export interface PendingXeroTenant {
  connectionId: string;
  tenantId: string;
  tenantName: string;
}

/**
 * A finished consent waiting for the admin to pick the organisation (several were authorised, or the
 * one authorised differs from the organisation Factory booked into before). Short-lived: the access
 * token inside expires after 30 minutes.
 */
export const xeroPendingAuthorisations = pgTable("xero_pending_authorisations", {
  id: uuid().primaryKey().defaultRandom(),
  userId: uuid()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  encryptedTokenSet: text().notNull(),
  tenants: jsonb().$type<PendingXeroTenant[]>().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const xeroDocumentStatus = pgEnum("xero_document_status", ["DRAFT", "SUBMITTED", "AUTHORISED"]);
export type XeroDocumentStatus = (typeof xeroDocumentStatus.enumValues)[number];

/** How Factory sends to Xero: one row (id = 1), every change audited (entity "xero_settings"). */
export const xeroSettings = pgTable(
  "xero_settings",
  {
    id: integer().primaryKey().default(1),
    autoSendQuotes: boolean().notNull().default(true),
    autoSendSalesOrders: boolean().notNull().default(true),
    autoSendInvoices: boolean().notNull().default(true),
    autoSendPurchaseOrders: boolean().notNull().default(true),
    autoSendBills: boolean().notNull().default(true),
    autoSendCreditNotes: boolean().notNull().default(true),
    autoSendSupplierCredits: boolean().notNull().default(true),
    /** Default of the "create Xero contact" box on new customers / new suppliers. */
    createContactForNewCustomers: boolean().notNull().default(true),
    createContactForNewSuppliers: boolean().notNull().default(true),
    keepContactsUpdated: boolean().notNull().default(true),
    /** Xero account codes for lines of unlinked products; chosen from the organisation's accounts. */
    salesAccountCode: text(),
    purchaseAccountCode: text(),
    /**
     * Xero tax types for lines Factory does not tax (no rate, or a "no tax" document): sent on every
     * such line so Xero never falls back to the account's or item's default rate (issue 11 item 2).
     * NONE is Xero's "No GST" / "No VAT" type in NZ and UK organisations; admins can choose another.
     */
    salesNoTaxType: text().notNull().default("NONE"),
    purchaseNoTaxType: text().notNull().default("NONE"),
    /** Status bills are created with (SUBMITTED = "awaiting approval", AUTHORISED = "awaiting payment"). */
    billStatus: xeroDocumentStatus().notNull().default("DRAFT"),
    purchaseOrderStatus: xeroDocumentStatus().notNull().default("DRAFT"),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id),
  },
  (table) => [check("xero_settings_single_row", sql`${table.id} = 1`)],
);

export type XeroSettings = typeof xeroSettings.$inferSelect;

/**
 * Factory tax rate → Xero TaxType. Sales and purchases map separately because Xero's tax types are
 * direction-specific (NZ GST 15% is OUTPUT2 on sales, INPUT2 on purchases).
 */
export const xeroTaxMappings = pgTable("xero_tax_mappings", {
  taxRateId: uuid()
    .primaryKey()
    .references(() => taxRates.id, { onDelete: "cascade" }),
  salesTaxType: text(),
  purchaseTaxType: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type XeroTaxMapping = typeof xeroTaxMappings.$inferSelect;
