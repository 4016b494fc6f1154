import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { Address, ContactPerson, PaymentTermsType } from "./parties";
import { users } from "./users";

/** What an import copies from a Xero contact into a new Factory customer or supplier (issue 6 §5). */
export interface ImportedPartyValues {
  name: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  billingAddress: Address | null;
  deliveryAddress: Address | null;
  contactPeople: ContactPerson[];
  taxNumber: string | null;
  /** Null when Xero has none; the record then takes Factory's default currency. */
  currency: string | null;
  /** Xero keeps sales terms and bill terms apart; the import takes the side it creates. */
  salesTerms: { type: PaymentTermsType; day: number } | null;
  billTerms: { type: PaymentTermsType; day: number } | null;
}

export const partyKind = pgEnum("party_kind", ["customer", "supplier"]);

/**
 * What Factory last saw of each linked Xero contact, so record pages and lists can show the linked
 * contact's name, email, code and status without a Xero call per page view. Refreshed whenever a
 * link is made or the link editor loads the contact.
 */
export const xeroContactCache = pgTable("xero_contact_cache", {
  contactId: uuid().primaryKey(),
  name: text().notNull(),
  contactNumber: text(),
  email: text(),
  /** ACTIVE, ARCHIVED or GDPRREQUEST (Xero's ContactStatus). */
  status: text().notNull(),
  isCustomer: boolean().notNull().default(false),
  isSupplier: boolean().notNull().default(false),
  fetchedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /**
   * Read-back (docs/sync.md#read-back): the contact this one was merged into in Xero (Xero's
   * MergedToContactID, returned only when a contact is read by ID or paged), Xero's UpdatedDateUTC of
   * the copy stored (a copy no newer changes nothing), and when read-back last stored one.
   */
  mergedToContactId: uuid(),
  xeroUpdatedAt: timestamp({ withTimezone: true }),
  readBackAt: timestamp({ withTimezone: true }),
});

export type XeroContactCacheRow = typeof xeroContactCache.$inferSelect;

/**
 * The code, name and accounts of each linked Xero item: the code and name for product pages and the
 * product list, the accounts so a line of a linked product names the item's own sales or purchase
 * account (null where Xero's item has none; the default account is sent then).
 */
export const xeroItemCache = pgTable("xero_item_cache", {
  itemId: uuid().primaryKey(),
  code: text().notNull(),
  name: text(),
  salesAccountCode: text(),
  purchaseAccountCode: text(),
  fetchedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type XeroItemCacheRow = typeof xeroItemCache.$inferSelect;

export const xeroContactIssueKind = pgEnum("xero_contact_issue_kind", [
  /** Xero was unreachable when the record was created; the contact is created when it is back. */
  "create_pending",
  /** Xero refused the new contact, or a likely match needs a person to decide. */
  "create_failed",
  /** Xero refused an update from Factory (a rename onto a name another contact has). */
  "update_failed",
]);
export type XeroContactIssueKind = (typeof xeroContactIssueKind.enumValues)[number];

/**
 * The open Xero problem of a customer or supplier, shown on its page until resolved; at most one
 * per record. Deleting a record leaves nothing to show, so readers join to the record.
 */
export const xeroContactIssues = pgTable(
  "xero_contact_issues",
  {
    partyKind: partyKind().notNull(),
    partyId: uuid().notNull(),
    kind: xeroContactIssueKind().notNull(),
    /** Xero's own message, or what Factory will do next. */
    message: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.partyKind, table.partyId] })],
);

export type XeroContactIssue = typeof xeroContactIssues.$inferSelect;

/** The contact fields Factory keeps current in Xero (issue 6 §3), one by one. */
export type ContactDetailField = "name" | "email" | "phone" | "mobile" | "billingAddress" | "deliveryAddress";

/** The contact fields Factory keeps current in Xero (issue 6 §3), as last sent or agreed. */
export interface ContactDetailsSnapshot {
  name: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  billingAddress: Address | null;
  deliveryAddress: Address | null;
  /**
   * The fields whose value here is what Xero holds, because Factory sent it or took it from Xero;
   * only these may Factory clear in Xero (docs/sync.md#contacts). Absent on a link to an existing
   * contact: what Xero holds there is not known, so Factory clears nothing of it.
   */
  knownInXero?: ContactDetailField[];
}

/**
 * What Xero's contact holds of each linked record's details, as far as Factory knows: what it last
 * sent, or the record's details when the link was made. An edit sends only the fields that differ
 * from it, so editing a record's notes never overwrites a contact's addresses, and linking to an
 * existing contact doesn't rename it until the name really changes.
 */
