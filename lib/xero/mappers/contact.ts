import { isDeepStrictEqual } from "node:util";
import type {
  Address,
  ContactDetailsSnapshot,
  ImportedPartyValues,
  Party,
  PartyKind,
  PaymentTermsType,
} from "@/lib/db/schema";

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

type DetailGroup = "name" | "email" | "phones" | "addresses";

const GROUPS: Record<DetailGroup, (keyof ContactDetailsSnapshot)[]> = {
  name: ["name"],
  email: ["email"],
  phones: ["phone", "mobile"],
  addresses: ["billingAddress", "deliveryAddress"],
};

/**
 * The part of a contact update that carries what changed since `before`: only the changed groups
 * are sent, so an edit never overwrites what Xero holds of fields Factory didn't change. Null when
 * nothing Xero keeps has changed; everything when `before` is unknown.
 */
export function changedDetailsPayload(
  before: ContactDetailsSnapshot | null,
  now: ContactDetailsSnapshot,
): XeroContact | null {
  const full = contactDetailsPayload(now);
  const changed = (Object.keys(GROUPS) as DetailGroup[]).filter(
    (group) =>
      before === null ||
      GROUPS[group].some((field) => !isDeepStrictEqual(before[field] ?? null, now[field] ?? null)),
  );
  if (changed.length === 0) return null;
  const payload: XeroContact = {};
  if (changed.includes("name")) payload.name = full.name;
  if (changed.includes("email")) payload.emailAddress = full.emailAddress;
  if (changed.includes("phones")) payload.phones = full.phones;
  if (changed.includes("addresses")) payload.addresses = full.addresses;
  return payload;
}

/** Name, email, phones and addresses as Xero takes them. */
function contactDetailsPayload(party: ContactDetailsSnapshot): XeroContact {
  const phones: XeroPhone[] = [
    { phoneType: "DEFAULT", phoneNumber: party.phone ?? "" },
    { phoneType: "MOBILE", phoneNumber: party.mobile ?? "" },
  ];
  const addresses: XeroAddress[] = [
    toXeroAddress("POBOX", party.billingAddress),
    toXeroAddress("STREET", party.deliveryAddress),
  ];
  return { name: party.name, emailAddress: party.email ?? "", phones, addresses };
}

/**
 * A new Xero contact for a Factory record: every field Factory holds, with the Factory code as
 * ContactNumber ("intended for external-system ids", docs/xero/api-behaviour.md#contacts) so the two can always be
 * matched again. IsCustomer/IsSupplier are read-only in Xero and are not sent.
 */
export function newContactPayload(kind: PartyKind, party: Party): XeroContact {
  const contact: XeroContact = {
    ...contactDetailsPayload(party),
    contactNumber: party.code,
    contactPersons: party.contactPeople.slice(0, MAX_XERO_CONTACT_PERSONS).map((person) => {
      const [firstName = "", ...rest] = person.name.trim().split(/\s+/);
      return { firstName, lastName: rest.join(" "), emailAddress: person.email || undefined };
    }),
  };
  if (party.taxNumber) contact.taxNumber = party.taxNumber;
  const currency = party.currency.trim();
  if (currency) contact.defaultCurrency = currency;
  if (party.paymentTermsType && party.paymentTermsDay !== null) {
    const terms = { type: TERMS_TO_XERO[party.paymentTermsType], day: party.paymentTermsDay };
    contact.paymentTerms = kind === "customer" ? { sales: terms } : { bills: terms };
  }
  return contact;
}

function toXeroAddress(type: XeroAddressType, address: Address | null): XeroAddress {
  return {
    addressType: type,
    addressLine1: address?.line1 ?? "",
    addressLine2: address?.line2 ?? "",
    city: address?.city ?? "",
    region: address?.region ?? "",
    postalCode: address?.postcode ?? "",
    country: address?.country ?? "",
  };
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
