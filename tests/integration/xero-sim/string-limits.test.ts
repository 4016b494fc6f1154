import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Address,
  Invoice,
  LineAmountTypes,
  Phone,
  type Contact,
  type Item,
  type ValidationError,
} from "xero-node";
import { XERO_STRING_LIMITS, type XeroLimitKey } from "@/lib/xero/limits";
import { emailOfLength } from "../../support/text";
import { openAccountingSession, type AccountingSession } from "./session";

/**
 * Xero refuses a string longer than its limit on the element that carries it, as a validation error
 * naming the field, and takes one exactly at the limit. One case per limit the spec states
 * (lib/xero/limits.ts: its `maxLength`, or its description where it has no `maxLength`), so every
 * field Factory sends with a limit is pinned; the limits Factory keeps for itself on fields the spec
 * leaves open are Factory's rule, not Xero's, and have no case here. Runs against real Xero too
 * (xero-sim/README.md).
 */
let s: AccountingSession;
let t: string;
const run = Date.now().toString(36);
const api = () => s.client.accountingApi;
let contactID = "";

beforeAll(async () => {
  s = await openAccountingSession();
  t = s.tenantId;
  const created = await api().createContacts(t, { contacts: [{ name: `Limits ${run}` }] });
  contactID = created.body.contacts?.[0]?.contactID ?? "";
});
afterAll(() => s.close());

type SpecLimitKey = {
  [K in XeroLimitKey]: (typeof XERO_STRING_LIMITS)[K]["source"] extends "factory" ? never : K;
}[XeroLimitKey];

interface Answer {
  status: string | undefined;
  errors: string[];
}

const answer = (
  element: { statusAttributeString?: string; validationErrors?: ValidationError[] } | undefined,
) => ({
  status: element?.statusAttributeString,
  errors: (element?.validationErrors ?? []).map((e) => e.message ?? ""),
});

/** A value of `length` characters that is unique in this run where Xero wants it unique. */
const unique = (length: number, tag: string) => `${tag}${run}`.padEnd(length, "x").slice(0, length);

const line = {
  description: "Laser cutting",
  quantity: 1,
  unitAmount: 10,
  accountCode: "200",
  taxType: "OUTPUT2",
};

async function contactWith(fields: Partial<Contact>): Promise<Answer> {
  const created = await api().createContacts(
    t,
    { contacts: [{ name: `C ${run} ${Math.random()}`, ...fields }] },
    false,
  );
  return answer(created.body.contacts?.[0]);
}

async function itemWith(fields: Partial<Item>): Promise<Answer> {
  const created = await api().createItems(
    t,
    { items: [{ code: unique(20, `I${Math.random().toString(36).slice(2, 6)}`), ...fields }] },
    false,
  );
  return answer(created.body.items?.[0]);
}

const street = (fields: Partial<Address>) =>
  contactWith({ addresses: [{ addressType: Address.AddressTypeEnum.STREET, ...fields }] });

