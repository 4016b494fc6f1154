import { json } from "../http/types.ts";
import { newId } from "../state/ids.ts";
import type { ContactRecord, OrgRecord } from "../state/types.ts";
import { batchResponse, type ElementOutcome } from "./batch.ts";
import { contactsByName, findActiveByName, findByContactNumber, saveContact } from "./contact-store.ts";
import { notFound } from "./errors.ts";
import {
  announceWrites,
  bodyElements,
  filterList,
  isResponse,
  type OperationContext,
  type OperationSpec,
} from "./operation.ts";
import { envelope, msDate, paginate, pick } from "./wire.ts";

/** Fields Xero computes or owns; a client cannot set them (spec marks most `readOnly`, IsCustomer/IsSupplier per xero-sim/openapi/xero_accounting.yaml:21263). */
const READ_ONLY = new Set([
  "ContactID",
  "IsCustomer",
  "IsSupplier",
  "UpdatedDateUTC",
  "HasAttachments",
  "HasValidationErrors",
  "ValidationErrors",
  "StatusAttributeString",
  "Balances",
  "Website",
  "Discount",
  "MergedToContactID",
  "Attachments",
]);

/** What `summaryOnly=true` keeps: the lightweight fields (spec `summaryOnly`). */
const SUMMARY_FIELDS = [
  "ContactID",
  "ContactNumber",
  "AccountNumber",
  "ContactStatus",
  "Name",
  "FirstName",
  "LastName",
  "EmailAddress",
  "TaxNumber",
  "IsSupplier",
  "IsCustomer",
  "DefaultCurrency",
  "UpdatedDateUTC",
  "HasAttachments",
] as const;

/**
 * A contact as Xero answers it. `withMerged`: MergedToContactID is returned "only when using paging
 * or when fetching a contact by ContactId or ContactNumber" (xero-sim/openapi/xero_accounting.yaml,
 * Contact.MergedToContactID), so any other answer leaves it out.
 */
export function contactToWire(
  record: ContactRecord,
  summaryOnly = false,
  withMerged = false,
): Record<string, unknown> {
  const base = summaryOnly ? pick(record, SUMMARY_FIELDS) : { ...record };
  base.UpdatedDateUTC = msDate(record.UpdatedDateUTC);
  if (withMerged && typeof record.MergedToContactID === "string")
    base.MergedToContactID = record.MergedToContactID;
  else delete base.MergedToContactID;
  return base;
}

/** The message Xero gives for a duplicate active name. */
function duplicateNameMessage(name: string): string {
  return `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`;
}

function writable(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input))
    if (!READ_ONLY.has(key) && value !== undefined) out[key] = value;
  return out;
}

type Element = Record<string, unknown>;

const elements = (value: unknown): Element[] =>
  Array.isArray(value)
    ? value.filter((e): e is Element => typeof e === "object" && e !== null && !Array.isArray(e))
    : [];

/**
 * Phones and addresses are kept one per type (`PhoneType`, `AddressType`), and an update changes
 * only what it names: a type left out keeps what Xero holds, and within a type sent, a field left
 * out keeps its value while an empty string clears it. Xero's contacts page: "If you exclude an
 * element then the existing value of that field will be preserved … the existing phone numbers will
 * be preserved as they were not specified" (developer.xero.com/documentation/api/accounting/contacts,
 * quoted in calcinai/xero-php#171); clearing one phone takes its type with empty fields
 * (calcinai/xero-php#736). docs/xero/api-behaviour.md#contacts.
 */
function mergeByType(held: unknown, sent: unknown, typeField: "PhoneType" | "AddressType"): Element[] {
  const merged = elements(held).map((element) => ({ ...element }));
  for (const element of elements(sent)) {
    const type = element[typeField];
    const same = merged.find((kept) => kept[typeField] === type);
    const fields = Object.fromEntries(Object.entries(element).filter(([, value]) => value !== undefined));
    if (same) Object.assign(same, fields);
    else merged.push(fields);
  }
  return merged;
}

/** What a write leaves on the contact: the fields it names over the ones it doesn't. */
function applyWrite(existing: ContactRecord | undefined, input: Record<string, unknown>) {
  const fields = writable(input);
  if (existing && "Phones" in fields)
    fields.Phones = mergeByType(existing.Phones, fields.Phones, "PhoneType");
  if (existing && "Addresses" in fields)
    fields.Addresses = mergeByType(existing.Addresses, fields.Addresses, "AddressType");
  return { ...(existing ?? {}), ...fields } as Partial<ContactRecord>;
}

/** Creates or updates one contact; validates fully before touching state. */
function upsertContact(
  org: OrgRecord,
  input: Record<string, unknown>,
  existing: ContactRecord | undefined,
): ElementOutcome {
  const merged = applyWrite(existing, input);
  const name = typeof merged.Name === "string" ? merged.Name : "";
  if (!name.trim()) return { ok: false, errors: ["The contact name must be specified."] };
  const status = merged.ContactStatus ?? "ACTIVE";
  if (status === "ACTIVE") {
    const clash = findActiveByName(org, name);
    if (clash && clash.ContactID !== existing?.ContactID)
      return { ok: false, errors: [duplicateNameMessage(name)] };
  }
  const record: ContactRecord = {
    Addresses: [],
    Phones: [],
    ContactGroups: [],
    ContactPersons: [],
    HasAttachments: false,
    HasValidationErrors: false,
    ...merged,
    ContactID: existing?.ContactID ?? newId(),
    Name: name,
    ContactStatus: status,
    IsCustomer: existing?.IsCustomer ?? false,
    IsSupplier: existing?.IsSupplier ?? false,
    UpdatedDateUTC: Date.now(),
  };
  saveContact(org, record);
  return { ok: true, wire: contactToWire(record) };
}

