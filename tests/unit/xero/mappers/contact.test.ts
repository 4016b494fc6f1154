import { describe, expect, it } from "vitest";
import type { Party } from "@/lib/db/schema";
import {
  contactDetails,
  contactDetailsUpdate,
  importedPartyValues,
  knownContactDetails,
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
    // Only what Factory holds: no blank mobile, no blank street address.
    expect(payload.phones?.map((p) => p.phoneType)).toEqual(["DEFAULT"]);
    expect(payload.addresses?.map((a) => a.addressType)).toEqual(["POBOX"]);
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

describe("contactDetailsUpdate", () => {
  const linked = contactDetails(party);
  const created = knownContactDetails(linked);
  const edit = (changes: Partial<Party>) => contactDetails({ ...party, ...changes });

  it("sends nothing when no detail Xero keeps has changed (an edit of the notes, say)", () => {
    expect(contactDetailsUpdate(linked, edit({ notes: "changed" })).payload).toBeNull();
  });

  it("sends only the fields that changed, and of phones only the type that changed", () => {
    expect(contactDetailsUpdate(linked, edit({ mobile: "021 555 0199" })).payload).toEqual({
      phones: [{ phoneType: "MOBILE", phoneNumber: "021 555 0199", phoneAreaCode: "", phoneCountryCode: "" }],
    });
    expect(contactDetailsUpdate(linked, edit({ phone: "09 555 0111" })).payload).toEqual({
      phones: [{ phoneType: "DEFAULT", phoneNumber: "09 555 0111", phoneAreaCode: "", phoneCountryCode: "" }],
    });
    expect(contactDetailsUpdate(linked, edit({ name: "Renamed" })).payload).toEqual({ name: "Renamed" });
  });

  it("sends a whole address of one type, leaving AttentionTo alone", () => {
    const street = {
      line1: "1 Quay St",
      line2: "",
      city: "Auckland",
      region: "",
      postcode: "1010",
      country: "NZ",
    };
    expect(contactDetailsUpdate(linked, edit({ deliveryAddress: street })).payload).toEqual({
      addresses: [
        {
          addressType: "STREET",
          addressLine1: "1 Quay St",
          addressLine2: "",
          addressLine3: "",
          addressLine4: "",
          city: "Auckland",
          region: "",
          postalCode: "1010",
          country: "NZ",
        },
      ],
    });
  });

  it("sends everything Factory holds, and no blanks, when it doesn't know what Xero holds", () => {
    const { payload, snapshot } = contactDetailsUpdate(null, linked);
    expect(payload).toEqual({
      name: "Harbour Marine Engineering Ltd",
      emailAddress: "accounts@harbour.example",
      phones: [{ phoneType: "DEFAULT", phoneNumber: "09 555 0100", phoneAreaCode: "", phoneCountryCode: "" }],
      addresses: [expect.objectContaining({ addressType: "POBOX", addressLine1: "PO Box 12" })],
    });
    expect(snapshot.knownInXero).toEqual(["name", "email", "phone", "billingAddress"]);
  });

  it("never clears what Factory has not seen: emptying a value linked but never sent sends nothing", () => {
    const { payload, snapshot } = contactDetailsUpdate(linked, edit({ phone: null, email: "" }));
    expect(payload).toBeNull();
    expect(snapshot).toMatchObject({ phone: null, email: "", knownInXero: [] });
  });

  it("clears in Xero a value Factory sent, once it is emptied in Factory", () => {
    const { payload, snapshot } = contactDetailsUpdate(created, edit({ phone: null, billingAddress: null }));
    expect(payload).toEqual({
      phones: [{ phoneType: "DEFAULT", phoneNumber: "", phoneAreaCode: "", phoneCountryCode: "" }],
      addresses: [
        {
          addressType: "POBOX",
          addressLine1: "",
          addressLine2: "",
          addressLine3: "",
          addressLine4: "",
          city: "",
          region: "",
          postalCode: "",
          country: "",
        },
      ],
    });
    // Still known (Xero now holds nothing there), so a later value goes and a later clear too.
    expect(snapshot.knownInXero).toEqual(["name", "email", "phone", "billingAddress"]);
  });

  it("learns a value once it has sent it: a phone set after linking can later be cleared", () => {
    const set = contactDetailsUpdate(linked, edit({ mobile: "021 555 0199" }));
    expect(set.snapshot.knownInXero).toEqual(["mobile"]);
    const cleared = contactDetailsUpdate(set.snapshot, edit({ mobile: null }));
    expect(cleared.payload?.phones).toEqual([
      { phoneType: "MOBILE", phoneNumber: "", phoneAreaCode: "", phoneCountryCode: "" },
    ]);
  });
});
