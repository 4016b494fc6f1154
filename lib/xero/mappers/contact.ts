import { isDeepStrictEqual } from "node:util";
import type {
  Address,
  ContactDetailField,
  ContactDetailsSnapshot,
  ImportedPartyValues,
  Party,
  PartyKind,
  PaymentTermsType,
} from "@/lib/db/schema";
import { fitToXero } from "@/lib/xero/limits";

/**
 * Pure mappers between a Factory customer or supplier and a Xero contact. Factory is the source of
 * truth (docs/sync.md#how-factory-sends-to-xero-and-why): these decide what Factory sends and, for the import, what it takes in. They
 * speak {@link XeroContact}, the adapter's plain shape of a contact; `lib/xero/api` converts it to
 * and from xero-node's model.
 */

/** Xero's ContactStatus (xero_accounting.yaml `Contact.ContactStatus`). */
export type XeroContactStatus = "ACTIVE" | "ARCHIVED" | "GDPRREQUEST";
/** xero_accounting.yaml `Phone.PhoneType`. */
export type XeroPhoneType = "DEFAULT" | "DDI" | "MOBILE" | "FAX" | "OFFICE";
/** xero_accounting.yaml `Address.AddressType`. */
export type XeroAddressType = "POBOX" | "STREET";
/** xero_accounting.yaml `PaymentTermType`. */
export type XeroPaymentTermType =
  "DAYSAFTERBILLDATE" | "DAYSAFTERBILLMONTH" | "OFCURRENTMONTH" | "OFFOLLOWINGMONTH";

export interface XeroPhone {
  phoneType?: XeroPhoneType;
  phoneNumber?: string;
  phoneAreaCode?: string;
  phoneCountryCode?: string;
}

export interface XeroAddress {
  addressType?: XeroAddressType;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  addressLine4?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface XeroContactPerson {
  firstName?: string;
  lastName?: string;
  emailAddress?: string;
}

export interface XeroPaymentTerm {
  type?: XeroPaymentTermType;
  day?: number;
}

/**
 * The fields of a Xero contact Factory sends or reads (xero_accounting.yaml `Contact`), named as
 * xero-node names them. `defaultCurrency` is an ISO code; a code Xero doesn't know is not sent.
 */
export interface XeroContact {
  contactID?: string;
  contactNumber?: string;
  contactStatus?: XeroContactStatus;
  name?: string;
  emailAddress?: string;
  phones?: XeroPhone[];
  addresses?: XeroAddress[];
  contactPersons?: XeroContactPerson[];
  taxNumber?: string;
  defaultCurrency?: string;
  paymentTerms?: { sales?: XeroPaymentTerm; bills?: XeroPaymentTerm };
  /** Read-only in Xero. */
  isCustomer?: boolean;
  isSupplier?: boolean;
}

/** The fields of a Xero contact that matching, pickers and the link editor need. */
export interface ContactSummary {
  contactId: string;
  name: string;
  /** Xero's "Contact code": Factory writes its own code here (C-00001 / S-00001). */
  contactNumber: string | null;
  email: string | null;
  status: XeroContactStatus;
  /** Read-only in Xero and set by its invoices and bills: a hint about the side, never a decision. */
  isCustomer: boolean;
  isSupplier: boolean;
}

const TERMS_TO_XERO: Record<PaymentTermsType, XeroPaymentTermType> = {
  days_after_invoice_date: "DAYSAFTERBILLDATE",
  days_after_invoice_month: "DAYSAFTERBILLMONTH",
  day_of_current_month: "OFCURRENTMONTH",
  day_of_following_month: "OFFOLLOWINGMONTH",
};

const TERMS_FROM_XERO = new Map<string, PaymentTermsType>(
  Object.entries(TERMS_TO_XERO).map(([factory, xero]) => [xero, factory as PaymentTermsType]),
);

/** Xero keeps at most 5 contact persons on a contact (developer.xero.com/documentation/api/accounting/contacts). */
export const MAX_XERO_CONTACT_PERSONS = 5;

/** The fields of a party that are sent to Xero when they change ("keep contacts current", issue 6 §3). */
export function contactDetails(party: ContactDetailsSnapshot): ContactDetailsSnapshot {
  const { name, email, phone, mobile, billingAddress, deliveryAddress } = party;
  return { name, email, phone, mobile, billingAddress, deliveryAddress };
}

const DETAIL_FIELDS: readonly ContactDetailField[] = [
  "name",
  "email",
  "phone",
  "mobile",
  "billingAddress",
  "deliveryAddress",
];

/** Factory's phones and addresses, and the Xero type each one is (docs/xero/api-behaviour.md#contacts). */
const PHONE_TYPES = { phone: "DEFAULT", mobile: "MOBILE" } as const satisfies Partial<
  Record<ContactDetailField, XeroPhoneType>
>;
const ADDRESS_TYPES = { billingAddress: "POBOX", deliveryAddress: "STREET" } as const satisfies Partial<
  Record<ContactDetailField, XeroAddressType>
>;

type Detail = ContactDetailsSnapshot[ContactDetailField];

function holdsValue(value: Detail): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "string") return value.trim() !== "";
  const { line1, line2, city, region, postcode, country } = value;
  return [line1, line2, city, region, postcode, country].some((part) => part.trim() !== "");
}

