import { describe, expect, it } from "vitest";
import type { Party } from "@/lib/db/schema";
import {
  changedDetailsPayload,
  contactDetails,
  importedPartyValues,
  newContactPayload,
  toContactSummary,
  type XeroContact,
} from "@/lib/xero/mappers/contact";

const party: Party = {
  id: "0b9c1d2e-0000-4000-8000-000000000001",
  code: "C-00042",
  name: "Harbour Marine Engineering Ltd",
  email: "accounts@harbour.example",
  phone: "09 555 0100",
  mobile: null,
  billingAddress: {
    line1: "PO Box 12",
    line2: "",
    city: "Auckland",
    region: "",
    postcode: "1010",
    country: "NZ",
  },
  deliveryAddress: null,
  contactPeople: [
    { name: "Aroha Te Whare Smith", email: "aroha@harbour.example", phone: "", role: "AP" },
    ...Array.from({ length: 6 }, (_, i) => ({ name: `Person ${i}`, email: "", phone: "", role: "" })),
  ],
  taxNumber: "123-456-789",
  currency: "AUD",
  paymentTermsType: "day_of_following_month",
  paymentTermsDay: 20,
  notes: "not sent",
  archivedAt: null,
  xeroContactId: null,
  version: 3,
  idempotencyKey: null,
  createdAt: new Date(),
  createdBy: null,
  updatedAt: new Date(),
  updatedBy: null,
};

describe("newContactPayload", () => {
  it("sends the Factory code as ContactNumber and every field Factory holds", () => {
    const payload = newContactPayload("customer", party);
    expect(payload).toMatchObject({
      name: "Harbour Marine Engineering Ltd",
      contactNumber: "C-00042",
      emailAddress: "accounts@harbour.example",
      taxNumber: "123-456-789",
      defaultCurrency: "AUD",
      paymentTerms: { sales: { type: "OFFOLLOWINGMONTH", day: 20 } },
    });
    expect(payload.contactPersons).toHaveLength(5);
    expect(payload.contactPersons?.[0]).toEqual({
      firstName: "Aroha",
      lastName: "Te Whare Smith",
      emailAddress: "aroha@harbour.example",
    });
    expect(payload.addresses?.find((a) => String(a.addressType) === "POBOX")).toMatchObject({
      addressLine1: "PO Box 12",
      city: "Auckland",
    });
    expect(payload).not.toHaveProperty("isCustomer");
  });

  it("puts a supplier's terms on bills", () => {
    expect(newContactPayload("supplier", party).paymentTerms).toEqual({
      bills: { type: "OFFOLLOWINGMONTH", day: 20 },
    });
  });
});

describe("importedPartyValues", () => {
  it("takes name, email, phones, addresses, people, tax number, currency and both terms", () => {
    const contact: XeroContact = {
      contactID: "c1",
      name: "  Kiwi Ag  ",
      emailAddress: "office@kiwiag.example",
      phones: [
        { phoneType: "DEFAULT", phoneCountryCode: "64", phoneAreaCode: "9", phoneNumber: "555 0101" },
        { phoneType: "MOBILE", phoneNumber: "" },
      ],
      addresses: [
        {
          addressType: "STREET",
          addressLine1: "1 Farm Rd",
          addressLine2: "Unit 2",
          addressLine3: "Rear",
          city: "Hamilton",
        },
        { addressType: "POBOX" },
      ],
      contactPersons: [{ firstName: "Mere", lastName: "Ngata", emailAddress: "mere@kiwiag.example" }, {}],
      taxNumber: "99-999-999",
      defaultCurrency: "NZD",
      paymentTerms: {
        sales: { type: "DAYSAFTERBILLDATE", day: 7 },
        bills: { type: "OFCURRENTMONTH", day: 20 },
      },
    };
    expect(importedPartyValues(contact)).toEqual({
      name: "Kiwi Ag",
      email: "office@kiwiag.example",
      phone: "64 9 555 0101",
      mobile: null,
      billingAddress: null,
      deliveryAddress: {
        line1: "1 Farm Rd",
        line2: "Unit 2, Rear",
        city: "Hamilton",
        region: "",
        postcode: "",
        country: "",
      },
      contactPeople: [{ name: "Mere Ngata", email: "mere@kiwiag.example", phone: "", role: "" }],
      taxNumber: "99-999-999",
      currency: "NZD",
      salesTerms: { type: "days_after_invoice_date", day: 7 },
      billTerms: { type: "day_of_current_month", day: 20 },
    });
  });

  it("summarises a contact for matching, defaulting what Xero left out", () => {
    expect(toContactSummary({ contactID: "c2", name: "X" })).toEqual({
      contactId: "c2",
      name: "X",
      contactNumber: null,
      email: null,
      status: "ACTIVE",
      isCustomer: false,
      isSupplier: false,
    });
  });
});

describe("changedDetailsPayload", () => {
  const before = contactDetails(party);

  it("sends nothing when no detail Xero keeps has changed (an edit of the notes, say)", () => {
    expect(changedDetailsPayload(before, contactDetails({ ...party, notes: "changed" } as Party))).toBeNull();
  });

  it("sends only the groups that changed", () => {
    const payload = changedDetailsPayload(before, contactDetails({ ...party, mobile: "021 555 0199" }));
    expect(Object.keys(payload ?? {})).toEqual(["phones"]);
    expect(payload?.phones?.map((p) => p.phoneNumber)).toEqual(["09 555 0100", "021 555 0199"]);
    expect(changedDetailsPayload(before, contactDetails({ ...party, name: "Renamed" }))).toEqual({
      name: "Renamed",
    });
  });

  it("sends everything when Factory doesn't know what Xero holds", () => {
    expect(Object.keys(changedDetailsPayload(null, before) ?? {})).toEqual([
      "name",
      "emailAddress",
      "phones",
      "addresses",
    ]);
  });
});
