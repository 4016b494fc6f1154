import type { ContactRecord, OrgRecord } from "../state/types.ts";

/**
 * Indexes over an organisation's contacts: active names (Xero requires names to be unique
 * among active contacts) and the list sorted by name. Built lazily, kept current by saveContact,
 * so a 10,000-contact organisation does not pay a scan per write.
 */
const nameIndexes = new WeakMap<OrgRecord, Map<string, string>>();
const sortedLists = new WeakMap<OrgRecord, ContactRecord[]>();

/** Xero compares contact names without regard to case or surrounding spaces. */
export function normaliseName(name: string): string {
  return name.trim().toLowerCase();
}

function nameIndex(org: OrgRecord): Map<string, string> {
  let index = nameIndexes.get(org);
  if (!index) {
    index = new Map();
    for (const c of org.contacts.values())
      if (c.ContactStatus === "ACTIVE") index.set(normaliseName(c.Name), c.ContactID);
    nameIndexes.set(org, index);
  }
  return index;
}

export function findActiveByName(org: OrgRecord, name: string): ContactRecord | undefined {
  const id = nameIndex(org).get(normaliseName(name));
  return id ? org.contacts.get(id) : undefined;
}

export function saveContact(org: OrgRecord, record: ContactRecord): void {
  const index = nameIndex(org);
  const previous = org.contacts.get(record.ContactID);
  if (previous && index.get(normaliseName(previous.Name)) === previous.ContactID) {
    index.delete(normaliseName(previous.Name));
  }
  org.contacts.set(record.ContactID, record);
  if (record.ContactStatus === "ACTIVE") index.set(normaliseName(record.Name), record.ContactID);
  sortedLists.delete(org);
}

/** Xero's default contact order is by name. */
export function contactsByName(org: OrgRecord): ContactRecord[] {
  let list = sortedLists.get(org);
  if (!list) {
    const keyed = [...org.contacts.values()].map((c) => ({ c, key: c.Name.toLowerCase() }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.c.ContactID < b.c.ContactID ? -1 : 1));
    list = keyed.map((k) => k.c);
    sortedLists.set(org, list);
  }
  return list;
}

export function findByContactNumber(org: OrgRecord, number: string): ContactRecord | undefined {
  for (const c of org.contacts.values()) if (c.ContactNumber === number) return c;
  return undefined;
}
