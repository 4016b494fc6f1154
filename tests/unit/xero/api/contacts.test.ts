import { describe, expect, it } from "vitest";
import { fromSdkContact, toSdkContact } from "@/lib/xero/api/contacts";
import type { XeroContact } from "@/lib/xero/mappers/contact";

const contact: XeroContact = {
  contactID: "c1",
  name: "Kiwi Ag",
  contactStatus: "ARCHIVED",
  phones: [{ phoneType: "MOBILE", phoneNumber: "021 555 0101" }],
  addresses: [{ addressType: "POBOX", addressLine1: "PO Box 1" }],
  contactPersons: [{ firstName: "Mere", lastName: "Ngata" }],
  defaultCurrency: "NZD",
  paymentTerms: { bills: { type: "OFCURRENTMONTH", day: 20 } },
};

describe("xero-node contact conversion", () => {
  it("sends Xero's enum values by name and reads them back unchanged", () => {
    const sdk = toSdkContact(contact);
    expect(JSON.parse(JSON.stringify(sdk))).toEqual({
      contactID: "c1",
      name: "Kiwi Ag",
      contactStatus: "ARCHIVED",
      phones: [{ phoneType: "MOBILE", phoneNumber: "021 555 0101" }],
      addresses: [{ addressType: "POBOX", addressLine1: "PO Box 1" }],
      contactPersons: [{ firstName: "Mere", lastName: "Ngata" }],
      defaultCurrency: "NZD",
      paymentTerms: { bills: { type: "OFCURRENTMONTH", day: 20 } },
    });
    expect(JSON.parse(JSON.stringify(fromSdkContact(sdk)))).toEqual(contact);
  });

  it("leaves out a currency Xero doesn't know", () => {
    expect(toSdkContact({ name: "X", defaultCurrency: "ABC" })).toEqual({ name: "X" });
  });
});
