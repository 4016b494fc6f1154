import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Executor } from "../client";
import {
  products,
  xeroContactCache,
  xeroContactDetails,
  xeroContactIssues,
  xeroItemCache,
  xeroSettings,
  xeroTaxMappings,
  type ContactDetailsSnapshot,
  type PartyKind,
  type XeroContactCacheRow,
  type XeroContactIssue,
  type XeroContactIssueKind,
  type XeroItemCacheRow,
  type XeroItemUpdate,
} from "../schema";
import { partyTable } from "./parties";
import { getXeroSettings } from "./xero-settings";

/** The contact settings (issue 6 §2, §3), with the schema's defaults before an admin saves any. */
export async function contactSettings(
  db: Executor,
): Promise<{ createForNewCustomers: boolean; createForNewSuppliers: boolean; keepContactsUpdated: boolean }> {
  const settings = await getXeroSettings(db);
  return {
    createForNewCustomers: settings.createContactForNewCustomers,
    createForNewSuppliers: settings.createContactForNewSuppliers,
    keepContactsUpdated: settings.keepContactsUpdated,
  };
}

/** The display fields of a Xero contact, as the contact cache keeps them. */
export type CachedContact = Omit<
  XeroContactCacheRow,
  "fetchedAt" | "mergedToContactId" | "xeroUpdatedAt" | "readBackAt"
>;

/** Stores what Factory last saw of these contacts (one statement, however many). */
export async function cacheContacts(db: Executor, contacts: CachedContact[]): Promise<void> {
  if (contacts.length === 0) return;
  await db
    .insert(xeroContactCache)
    .values(contacts.map((contact) => ({ ...contact, fetchedAt: new Date() })))
    .onConflictDoUpdate({
      target: xeroContactCache.contactId,
      set: {
        name: sql`excluded.name`,
        contactNumber: sql`excluded.contact_number`,
        email: sql`excluded.email`,
        status: sql`excluded.status`,
        isCustomer: sql`excluded.is_customer`,
        isSupplier: sql`excluded.is_supplier`,
        fetchedAt: sql`excluded.fetched_at`,
      },
    });
}

export async function findCachedContact(
  db: Executor,
  contactId: string,
): Promise<XeroContactCacheRow | undefined> {
  const [row] = await db.select().from(xeroContactCache).where(eq(xeroContactCache.contactId, contactId));
  return row;
}

/** The linked contact's name per record, for list pages (one query per page of records). */
export async function cachedContactNames(db: Executor, contactIds: string[]): Promise<Map<string, string>> {
  if (contactIds.length === 0) return new Map();
  const rows = await db
    .select({ contactId: xeroContactCache.contactId, name: xeroContactCache.name })
    .from(xeroContactCache)
    .where(inArray(xeroContactCache.contactId, contactIds));
  return new Map(rows.map((row) => [row.contactId, row.name]));
}

/**
 * Points a customer or supplier at a Xero contact (or at none). The edit form's `version` is left
 * alone on purpose: a link changed while someone edits the record's details must not make their
 * save fail as stale, since the form never carries the link. A `currency` taken from the contact
 * does bump it: the form carries the currency, and saving it would silently put the old one back.
 */
export async function setPartyContactLink(
  tx: Executor,
  kind: PartyKind,
  partyId: string,
  contactId: string | null,
  options: { currency?: string } = {},
): Promise<boolean> {
  const table = partyTable(kind);
  const updated = await tx
    .update(table)
    .set(
      options.currency
        ? {
            xeroContactId: contactId,
            currency: options.currency,
            version: sql`${table.version} + 1`,
            updatedAt: new Date(),
          }
        : { xeroContactId: contactId },
    )
    .where(eq(table.id, partyId))
    .returning({ id: table.id });
  return updated.length > 0;
}

