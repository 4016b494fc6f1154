import type { Contact } from "xero-node";
import type { XeroContactStatus } from "@/lib/xero/mappers/contact";
import { READ_BACK_BATCH, READ_BACK_IDS } from "./read-back";
import type { XeroApi } from "./session";

/**
 * Reading back what became of the contacts Factory links (docs/sync.md#read-back): archived,
 * restored, merged into another contact, renamed in Xero. Contacts are read whole, paged (`page=1`),
 * archived ones included: Xero returns `MergedToContactID` "only when using paging or when fetching
 * a contact by ContactId or ContactNumber" (xero_accounting.yaml, Contact.MergedToContactID), and a
 * merged contact is an archived one.
 */

/** Xero's copy of one contact, as read back. */
export interface XeroContactCopy {
  id: string;
  name: string;
  contactNumber: string | null;
  email: string | null;
  status: XeroContactStatus;
  /** The contact this one was merged into in Xero (it is archived then), or null. */
  mergedToContactId: string | null;
  isCustomer: boolean;
  isSupplier: boolean;
  /** Xero's UpdatedDateUTC: the order of copies of one contact. */
  updatedAt: Date;
}

/**
 * The most ContactIDs one read names: the same gateway limit as invoices ({@link READ_BACK_IDS}),
 * with this read's other parameters (page, includeArchived, summaryOnly) no longer than theirs.
 */
export const READ_BACK_CONTACT_IDS = READ_BACK_IDS;

const STATUSES: ReadonlySet<string> = new Set(["ACTIVE", "ARCHIVED", "GDPRREQUEST"]);

function instantOf(value: unknown): Date {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : null;
  return !date || Number.isNaN(date.getTime()) ? new Date(0) : date;
}

export function contactCopy(contact: Contact): XeroContactCopy {
  const status = contact.contactStatus === undefined ? "ACTIVE" : String(contact.contactStatus);
  return {
    id: (contact.contactID ?? "").toLowerCase(),
    name: contact.name ?? "",
    contactNumber: contact.contactNumber || null,
    email: contact.emailAddress || null,
    status: (STATUSES.has(status) ? status : "ACTIVE") as XeroContactStatus,
    mergedToContactId: contact.mergedToContactID?.toLowerCase() || null,
    isCustomer: contact.isCustomer ?? false,
    isSupplier: contact.isSupplier ?? false,
    updatedAt: instantOf(contact.updatedDateUTC),
  };
}

/** Contacts by ContactID, archived ones included, one call for up to {@link READ_BACK_CONTACT_IDS}. */
export async function readContactsByIds(
  { accounting, tenantId }: XeroApi,
  ids: readonly string[],
): Promise<XeroContactCopy[]> {
  if (ids.length === 0) return [];
  if (ids.length > READ_BACK_CONTACT_IDS) throw new Error(`At most ${READ_BACK_CONTACT_IDS} ids a read`);
  const { body } = await accounting.getContacts(
    tenantId,
    undefined,
    undefined,
    undefined,
    [...ids],
    1,
    true,
    false,
  );
  return (body.contacts ?? []).map(contactCopy);
}

/**
 * One page of the contacts Xero changed since `since` (`If-Modified-Since`), archived ones included
 * (an archive is a change), oldest change first. `more`: this page was full.
 */
export async function readContactsChangedSince(
  { accounting, tenantId }: XeroApi,
  since: Date,
  page: number,
): Promise<{ copies: XeroContactCopy[]; more: boolean }> {
  const { body } = await accounting.getContacts(
    tenantId,
    since,
    undefined,
    "UpdatedDateUTC ASC",
    undefined,
    page,
    true,
    false,
    undefined,
    READ_BACK_BATCH,
  );
  const contacts = body.contacts ?? [];
  return { copies: contacts.map(contactCopy), more: contacts.length >= READ_BACK_BATCH };
}
