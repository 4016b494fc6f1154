import { describe, expect, it } from "vitest";
import { MappingError, mapQuote } from "@/lib/xero/mappers";
import { CONTACT_ID, context, document } from "./fixtures";

const quote = (overrides = {}) => ({
  ...document({ number: "Q-00001" }),
  expiryDate: "2026-12-25",
  ...overrides,
});

describe("mapQuote", () => {
  it("maps a quote to a DRAFT Xero quote with upper-case line amount types", () => {
    expect(mapQuote(quote(), context())).toEqual({
      Contact: { ContactID: CONTACT_ID },
      Date: "2026-11-25",
      ExpiryDate: "2026-12-25",
      Status: "DRAFT",
      LineAmountTypes: "EXCLUSIVE",
      CurrencyCode: "NZD",
      Reference: "Q-00001",
      LineItems: [
        {
          Description: "Widget",
          Quantity: 2,
          UnitAmount: 10.5,
          ItemCode: "W1",
          AccountCode: "210",
          TaxType: "OUTPUT2",
        },
        {
          Description: "Bolts, boxed",
          Quantity: 3,
          UnitAmount: 4.13,
          DiscountRate: 10,
          AccountCode: "200",
          TaxType: "OUTPUT2",
        },
        { Description: "Factory quote #Q-00001" },
      ],
    });
  });

  it("spells inclusive and no-tax quotes in upper case; a no-tax quote's lines say the no-tax type", () => {
    expect(mapQuote(quote({ taxMode: "inclusive" }), context()).LineAmountTypes).toBe("INCLUSIVE");
    const noTax = mapQuote(quote({ taxMode: "no_tax" }), context());
    expect(noTax.LineAmountTypes).toBe("NOTAX");
    expect(noTax.LineItems.slice(0, 2).map((line) => line.TaxType)).toEqual(["NONE", "NONE"]);
  });

  it("sends the mapped no-tax type on a line without a tax rate, never nothing", () => {
    const mapped = mapQuote(
      quote({ lines: [{ ...document().lines[0]!, taxRateId: null }] }),
      context({ noTaxType: "EXEMPTOUTPUT" }),
    );
    expect(mapped.LineItems[0]).toMatchObject({ TaxType: "EXEMPTOUTPUT", AccountCode: "210" });
  });

  it("keeps the customer's reference after the Factory number and leaves out an empty expiry", () => {
    const mapped = mapQuote(quote({ reference: "RFQ 77", expiryDate: null }), context());
    expect(mapped.Reference).toBe("Q-00001 · RFQ 77");
    expect(mapped).not.toHaveProperty("ExpiryDate");
  });

  it("never leaves the account to Xero, even on a draft quote", () => {
    expect(() => mapQuote(quote(), context({ accountCode: null }))).toThrow(/default sales account/);
  });

  it("refuses a line whose tax rate has no Xero tax type, naming the fix", () => {
    expect(() => mapQuote(quote(), context({ taxTypes: new Map() }))).toThrow(MappingError);
    expect(() => mapQuote(quote(), context({ taxTypes: new Map() }))).toThrow(/Map this tax rate/);
  });
});