/** How to send a value of a given length in each field, and the name Xero's message gives it. */
const CASES: Record<SpecLimitKey, { send: (length: number) => Promise<Answer>; names: RegExp }> = {
  "Contact.Name": { send: (n) => contactWith({ name: unique(n, "N") }), names: /Name/ },
  "Contact.ContactNumber": {
    send: (n) => contactWith({ contactNumber: unique(n, "CN") }),
    names: /ContactNumber/,
  },
  "Contact.EmailAddress": {
    send: (n) => contactWith({ emailAddress: emailOfLength(n) }),
    names: /EmailAddress/,
  },
  "Contact.TaxNumber": { send: (n) => contactWith({ taxNumber: "1".repeat(n) }), names: /TaxNumber/ },
  "Address.AddressLine1": { send: (n) => street({ addressLine1: "x".repeat(n) }), names: /AddressLine1/ },
  "Address.AddressLine2": { send: (n) => street({ addressLine2: "x".repeat(n) }), names: /AddressLine2/ },
  "Address.AddressLine3": { send: (n) => street({ addressLine3: "x".repeat(n) }), names: /AddressLine3/ },
  "Address.AddressLine4": { send: (n) => street({ addressLine4: "x".repeat(n) }), names: /AddressLine4/ },
  "Address.City": { send: (n) => street({ city: "x".repeat(n) }), names: /City/ },
  "Address.Region": { send: (n) => street({ region: "x".repeat(n) }), names: /Region/ },
  "Address.PostalCode": { send: (n) => street({ postalCode: "1".repeat(n) }), names: /PostalCode/ },
  "Address.Country": { send: (n) => street({ country: "x".repeat(n) }), names: /Country/ },
  "Phone.PhoneNumber": {
    send: (n) =>
      contactWith({ phones: [{ phoneType: Phone.PhoneTypeEnum.DEFAULT, phoneNumber: "5".repeat(n) }] }),
    names: /PhoneNumber/,
  },
  "Phone.PhoneAreaCode": {
    send: (n) =>
      contactWith({
        phones: [
          { phoneType: Phone.PhoneTypeEnum.DEFAULT, phoneNumber: "5550100", phoneAreaCode: "9".repeat(n) },
        ],
      }),
    names: /PhoneAreaCode/,
  },
  "Phone.PhoneCountryCode": {
    send: (n) =>
      contactWith({
        phones: [
          { phoneType: Phone.PhoneTypeEnum.DEFAULT, phoneNumber: "5550100", phoneCountryCode: "6".repeat(n) },
        ],
      }),
    names: /PhoneCountryCode/,
  },
  "Item.Code": { send: (n) => itemWith({ code: unique(n, "IC") }), names: /Code/ },
  "Item.Name": { send: (n) => itemWith({ name: "x".repeat(n) }), names: /Name/ },
  "Item.Description": { send: (n) => itemWith({ description: "x".repeat(n) }), names: /Description/ },
  "Item.PurchaseDescription": {
    send: (n) => itemWith({ purchaseDescription: "x".repeat(n) }),
    names: /PurchaseDescription/,
  },
  "Invoice.InvoiceNumber": {
    send: async (n) => {
      const created = await api().createInvoices(
        t,
        {
          invoices: [
            {
              type: Invoice.TypeEnum.ACCPAY,
              contact: { contactID },
              date: "2026-11-20",
              dueDate: "2026-12-20",
              lineAmountTypes: LineAmountTypes.Exclusive,
              lineItems: [{ ...line, taxType: "INPUT2" }],
              invoiceNumber: unique(n, "BILL"),
            },
          ],
        },
        false,
      );
      return answer(created.body.invoices?.[0]);
    },
    names: /InvoiceNumber/,
  },
  "Quote.Reference": {
    send: async (n) => {
      const created = await api().createQuotes(
        t,
        {
          quotes: [
            { contact: { contactID }, date: "2026-11-20", lineItems: [line], reference: "x".repeat(n) },
          ],
        },
        false,
      );
      return answer(created.body.quotes?.[0]);
    },
    names: /Reference/,
  },
  "PurchaseOrder.DeliveryInstructions": {
    send: async (n) => {
      const created = await api().createPurchaseOrders(
        t,
        {
          purchaseOrders: [
            {
              contact: { contactID },
              date: "2026-11-20",
              lineItems: [{ ...line, taxType: "INPUT2" }],
              deliveryInstructions: "x".repeat(n),
            },
          ],
        },
        false,
      );
      return answer(created.body.purchaseOrders?.[0]);
    },
    names: /DeliveryInstructions/,
  },
};

describe("Xero's string limits", () => {
  const keys = (Object.keys(XERO_STRING_LIMITS) as XeroLimitKey[]).filter(
    (key): key is SpecLimitKey => XERO_STRING_LIMITS[key].source !== "factory",
  );

  it.each(keys)(
    "%s: takes a value at the limit and refuses one character more on that element",
    async (key) => {
      const max = XERO_STRING_LIMITS[key].max;
      const { send, names } = CASES[key];
      const atLimit = await send(max);
      expect(atLimit.errors).toEqual([]);
      expect(atLimit.status).toBe("OK");
      const over = await send(max + 1);
      expect(over.status).toBe("ERROR");
      expect(over.errors).toHaveLength(1);
      expect(over.errors[0]).toMatch(names);
      if (!s.real) {
        expect(over.errors[0]).toMatch(
          new RegExp(`must be no more than ${max} characters long \\(${max + 1} given\\)\\.$`),
        );
      }
    },
  );
});