/** Another record of the same kind already linked to `contactId`, if any (one contact per side). */
export async function findPartyLinkedTo(
  db: Executor,
  kind: PartyKind,
  contactId: string,
  exceptPartyId?: string,
): Promise<{ id: string; code: string; name: string } | undefined> {
  const table = partyTable(kind);
  const [row] = await db
    .select({ id: table.id, code: table.code, name: table.name })
    .from(table)
    .where(and(eq(table.xeroContactId, contactId), exceptPartyId ? ne(table.id, exceptPartyId) : undefined))
    .limit(1);
  return row;
}

/** What Xero's contact holds of the record's details as far as Factory knows (see the schema). */
export async function findSentDetails(
  db: Executor,
  kind: PartyKind,
  partyId: string,
): Promise<{ contactId: string; details: ContactDetailsSnapshot } | undefined> {
  const [row] = await db
    .select({ contactId: xeroContactDetails.contactId, details: xeroContactDetails.details })
    .from(xeroContactDetails)
    .where(and(eq(xeroContactDetails.partyKind, kind), eq(xeroContactDetails.partyId, partyId)));
  return row;
}

/** Records what Xero's contact now holds of these records' details (after a link, a create, a send). */
export async function saveSentDetails(
  db: Executor,
  rows: { kind: PartyKind; partyId: string; contactId: string; details: ContactDetailsSnapshot }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(xeroContactDetails)
    .values(
      rows.map((row) => ({
        partyKind: row.kind,
        partyId: row.partyId,
        contactId: row.contactId,
        details: row.details,
      })),
    )
    .onConflictDoUpdate({
      target: [xeroContactDetails.partyKind, xeroContactDetails.partyId],
      set: { contactId: sql`excluded.contact_id`, details: sql`excluded.details`, at: new Date() },
    });
}

export async function findContactIssue(
  db: Executor,
  kind: PartyKind,
  partyId: string,
): Promise<XeroContactIssue | undefined> {
  const [row] = await db
    .select()
    .from(xeroContactIssues)
    .where(and(eq(xeroContactIssues.partyKind, kind), eq(xeroContactIssues.partyId, partyId)));
  return row;
}

/** Records (or replaces) the open Xero problem of a record. */
export async function setContactIssue(
  db: Executor,
  input: { kind: PartyKind; partyId: string; issue: XeroContactIssueKind; message: string },
): Promise<void> {
  const values = { partyKind: input.kind, partyId: input.partyId, kind: input.issue, message: input.message };
  await db
    .insert(xeroContactIssues)
    .values(values)
    .onConflictDoUpdate({
      target: [xeroContactIssues.partyKind, xeroContactIssues.partyId],
      set: { kind: values.kind, message: values.message, at: new Date() },
    });
}

export async function clearContactIssue(db: Executor, kind: PartyKind, partyId: string): Promise<void> {
  await db
    .delete(xeroContactIssues)
    .where(and(eq(xeroContactIssues.partyKind, kind), eq(xeroContactIssues.partyId, partyId)));
}

/** Records whose contact could not be created because Xero was unreachable, oldest first. */
export async function listPendingContactCreates(
  db: Executor,
  limit = 100,
): Promise<{ kind: PartyKind; partyId: string }[]> {
  const rows = await db
    .select({ kind: xeroContactIssues.partyKind, partyId: xeroContactIssues.partyId })
    .from(xeroContactIssues)
    .where(eq(xeroContactIssues.kind, "create_pending"))
    .orderBy(asc(xeroContactIssues.at))
    .limit(limit);
  return rows;
}

