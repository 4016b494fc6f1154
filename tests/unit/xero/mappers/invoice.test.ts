import { describe, expect, it } from "vitest";
import { mapInvoice } from "@/lib/xero/mappers";
import { CONTACT_ID, context, document, widgetLine } from "./fixtures";

const SALES_ORDER = { id: "66666666-6666-4666-8666-666666666666", number: "SO-00042" };

describe("mapInvoice", () => {
  it("maps a generated invoice to an AUTHORISED ACCREC invoice naming its order", () => {
    const invoice = {
      ...document({ id: "77777777-7777-4777-8777-777777777777", number: "SI-00003", lines: [widgetLine] }),
      dueDate: "2026-12-20",
      salesOrder: SALES_ORDER,
    };
    expect(mapInvoice(invoice, context())).toEqual({
      Type: "ACCREC",
      Contact: { ContactID: CONTACT_ID },
      Date: "2026-11-25",
      DueDate: "2026-12-20",
      Status: "AUTHORISED",
      LineAmountTypes: "Exclusive",
      CurrencyCode: "NZD",
      Reference: "SI-00003 · SO-00042",
      Url: "https://factory.example.com/sales-orders/66666666-6666-4666-8666-666666666666",
      LineItems: [
        {
          Description: "Widget",
          Quantity: 2,
          UnitAmount: 10.5,
          ItemCode: "W1",
          AccountCode: "210",
          TaxType: "OUTPUT2",
        },
        { Description: "Factory order #SO-00042" },
      ],
    });
  });
});
