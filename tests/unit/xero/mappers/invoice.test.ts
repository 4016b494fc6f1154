import { describe, expect, it } from "vitest";
import { mapInvoice } from "@/lib/xero/mappers";
import { MappingError } from "@/lib/xero/mappers/types";
import { CONTACT_ID, context, document, GST, widgetLine } from "./fixtures";

const SALES_ORDER = { id: "66666666-6666-4666-8666-666666666666", number: "SO-00042" };

describe("mapInvoice", () => {
  it("maps a generated invoice to an AUTHORISED ACCREC invoice naming its order, linked back to its page", () => {
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
      Url: "https://factory.example.com/invoices/77777777-7777-4777-8777-777777777777",
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

  it("sends an order's rounding lines like any line: the default account, the rate's type or no tax", () => {
    const rounding = (unitPrice: string, taxRateId: string | null) => ({
      kind: "rounding" as const,
      description: "Rounding adjustment: the invoices of SO-00042 add up to the order",
      quantity: "1.0000",
      unitPrice,
      discountPercent: "0.00",
      productId: null,
      taxRateId,
    });
    const invoice = {
      ...document({ lines: [widgetLine, rounding("-0.0400", GST), rounding("0.0400", null)] }),
      dueDate: "2026-12-20",
      salesOrder: SALES_ORDER,
    };
    expect(mapInvoice(invoice, context()).LineItems.slice(1, 3)).toEqual([
      {
        Description: "Rounding adjustment: the invoices of SO-00042 add up to the order",
        Quantity: 1,
        UnitAmount: -0.04,
        AccountCode: "200",
        TaxType: "OUTPUT2",
      },
      {
        Description: "Rounding adjustment: the invoices of SO-00042 add up to the order",
        Quantity: 1,
        UnitAmount: 0.04,
        AccountCode: "200",
        TaxType: "NONE",
      },
    ]);
    expect(() => mapInvoice(invoice, context({ accountCode: null }))).toThrow(
      new MappingError(
        'Choose a default sales account on the Xero page: the rounding adjustment "Rounding adjustment: the invoices of SO-00042 add up to the order" goes to it.',
      ),
    );
  });
});