/** The issue of each listed record, for list pages. */
export async function contactIssuesFor(
  db: Executor,
  kind: PartyKind,
  partyIds: string[],
): Promise<Map<string, XeroContactIssue>> {
  if (partyIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(xeroContactIssues)
    .where(and(eq(xeroContactIssues.partyKind, kind), inArray(xeroContactIssues.partyId, partyIds)));
  return new Map(rows.map((row) => [row.partyId, row]));
}

export type CachedItem = Pick<XeroItemCacheRow, "itemId" | "code" | "name"> &
  Partial<Pick<XeroItemCacheRow, "salesAccountCode" | "purchaseAccountCode">>;

export async function cacheItems(db: Executor, items: CachedItem[]): Promise<void> {
  if (items.length === 0) return;
  await db
    .insert(xeroItemCache)
    .values(
      items.map((item) => ({
        itemId: item.itemId,
        code: item.code,
        name: item.name,
        salesAccountCode: item.salesAccountCode ?? null,
        purchaseAccountCode: item.purchaseAccountCode ?? null,
        fetchedAt: new Date(),
      })),
    )
    .onConflictDoUpdate({
      target: xeroItemCache.itemId,
      set: {
        code: sql`excluded.code`,
        name: sql`excluded.name`,
        salesAccountCode: sql`excluded.sales_account_code`,
        purchaseAccountCode: sql`excluded.purchase_account_code`,
        fetchedAt: sql`excluded.fetched_at`,
      },
    });
}

export async function cachedItems(db: Executor, itemIds: string[]): Promise<Map<string, XeroItemCacheRow>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db.select().from(xeroItemCache).where(inArray(xeroItemCache.itemId, itemIds));
  return new Map(rows.map((row) => [row.itemId, row]));
}

/**
 * Links products to a Xero item (or to none). As with parties, the edit form's version is kept:
 * the link is not a field of the product form.
 */
export async function setProductItemLinks(
  tx: Executor,
  productIds: string[],
  itemId: string | null,
  options: { fromFactory?: boolean } = {},
): Promise<number> {
  if (productIds.length === 0) return 0;
  const updated = await tx
    .update(products)
    // A new link forgets the old one's origin and last update; `fromFactory` marks an item made here.
    .set({ xeroItemId: itemId, xeroItemFromFactory: options.fromFactory ?? false, xeroItemUpdate: null })
    .where(inArray(products.id, productIds))
    .returning({ id: products.id });
  return updated.length;
}

/** Products that share the item, so the editor can say "also used by …" (many products → one item). */
export async function productsLinkedTo(
  db: Executor,
  itemId: string,
): Promise<{ id: string; sku: string; name: string }[]> {
  return db
    .select({ id: products.id, sku: products.sku, name: products.name })
    .from(products)
    .where(eq(products.xeroItemId, itemId))
    .orderBy(asc(products.sku))
    .limit(50);
}

/** Every product's SKU and link, for matching SKUs to item codes (a few thousand rows at most). */
export function productSkus(
  db: Executor,
): Promise<{ id: string; sku: string; name: string; xeroItemId: string | null }[]> {
  return db
    .select({ id: products.id, sku: products.sku, name: products.name, xeroItemId: products.xeroItemId })
    .from(products)
    .orderBy(asc(products.sku));
}

/** The accounts and tax types a new Xero item gets: the default accounts and the product's tax mapping. */
export async function itemDefaults(
  db: Executor,
  taxRateId: string,
): Promise<{
  salesAccountCode: string | null;
  purchaseAccountCode: string | null;
  salesTaxType: string | null;
  purchaseTaxType: string | null;
}> {
  const [settings] = await db
    .select({
      salesAccountCode: xeroSettings.salesAccountCode,
      purchaseAccountCode: xeroSettings.purchaseAccountCode,
    })
    .from(xeroSettings)
    .where(eq(xeroSettings.id, 1));
  const [mapping] = await db
    .select({ salesTaxType: xeroTaxMappings.salesTaxType, purchaseTaxType: xeroTaxMappings.purchaseTaxType })
    .from(xeroTaxMappings)
    .where(eq(xeroTaxMappings.taxRateId, taxRateId));
  return {
    salesAccountCode: settings?.salesAccountCode ?? null,
    purchaseAccountCode: settings?.purchaseAccountCode ?? null,
    salesTaxType: mapping?.salesTaxType ?? null,
    purchaseTaxType: mapping?.purchaseTaxType ?? null,
  };
}

/** Records how sending a product's edit to its Xero item went (lib/linking/item-updates.ts). */
export async function setProductItemUpdate(
  db: Executor,
  productId: string,
  update: XeroItemUpdate,
): Promise<void> {
  await db.update(products).set({ xeroItemUpdate: update }).where(eq(products.id, productId));
}