export const xeroContactDetails = pgTable(
  "xero_contact_details",
  {
    partyKind: partyKind().notNull(),
    partyId: uuid().notNull(),
    contactId: uuid().notNull(),
    details: jsonb().$type<ContactDetailsSnapshot>().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.partyKind, table.partyId] })],
);

export const contactImportSides = pgEnum("contact_import_sides", ["customers", "suppliers", "both"]);
export type ContactImportSides = (typeof contactImportSides.enumValues)[number];

export const contactImportStatus = pgEnum("contact_import_status", [
  "fetching",
  "reviewing",
  "importing",
  "completed",
  "cancelled",
]);
export type ContactImportStatus = (typeof contactImportStatus.enumValues)[number];

/** An import that is still going holds the one open slot; see the unique index below. */
export const OPEN_IMPORT_STATUSES = [
  "fetching",
  "reviewing",
  "importing",
] as const satisfies ContactImportStatus[];

/**
 * One run of the contact import wizard (/xero/import). `nextPage` is the fetch cursor: a run that
 * lost its connection carries on from the page it had not stored yet.
 */
export const xeroContactImports = pgTable(
  "xero_contact_imports",
  {
    id: uuid().primaryKey().defaultRandom(),
    status: contactImportStatus().notNull().default("fetching"),
    sides: contactImportSides().notNull(),
    includeArchived: boolean().notNull(),
    nextPage: integer().notNull().default(1),
    /** Xero's `pagination.pageCount`, known after the first page. */
    pageCount: integer(),
    /** Xero's `pagination.itemCount`, known after the first page. */
    contactCount: integer(),
    apiCalls: integer().notNull().default(0),
    /** The last failure (e.g. Xero unreachable), shown with a "Try again" button. */
    lastError: text(),
    startedBy: uuid().references(() => users.id),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    // Two imports at once would race to create the same customers: the database admits one open run.
    uniqueIndex("xero_contact_imports_one_open_key")
      .on(sql`(true)`)
      .where(sql`${table.status} in ('fetching', 'reviewing', 'importing')`),
    index("xero_contact_imports_started_at_idx").on(table.startedAt),
  ],
);

export type XeroContactImport = typeof xeroContactImports.$inferSelect;

export const contactImportAction = pgEnum("contact_import_action", [
  "link",
  "create",
  "skip",
  "already_linked",
]);
export type ContactImportAction = (typeof contactImportAction.enumValues)[number];

export const contactImportOutcome = pgEnum("contact_import_outcome", [
  "pending",
  "created",
  "linked",
  "unchanged",
  "skipped",
  "failed",
]);
export type ContactImportOutcome = (typeof contactImportOutcome.enumValues)[number];

/**
 * One fetched Xero contact of an import run with its proposed action, editable by staff before the
 * import, and its outcome after. Unique per run and contact, so a re-fetched page updates its rows.
 */
export const xeroContactImportRows = pgTable(
  "xero_contact_import_rows",
  {
    id: uuid().primaryKey().defaultRandom(),
    importId: uuid()
      .notNull()
      .references(() => xeroContactImports.id, { onDelete: "cascade" }),
    /** Order in Xero's listing (page × page size + index), for stable paging of the review. */
    position: integer().notNull(),
    contactId: uuid().notNull(),
    name: text().notNull(),
    email: text(),
    contactNumber: text(),
    contactStatus: text().notNull(),
    isCustomer: boolean().notNull(),
    isSupplier: boolean().notNull(),
    values: jsonb().$type<ImportedPartyValues>().notNull(),
    action: contactImportAction().notNull().default("create"),
    side: partyKind().notNull().default("customer"),
    /** The Factory record a "link" or "already_linked" row points at. */
    targetId: uuid(),
    /** Why the action was proposed ("same contact code", "Xero marks it as a supplier"). */
    reason: text(),
    outcome: contactImportOutcome().notNull().default("pending"),
    error: text(),
  },
  (table) => [
    uniqueIndex("xero_contact_import_rows_contact_key").on(table.importId, table.contactId),
    index("xero_contact_import_rows_position_idx").on(table.importId, table.position),
    index("xero_contact_import_rows_outcome_idx").on(table.importId, table.outcome, table.position),
  ],
);

export type XeroContactImportRow = typeof xeroContactImportRows.$inferSelect;