/** `details`, known field by field to be what Xero holds: Factory created the contact from them, or took them from it. */
export function knownContactDetails(details: ContactDetailsSnapshot): ContactDetailsSnapshot {
  return contactDetailsUpdate(null, details).snapshot;
}

export interface ContactDetailsUpdate {
  /** What to send to the contact (`POST /Contacts/{id}`); null when nothing needs sending. */
  payload: XeroContact | null;
  /** What Xero holds of the record's details once it has taken the payload. */
  snapshot: ContactDetailsSnapshot;
}

/**
 * The update that brings a contact to `now`, given what Xero holds as far as Factory knows
 * (`before`; null when Factory has no record of it). Factory owns what it holds
 * (docs/sync.md#contacts):
 * - only the fields that changed are sent, and only the phone and address types Factory has (a
 *   phone sent replaces that type's number; Xero keeps every type left out);
 * - a value Factory holds is sent; an empty one is sent as a clear only when Xero holds a value
 *   Factory knows (it sent it, or took it from Xero), never to blank what Factory has not seen.
 */
export function contactDetailsUpdate(
  before: ContactDetailsSnapshot | null,
  now: ContactDetailsSnapshot,
  notes?: string[],
): ContactDetailsUpdate {
  const known = new Set(before?.knownInXero ?? []);
  const sent: ContactDetailField[] = [];
  for (const field of DETAIL_FIELDS) {
    const value = now[field];
    if (before && isDeepStrictEqual(before[field] ?? null, value ?? null)) continue;
    if (holdsValue(value)) {
      sent.push(field);
      known.add(field);
    } else if (field !== "name" && before && known.has(field) && holdsValue(before[field])) {
      sent.push(field);
    } else {
      known.delete(field);
    }
  }
  const snapshot = { ...contactDetails(now), knownInXero: DETAIL_FIELDS.filter((f) => known.has(f)) };
  return { payload: sent.length > 0 ? detailsPayload(now, sent, notes) : null, snapshot };
}

/**
 * The named fields as Xero takes them; an empty Factory value goes as Xero's clear (empty strings).
 * Each value is within Xero's limit (lib/xero/limits.ts): the party form refuses longer ones, so only
 * a record saved before it did is cut, with a note added to `notes`.
 */
function detailsPayload(
  party: ContactDetailsSnapshot,
  fields: ContactDetailField[],
  notes?: string[],
): XeroContact {
  const payload: XeroContact = {};
  for (const field of fields) {
    if (field === "name") payload.name = fitToXero(party.name, "Contact.Name", notes);
    else if (field === "email")
      payload.emailAddress = fitToXero(party.email ?? "", "Contact.EmailAddress", notes);
    else if (field === "phone" || field === "mobile")
      (payload.phones ??= []).push(toXeroPhone(PHONE_TYPES[field], party[field], notes));
    else (payload.addresses ??= []).push(toXeroAddress(ADDRESS_TYPES[field], party[field], notes));
  }
  return payload;
}

/**
 * A new Xero contact for a Factory record: every field Factory holds, with the Factory code as
 * ContactNumber ("intended for external-system ids", docs/xero/api-behaviour.md#contacts) so the two can always be
 * matched again. IsCustomer/IsSupplier are read-only in Xero and are not sent.
 */
export function newContactPayload(kind: PartyKind, party: Party, notes?: string[]): XeroContact {
  const contact: XeroContact = {
    ...contactDetailsUpdate(null, contactDetails(party), notes).payload,
    contactNumber: fitToXero(party.code, "Contact.ContactNumber", notes),
    contactPersons: party.contactPeople.slice(0, MAX_XERO_CONTACT_PERSONS).map((person) => {
      const [firstName = "", ...rest] = person.name.trim().split(/\s+/);
      return {
        firstName: fitToXero(firstName, "ContactPerson.FirstName", notes),
        lastName: fitToXero(rest.join(" "), "ContactPerson.LastName", notes),
        emailAddress: person.email ? fitToXero(person.email, "ContactPerson.EmailAddress", notes) : undefined,
      };
    }),
  };
  if (party.taxNumber) contact.taxNumber = fitToXero(party.taxNumber, "Contact.TaxNumber", notes);
  const currency = party.currency.trim();
  if (currency) contact.defaultCurrency = currency;
  if (party.paymentTermsType && party.paymentTermsDay !== null) {
    const terms = { type: TERMS_TO_XERO[party.paymentTermsType], day: party.paymentTermsDay };
    contact.paymentTerms = kind === "customer" ? { sales: terms } : { bills: terms };
  }
  return contact;
}