/** POST resolves an existing contact by ContactID, then by ContactNumber (developer.xero.com/documentation/api/contacts). */
function findForUpdate(
  org: OrgRecord,
  input: Record<string, unknown>,
): ContactRecord | undefined | "missing" {
  if (typeof input.ContactID === "string")
    return org.contacts.get(input.ContactID.toLowerCase()) ?? "missing";
  if (typeof input.ContactNumber === "string" && input.ContactNumber)
    return findByContactNumber(org, input.ContactNumber);
  return undefined;
}

function write(c: OperationContext, mode: "create" | "upsert", forcedId?: string) {
  const inputs = bodyElements(c, "Contacts");
  const created: boolean[] = [];
  const outcomes = inputs.map((input, i): ElementOutcome => {
    const tooLong = c.lengthErrors("Contact", input);
    if (tooLong.length) return { ok: false, errors: tooLong };
    if (forcedId) {
      const existing = c.org.contacts.get(forcedId);
      return existing ? upsertContact(c.org, input, existing) : { ok: false, errors: ["Contact not found"] };
    }
    if (mode === "create") {
      if (typeof input.ContactID === "string" && c.org.contacts.has(input.ContactID.toLowerCase())) {
        return {
          ok: false,
          errors: ["A contact with this ContactID already exists. Use POST to update it."],
        };
      }
      created[i] = true;
      return upsertContact(c.org, input, undefined);
    }
    const existing = findForUpdate(c.org, input);
    if (existing === "missing") return { ok: false, errors: ["Contact not found"] };
    created[i] = existing === undefined;
    return upsertContact(c.org, input, existing);
  });
  announceWrites(c, "CONTACT", "ContactID", outcomes, created);
  return batchResponse("Contacts", inputs, outcomes, c.summarizeErrors, "HasValidationErrors");
}

function list(c: OperationContext) {
  const q = c.op.query;
  let records = contactsByName(c.org);
  const ids = Array.isArray(q.IDs) ? new Set((q.IDs as string[]).map((id) => id.toLowerCase())) : undefined;
  if (ids) records = records.filter((r) => ids.has(r.ContactID));
  const where = typeof q.where === "string" ? q.where : "";
  // Archived contacts are hidden unless asked for, or named by ID or by a ContactStatus filter.
  if (q.includeArchived !== true && !ids && !where.includes("ContactStatus")) {
    records = records.filter((r) => r.ContactStatus !== "ARCHIVED");
  }
  if (typeof q.searchTerm === "string" && q.searchTerm) {
    const term = q.searchTerm.toLowerCase();
    const fields = ["Name", "FirstName", "LastName", "ContactNumber", "EmailAddress"] as const;
    records = records.filter((r) =>
      fields.some((f) => typeof r[f] === "string" && r[f].toLowerCase().includes(term)),
    );
  }
  const filtered = filterList(c, records);
  if (isResponse(filtered)) return filtered;
  const page = paginate(filtered, q.page, q.pageSize);
  const summaryOnly = q.summaryOnly === true;
  const paged = typeof q.page === "number";
  return json(
    200,
    envelope(
      "Contacts",
      page.items.map((r) => contactToWire(r, summaryOnly, paged)),
      page.pagination ? { pagination: page.pagination } : {},
    ),
  );
}

function getOne(c: OperationContext) {
  const { ContactID, ContactNumber } = c.op.pathParams;
  const record = ContactID
    ? c.org.contacts.get(ContactID.toLowerCase())
    : ContactNumber
      ? findByContactNumber(c.org, ContactNumber)
      : undefined;
  if (!record) return notFound(`Contact ${ContactID ?? ContactNumber ?? ""} was not found`);
  return json(200, envelope("Contacts", [contactToWire(record, false, true)]));
}

export const contactOperations: Record<string, OperationSpec> = {
  getContacts: { scope: "accounting.contacts", write: false, handle: list },
  getContact: { scope: "accounting.contacts", write: false, handle: getOne },
  getContactByContactNumber: { scope: "accounting.contacts", write: false, handle: getOne },
  createContacts: { scope: "accounting.contacts", write: true, handle: (c) => write(c, "create") },
  updateOrCreateContacts: { scope: "accounting.contacts", write: true, handle: (c) => write(c, "upsert") },
  updateContact: {
    scope: "accounting.contacts",
    write: true,
    handle: (c) => {
      const id = (c.op.pathParams.ContactID ?? "").toLowerCase();
      if (!c.org.contacts.has(id)) return notFound(`Contact ${id} was not found`);
      return write(c, "upsert", id);
    },
  },
};
