import { describe, expect, it } from "vitest";
import { mapPurchaseOrder } from "@/lib/xero/mappers";
import { BOLT, CONTACT_ID, GST, context, document } from "./fixtures";

const purchaseContext = () =>
  context({
    accountCode: "300",
    taxTypes: new Map([[GST, "INPUT2"]]),
    items: new Map([[BOLT, { code: "B-BOX", accountCode: null }]]),
  });

const order = (overrides = {}) => ({
  ...document({ number: "PO-00007" }),
  deliveryDate: "2026-12-01",
  deliveryAddress: {
    line1: "1 Mill Road",
    line2: "",
    city: "Hamilton",
    region: "Waikato",
    postcode: "3200",
    country: "NZ",
  },
  deliveryInstructions: "Loading bay 2",
  ...overrides,
});

describe("mapPurchaseOrder", () => {
  it("maps a purchase order in the status from settings, folding discounts into the unit amount", () => {
    expect(mapPurchaseOrder(order(), purchaseContext(), "AUTHORISED")).toEqual({
      Contact: { ContactID: CONTACT_ID },
      Date: "2026-11-25",
      DeliveryDate: "2026-12-01",
      DeliveryAddress: "1 Mill Road, Hamilton, Waikato, 3200, NZ",
      DeliveryInstructions: "Loading bay 2",
      Status: "AUTHORISED",
      LineAmountTypes: "Exclusive",
      CurrencyCode: "NZD",
      Reference: "PO-00007",
      LineItems: [
        { Description: "Widget", Quantity: 2, UnitAmount: 10.5, AccountCode: "300", TaxType: "INPUT2" },
        {
          Description: "Bolts, boxed",
          Quantity: 3,
          UnitAmount: 3.71,
          ItemCode: "B-BOX",
          AccountCode: "300",
          TaxType: "INPUT2",
        },
        { Description: "Factory purchase order #PO-00007" },
      ],
    });
  });

  it("leaves out empty delivery details", () => {
    const mapped = mapPurchaseOrder(
      order({ deliveryDate: null, deliveryAddress: null, deliveryInstructions: null }),
      purchaseContext(),
      "DRAFT",
    );
    expect(Object.keys(mapped)).toEqual([
      "Contact",
      "Date",
      "Status",
      "LineAmountTypes",
      "CurrencyCode",
      "Reference",
      "LineItems",
    ]);
  });

  it("sends the default account on a line whose Xero item has no purchase account", () => {
    const lines = mapPurchaseOrder(order(), purchaseContext(), "DRAFT").LineItems;
    expect(lines[1]).toMatchObject({ ItemCode: "B-BOX", AccountCode: "300" });
  });

  it("asks for a default purchase account when a line has no account at all", () => {
    expect(() =>
      mapPurchaseOrder(
        order({ lines: [document().lines[1]] }),
        context({ accountCode: null, items: new Map([[BOLT, { code: "B-BOX", accountCode: null }]]) }),
        "DRAFT",
      ),
    ).toThrow(/Xero item B-BOX, which has no purchase account/);
  });

  it("asks for a default purchase account when an unlinked line has none", () => {
    expect(() =>
      mapPurchaseOrder(order(), context({ accountCode: null, items: new Map() }), "DRAFT"),
    ).toThrow(/default purchase account/);
  });
});