/**
 * Factory keeps a phone as one string (an imported one joins Xero's country code, area code and
 * number), so a phone sent is the whole number: Xero's area and country codes are emptied with it.
 */
function toXeroPhone(type: XeroPhoneType, number: string | null, notes?: string[]): XeroPhone {
  return {
    phoneType: type,
    phoneNumber: fitToXero(number ?? "", "Phone.PhoneNumber", notes),
    phoneAreaCode: "",
    phoneCountryCode: "",
  };
}

/**
 * An address sent is the whole address of its type: Factory's second line holds Xero's lines 2 to 4
 * (see `fromXeroAddress`), so lines 3 and 4 are emptied with it. `AttentionTo`, which Factory does
 * not keep, is left as Xero holds it.
 */
function toXeroAddress(type: XeroAddressType, address: Address | null, notes?: string[]): XeroAddress {
  return {
    addressType: type,
    addressLine1: fitToXero(address?.line1 ?? "", "Address.AddressLine1", notes),
    addressLine2: fitToXero(address?.line2 ?? "", "Address.AddressLine2", notes),
    addressLine3: "",
    addressLine4: "",
    city: fitToXero(address?.city ?? "", "Address.City", notes),
    region: fitToXero(address?.region ?? "", "Address.Region", notes),
    postalCode: fitToXero(address?.postcode ?? "", "Address.PostalCode", notes),
    country: fitToXero(address?.country ?? "", "Address.Country", notes),
  };
}

/**
 * What Xero gets shortened of this party's contact details (a record saved before the form knew
 * Xero's limits), as notes for its page, e.g. "Country shortened to Xero's 50 characters".
 */
export function contactShortenings(kind: PartyKind, party: Party): string[] {
  const notes: string[] = [];
  newContactPayload(kind, party, notes);
  return notes;
}

/** The summary the link editor, pickers and matching use, from a contact as Xero returns it. */
export function toContactSummary(contact: XeroContact): ContactSummary {
  return {
    contactId: contact.contactID ?? "",
    name: contact.name ?? "",
    contactNumber: contact.contactNumber || null,
    email: contact.emailAddress || null,
    status: contact.contactStatus ?? "ACTIVE",
    isCustomer: contact.isCustomer ?? false,
    isSupplier: contact.isSupplier ?? false,
  };
}

export function importedPartyValues(contact: XeroContact): ImportedPartyValues {
  const phone = (type: XeroPhoneType) => {
    const found = contact.phones?.find((p) => p.phoneType === type && p.phoneNumber);
    if (!found) return null;
    return [found.phoneCountryCode, found.phoneAreaCode, found.phoneNumber].filter(Boolean).join(" ");
  };
  const address = (type: XeroAddressType) =>
    fromXeroAddress(contact.addresses?.find((a) => a.addressType === type));
  const terms = (bill: XeroPaymentTerm | undefined) => {
    const type = bill?.type === undefined ? undefined : TERMS_FROM_XERO.get(bill.type);
    return type && typeof bill?.day === "number" ? { type, day: bill.day } : null;
  };
  const currency = contact.defaultCurrency ?? "";
  return {
    name: (contact.name ?? "").trim(),
    email: contact.emailAddress?.trim() || null,
    phone: phone("DEFAULT"),
    mobile: phone("MOBILE"),
    billingAddress: address("POBOX"),
    deliveryAddress: address("STREET"),
    contactPeople: (contact.contactPersons ?? [])
      .map((person) => ({
        name: [person.firstName, person.lastName].filter(Boolean).join(" ").trim(),
        email: person.emailAddress ?? "",
        phone: "",
        role: "",
      }))
      .filter((person) => person.name),
    taxNumber: contact.taxNumber?.trim() || null,
    currency: /^[A-Z]{3}$/.test(currency) ? currency : null,
    salesTerms: terms(contact.paymentTerms?.sales),
    billTerms: terms(contact.paymentTerms?.bills),
  };
}

function fromXeroAddress(address: XeroAddress | undefined): Address | null {
  if (!address) return null;
  const value: Address = {
    line1: address.addressLine1 ?? "",
    line2: [address.addressLine2, address.addressLine3, address.addressLine4].filter(Boolean).join(", "),
    city: address.city ?? "",
    region: address.region ?? "",
    postcode: address.postalCode ?? "",
    country: address.country ?? "",
  };
  const parts: string[] = [value.line1, value.line2, value.city, value.region, value.postcode, value.country];
  return parts.some((part) => part.trim()) ? value : null;
}
