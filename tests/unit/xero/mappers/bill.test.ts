import { describe, expect, it } from "vitest";
import { mapBill } from "@/lib/xero/mappers";
import { CONTACT_ID, GST, WIDGET, context, document } from "./fixtures";

const PURCHASE_ORDER = { id: "88888888-8888-4888-8888-888888888888", number: "PO-00007" };

describe("mapBill", () => {
  const bill = {
    ...document({ number: "BL-00002", taxMode: "inclusive" }),
    dueDate: "2026-12-20",
    supplierInvoiceNumber: "SUP-INV-991",
    purchaseOrder: PURCHASE_ORDER,
  };
  const ctx = context({
    accountCode: "300",
    taxTypes: new Map([[GST, "INPUT2"]]),
    items: new Map([[WIDGET, { code: "W1", accountCode: "310" }]]),
  });

  it("maps a bill to ACCPAY with the supplier's invoice number and no Reference", () => {
    expect(mapBill(bill, ctx, "SUBMITTED")).toEqual({
      Type: "ACCPAY",
      Contact: { ContactID: CONTACT_ID },
      Date: "2026-11-25",
      DueDate: "2026-12-20",
      Status: "SUBMITTED",
      LineAmountTypes: "Inclusive",
      CurrencyCode: "NZD",
      InvoiceNumber: "SUP-INV-991",
      Url: "https://factory.example.com/bills/55555555-5555-4555-8555-555555555555",
      LineItems: [
        {
          Description: "Widget",
          Quantity: 2,
          UnitAmount: 10.5,
          ItemCode: "W1",
          AccountCode: "310",
          TaxType: "INPUT2",
        },
        {
          Description: "Bolts, boxed",
          Quantity: 3,
          UnitAmount: 3.71,
          AccountCode: "300",
          TaxType: "INPUT2",
        },
        { Description: "Factory bill #BL-00002 · purchase order #PO-00007" },
      ],
    });
  });

  it("never carries a Reference or a line discount", () => {
    const mapped = mapBill(bill, ctx, "DRAFT");
    expect(mapped).not.toHaveProperty("Reference");
    expect(mapped.LineItems.some((line) => "DiscountRate" in line)).toBe(false);
  });
});
