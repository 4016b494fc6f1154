import type { FactoryDocument, FactoryLine, MappingContext } from "@/lib/xero/mappers";

export const CONTACT_ID = "11111111-1111-4111-8111-111111111111";
export const WIDGET = "22222222-2222-4222-8222-222222222222";
export const BOLT = "33333333-3333-4333-8333-333333333333";
export const GST = "44444444-4444-4444-8444-444444444444";

export const widgetLine: FactoryLine = {
  description: "Widget",
  quantity: "2.0000",
  unitPrice: "10.5000",
  discountPercent: "0.0000",
  productId: WIDGET,
  taxRateId: GST,
};

export const boltLine: FactoryLine = {
  description: "Bolts, boxed",
  quantity: "3.0000",
  unitPrice: "4.1250",
  discountPercent: "10.0000",
  productId: BOLT,
  taxRateId: GST,
};

export function document(overrides: Partial<FactoryDocument> = {}): FactoryDocument {
  return {
    id: "55555555-5555-4555-8555-555555555555",
    number: "SO-00042",
    currency: "NZD",
    taxMode: "exclusive",
    date: "2026-11-25",
    reference: null,
    xeroContactId: CONTACT_ID,
    lines: [widgetLine, boltLine],
    ...overrides,
  };
}

/** Widget is linked to Xero item W1, whose own sales account is 210; the bolts are not linked. */
export function context(overrides: Partial<MappingContext> = {}): MappingContext {
  return {
    appUrl: "https://factory.example.com",
    accountCode: "200",
    taxTypes: new Map([[GST, "OUTPUT2"]]),
    noTaxType: "NONE",
    items: new Map([[WIDGET, { code: "W1", accountCode: "210" }]]),
    ...overrides,
  };
}
