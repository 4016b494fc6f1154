import { describe, expect, it } from "vitest";
import { MappingError, mapSalesOrder } from "@/lib/xero/mappers";
import { CONTACT_ID, context, document } from "./fixtures";

describe("mapSalesOrder", () => {
  it("maps a sales order to a DRAFT ACCREC invoice with a Url back to the order", () => {
    expect(mapSalesOrder(document({ reference: "PO 7781" }), context())).toEqual({
      Type: "ACCREC",
      Contact: { ContactID: CONTACT_ID },
      Date: "2026-11-25",
      Status: "DRAFT",
      LineAmountTypes: "Exclusive",
      CurrencyCode: "NZD",
      Reference: "SO-00042 · PO 7781",
      Url: "https://factory.example.com/sales-orders/55555555-5555-4555-8555-555555555555",
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
          UnitAmount: 4.125,
          DiscountRate: 10,
          AccountCode: "200",
          TaxType: "OUTPUT2",
        },
        { Description: "Factory order #SO-00042" },
      ],
    });
  });

  it("uses the mixed-case line amount types of invoices", () => {
    expect(mapSalesOrder(document({ taxMode: "inclusive" }), context()).LineAmountTypes).toBe("Inclusive");
    expect(mapSalesOrder(document({ taxMode: "no_tax" }), context()).LineAmountTypes).toBe("NoTax");
  });

  it("asks for a default sales account when an unlinked line has none", () => {
    expect(() => mapSalesOrder(document(), context({ accountCode: null }))).toThrow(MappingError);
    expect(() => mapSalesOrder(document(), context({ accountCode: null }))).toThrow(/default sales account/);
  });

  it("sends foreign-currency orders in their own currency", () => {
    expect(mapSalesOrder(document({ currency: "AUD" }), context()).CurrencyCode).toBe("AUD");
  });
});
