import { Address, Contact, CurrencyCode, PaymentTermType, Phone, type Bill } from "xero-node";
import type {
  XeroAddressType,
  XeroContact,
  XeroContactStatus,
  XeroPaymentTerm,
  XeroPaymentTermType,
  XeroPhoneType,
} from "@/lib/xero/mappers/contact";
import type { XeroApi } from "./session";

/**
 * xero-node declares Xero's string enums as numeric TypeScript enums, while at run time each value
 * is its own name ("DEFAULT", "POBOX", …). So a value crosses the boundary by its name, looked up in
 * the enum object on the way out and read back with `String` on the way in.
 */
const enumName = <T extends string>(value: string | number | undefined): T | undefined =>
  value === undefined ? undefined : (String(value) as T);

const sdkTerm = (term: XeroPaymentTerm | undefined): Bill | undefined =>
  term && { day: term.day, type: term.type && PaymentTermType[term.type] };

/** A contact as xero-node sends it. A currency code Xero doesn't know is left out. */
export function toSdkContact(contact: XeroContact): Contact {
  const { contactStatus, phones, addresses, defaultCurrency, paymentTerms, ...plain } = contact;
  const sdk: Contact = { ...plain };
  if (contactStatus) sdk.contactStatus = Contact.ContactStatusEnum[contactStatus];
  if (phones)
    sdk.phones = phones.map(({ phoneType, ...phone }) =>
      phoneType ? { ...phone, phoneType: Phone.PhoneTypeEnum[phoneType] } : phone,
    );
  if (addresses)
    sdk.addresses = addresses.map(({ addressType, ...address }) =>
      addressType ? { ...address, addressType: Address.AddressTypeEnum[addressType] } : address,
    );
  if (defaultCurrency !== undefined) {
    const currency = CurrencyCode[defaultCurrency as keyof typeof CurrencyCode] as CurrencyCode | undefined;
    if (currency !== undefined) sdk.defaultCurrency = currency;
  }
  if (paymentTerms) {
    sdk.paymentTerms = {};
    if (paymentTerms.sales) sdk.paymentTerms.sales = sdkTerm(paymentTerms.sales);
    if (paymentTerms.bills) sdk.paymentTerms.bills = sdkTerm(paymentTerms.bills);
  }
  return sdk;
}

const fromSdkTerm = (term: Bill | undefined): XeroPaymentTerm | undefined =>
  term && { day: term.day, type: enumName<XeroPaymentTermType>(term.type) };

/** A contact as xero-node returns it, in the adapter's plain shape. */
export function fromSdkContact(contact: Contact): XeroContact {
  return {
    contactID: contact.contactID,
    contactNumber: contact.contactNumber,
    contactStatus: enumName<XeroContactStatus>(contact.contactStatus),
    name: contact.name,
    emailAddress: contact.emailAddress,
    phones: contact.phones?.map((phone) => ({
      phoneType: enumName<XeroPhoneType>(phone.phoneType),
      phoneNumber: phone.phoneNumber,
      phoneAreaCode: phone.phoneAreaCode,
      phoneCountryCode: phone.phoneCountryCode,
    })),
    addresses: contact.addresses?.map((address) => ({
      addressType: enumName<XeroAddressType>(address.addressType),
      addressLine1: address.addressLine1,
      addressLine2: address.addressLine2,
      addressLine3: address.addressLine3,
      addressLine4: address.addressLine4,
      city: address.city,
      region: address.region,
      postalCode: address.postalCode,
      country: address.country,
    })),
    contactPersons: contact.contactPersons?.map((person) => ({
      firstName: person.firstName,
      lastName: person.lastName,
      emailAddress: person.emailAddress,
    })),
    taxNumber: contact.taxNumber,
    defaultCurrency: enumName<string>(contact.defaultCurrency),
    paymentTerms: contact.paymentTerms && {
      sales: fromSdkTerm(contact.paymentTerms.sales),
      bills: fromSdkTerm(contact.paymentTerms.bills),
    },
    isCustomer: contact.isCustomer,
    isSupplier: contact.isSupplier,
  };
}

/** GET /Contacts with named options instead of xero-node's ten positional arguments (docs/xero/api-behaviour.md#xero-node-quirks). */
export interface ContactsQuery {
  where?: string;
  order?: string;
  ids?: string[];
  page: number;
  includeArchived: boolean;
  summaryOnly: boolean;
  searchTerm?: string;
  pageSize?: number;
}

export interface ContactsPage {
  contacts: XeroContact[];
  /** Xero's pagination, when it sent one. */
  pageCount?: number;
  itemCount?: number;
}

export async function getContactsPage(
  { accounting, tenantId }: XeroApi,
  query: ContactsQuery,
): Promise<ContactsPage> {
  const { body } = await accounting.getContacts(
    tenantId,
    undefined,
    query.where,
    query.order,
    query.ids,
    query.page,
    query.includeArchived,
    query.summaryOnly,
    query.searchTerm,
    query.pageSize,
  );
  return {
    contacts: (body.contacts ?? []).map(fromSdkContact),
    pageCount: body.pagination?.pageCount,
    itemCount: body.pagination?.itemCount,
  };
}

/** Xero's answer for one contact written: the contact, or Xero's validation messages. */
export type ContactAnswer = { ok: true; contact: XeroContact } | { ok: false; errors: string[] };

const messagesOf = (contact: Contact | undefined) =>
  (contact?.validationErrors ?? []).map((e) => e.message ?? "").filter(Boolean);

/**
 * PUT /Contacts with one contact. The Idempotency-Key makes a retried create (lost answer, timeout)
 * answer from Xero's store instead of making a second contact.
 */
export async function createContact(
  { accounting, tenantId }: XeroApi,
  contact: XeroContact,
  idempotencyKey: string,
): Promise<ContactAnswer> {
  const { body } = await accounting.createContacts(
    tenantId,
    { contacts: [toSdkContact(contact)] },
    false,
    idempotencyKey,
  );
  const created = body.contacts?.[0];
  const errors = messagesOf(created);
  if (!created?.contactID || created.hasValidationErrors || errors.length > 0) return { ok: false, errors };
  return { ok: true, contact: fromSdkContact(created) };
}

/** POST /Contacts/{id}: only the fields given change. */
export async function updateContact(
  { accounting, tenantId }: XeroApi,
  contactId: string,
  contact: XeroContact,
): Promise<ContactAnswer> {
  const { body } = await accounting.updateContact(tenantId, contactId, {
    contacts: [toSdkContact({ ...contact, contactID: contactId })],
  });
  const updated = body.contacts?.[0];
  const errors = messagesOf(updated);
  if (!updated || errors.length > 0) return { ok: false, errors };
  return { ok: true, contact: fromSdkContact(updated) };
}
