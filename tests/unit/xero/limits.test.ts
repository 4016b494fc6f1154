import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { z } from "zod";
import type { Party } from "@/lib/db/schema";
import type { DocumentLineValues } from "@/lib/factory/document-fields";
import { partyFormSchema } from "@/lib/factory/party-schema";
import { productFormSchema } from "@/lib/factory/product-schema";
import { convertToBillSchema, purchaseOrderFormSchema } from "@/lib/factory/purchase-order-schema";
import { quoteFormSchema } from "@/lib/factory/quote-schema";
import { generateInvoiceSchema, salesOrderFormSchema } from "@/lib/factory/sales-order-schema";
import { newItemPayload } from "@/lib/linking/items";
import {
  cutToLength,
  fitToXero,
  MAX_PARTY_REFERENCE,
  XERO_STRING_LIMITS,
  xeroMax,
  type XeroLimitKey,
} from "@/lib/xero/limits";
import {
  mapBill,
  mapCreditNote,
  mapInvoice,
  mapPurchaseOrder,
  mapQuote,
  mapSalesOrder,
  type FactoryDocument,
  type MappingContext,
} from "@/lib/xero/mappers";
import { newContactPayload } from "@/lib/xero/mappers/contact";
import { specMaxLength } from "@/xero-sim/validation/openapi";
import { emailOfLength } from "../../support/text";

/**
 * Xero's string limits, everywhere (issue 11): the table in lib/xero/limits.ts agrees with Xero's
 * OpenAPI document; every string the mappers send is either in the table or known to be unlimited
 * (found by walking the mappers' real output against the spec, so a new field fails here until it is
 * classified); no form accepts more than Xero takes; and the most the forms accept, or any longer
 * value saved before the forms knew the limits, reaches Xero within them.
 */

type SchemaObject = {
  $ref?: string;
  type?: string;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  maxLength?: number;
  description?: string;
};
const spec = parse(
  readFileSync(new URL("../../../xero-sim/openapi/xero_accounting.yaml", import.meta.url), "utf8"),
) as { components: { schemas: Record<string, SchemaObject> } };
const schemas = spec.components.schemas;
const refName = (ref: string) => ref.split("/").pop() ?? "";

/**
 * Strings the mappers send that Xero's spec does not limit, and why Factory need not either: values
 * Xero gave Factory (ids, codes, tax types), fixed words (statuses, types), dates, and text whose
 * length Factory decides.
 */
const UNLIMITED: Record<string, string> = {
  "Contact.ContactID": "Xero's own id",
  "Contact.DefaultCurrency": "a three-letter code",
  "Address.AddressType": "POBOX | STREET",
  "Phone.PhoneType": "DEFAULT | MOBILE",
  "Bill.Type": "a payment-terms word",
  "Quote.Date": "a date",
  "Quote.ExpiryDate": "a date",
  "Quote.Status": "DRAFT",
  "Quote.LineAmountTypes": "a fixed word",
  "Quote.CurrencyCode": "a three-letter code",
  "Invoice.Type": "ACCREC | ACCPAY",
  "Invoice.Date": "a date",
  "Invoice.DueDate": "a date",
  "Invoice.Status": "a status word",
  "Invoice.LineAmountTypes": "a fixed word",
  "Invoice.CurrencyCode": "a three-letter code",
  "Invoice.Url": "APP_URL and a uuid",
  "CreditNote.Type": "ACCRECCREDIT | ACCPAYCREDIT",
  "CreditNote.Date": "a date",
  "CreditNote.Status": "AUTHORISED",
  "CreditNote.LineAmountTypes": "a fixed word",
  "CreditNote.CurrencyCode": "a three-letter code",
  "PurchaseOrder.Date": "a date",
  "PurchaseOrder.DeliveryDate": "a date",
  "PurchaseOrder.Status": "a status word",
  "PurchaseOrder.LineAmountTypes": "a fixed word",
  "PurchaseOrder.CurrencyCode": "a three-letter code",
  "PurchaseOrder.DeliveryAddress": "free text, no limit in the spec (xero_accounting.yaml:24150-24152)",
  "LineItem.ItemCode": "the code of an item Xero holds (Item.Code, ≤ 30)",
  "LineItem.AccountCode": "the code of an account Xero holds (Account.Code, ≤ 10)",
  "LineItem.TaxType": "a tax type Xero holds",
  "Purchase.AccountCode": "the code of an account Xero holds (Account.Code, ≤ 10)",
  "Purchase.TaxType": "a tax type Xero holds",
};

interface Emitted {
  field: string;
  value: string;
  schema: SchemaObject;
}

/** Every string in `payload`, named by the spec schema and property it is sent as (e.g. "Address.Country"). */
function emittedStrings(schemaName: string, payload: object): Emitted[] {
  const out: Emitted[] = [];
  const visit = (owner: string, property: string, schema: SchemaObject, value: unknown) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      for (const element of value) visit(owner, property, schema.items ?? {}, element);
    } else if (typeof value === "object") {
      const target = schema.$ref ?? schema.items?.$ref;
      if (!target) throw new Error(`${owner}.${property} is an object the spec does not describe`);
      walk(refName(target), value);
    } else if (typeof value === "string") {
      out.push({ field: `${owner}.${property}`, value, schema });
    }
  };
  const walk = (name: string, value: object) => {
    const schema = schemas[name];
    if (!schema?.properties) throw new Error(`No schema ${name} in the spec`);
    for (const [key, child] of Object.entries(value)) {
      // xero-node's models (contacts, items) are camelCase; the wire and the spec are PascalCase.
      const property = key.charAt(0).toUpperCase() + key.slice(1);
      const propertySchema = schema.properties[property];
      if (!propertySchema) throw new Error(`Factory sends ${name}.${property}, which the spec does not have`);
      visit(name, property, propertySchema, child);
    }
  };
  walk(schemaName, payload);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The forms, each with a valid base input and the fields whose text reaches Xero.

const UUID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const WIDGET = UUID(1);
const GST = UUID(2);

const address = { line1: "", line2: "", city: "", region: "", postcode: "", country: "" };
const partyInput = {
  name: "Harbour Marine",
  email: "",
  phone: "",
  mobile: "",
  billingAddress: { ...address },
  deliveryAddress: { ...address },
  contactPeople: [{ name: "Aroha Smith", email: "", phone: "", role: "" }],
  taxNumber: "",
  currency: "NZD",
  paymentTermsType: "days_after_invoice_date",
  paymentTermsDay: "20",
  notes: "",
};
const productInput = {
  sku: "BRKT",
  name: "Bracket",
  description: "",
  unit: "each",
  salePrice: "12.50",
  purchaseCost: "7.25",
  taxRateId: GST,
  active: true,
};
const formLine: DocumentLineValues = {
  id: "",
  productId: WIDGET,
  description: "Laser cutting",
  quantity: "1",
  unitPrice: "10",
  discountPercent: "",
  taxRateId: GST,
};
const documentInput = {
  id: "",
  version: 0,
  idempotencyKey: UUID(3),
  currency: "NZD",
  taxMode: "exclusive" as const,
  reference: "",
  notes: "",
  lines: [formLine],
};
const quoteInput = { ...documentInput, customerId: UUID(4), issueDate: "2026-11-25", expiryDate: "" };
const salesOrderInput = { ...documentInput, customerId: UUID(4), orderDate: "2026-11-25", deliveryDate: "" };
const purchaseOrderInput = {
  ...documentInput,
  supplierId: UUID(5),
  orderDate: "2026-11-25",
  deliveryDate: "",
  deliveryAddress: { ...address },
  deliveryInstructions: "",
};
const invoiceInput = {
  salesOrderId: UUID(6),
  version: 1,
  idempotencyKey: UUID(7),
  issueDate: "2026-11-25",
  dueDate: "2026-12-20",
  reference: "",
  lines: [{ orderLineId: UUID(8), quantity: "1" }],
};
const billInput = {
  purchaseOrderId: UUID(9),
  version: 1,
  idempotencyKey: UUID(10),
  supplierInvoiceNumber: "INV-1",
  billDate: "2026-11-25",
  dueDate: "2026-12-20",
  lines: [{ orderLineId: UUID(8), quantity: "1" }],
};

type Path = readonly (string | number)[];

function setAt<T>(input: T, path: Path, value: string): T {
  const copy = structuredClone(input) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1) as string | number] = value;
  return copy as T;
}

interface FormField {
  path: Path;
  /** The Xero field it becomes: `{ whole }` one for one, `{ within }` composed with Factory's text. */
  xero: { whole: XeroLimitKey } | { within: XeroLimitKey } | "cut with a note" | "unlimited";
  make?: (length: number) => string;
  /** Longer in a record saved before the form knew the limit: refused before any payload is made. */
  olderRefused?: true;
}
interface Form {
  name: string;
  schema: z.ZodType;
  base: unknown;
  fields: FormField[];
}

const addressFields = (prefix: string, to: "contact" | "free text"): FormField[] =>
  (
    [
      ["line1", "Address.AddressLine1"],
      ["line2", "Address.AddressLine2"],
      ["city", "Address.City"],
      ["region", "Address.Region"],
      ["postcode", "Address.PostalCode"],
      ["country", "Address.Country"],
    ] as const
  ).map(([part, key]) => ({
    path: [prefix, part],
    xero: to === "contact" ? { whole: key } : "unlimited",
  }));

const FORMS: Form[] = [
  {
    name: "party",
    schema: partyFormSchema,
    base: partyInput,
    fields: [
      { path: ["name"], xero: { whole: "Contact.Name" } },
      { path: ["email"], xero: { whole: "Contact.EmailAddress" }, make: emailOfLength },
      { path: ["phone"], xero: { whole: "Phone.PhoneNumber" } },
      { path: ["mobile"], xero: { whole: "Phone.PhoneNumber" } },
      { path: ["taxNumber"], xero: { whole: "Contact.TaxNumber" } },
      ...addressFields("billingAddress", "contact"),
      ...addressFields("deliveryAddress", "contact"),
      // Split into first and last name on its spaces: each part is at most the whole.
      { path: ["contactPeople", 0, "name"], xero: { within: "ContactPerson.FirstName" } },
      {
        path: ["contactPeople", 0, "email"],
        xero: { whole: "ContactPerson.EmailAddress" },
        make: emailOfLength,
      },
    ],
  },
  {
    name: "product",
    schema: productFormSchema,
    base: productInput,
    fields: [
      // A cut code could equal another item's: a longer SKU is refused (lib/linking/items.ts).
      { path: ["sku"], xero: { whole: "Item.Code" }, olderRefused: true },
      // A product's name may be longer than an item's: the item takes it cut, with a note.
      { path: ["name"], xero: "cut with a note" },
      { path: ["description"], xero: { whole: "Item.Description" } },
    ],
  },
  {
    name: "quote",
    schema: quoteFormSchema,
    base: quoteInput,
    fields: [
      { path: ["reference"], xero: { within: "Quote.Reference" } },
      { path: ["lines", 0, "description"], xero: { whole: "LineItem.Description" } },
    ],
  },
  {
    name: "sales order",
    schema: salesOrderFormSchema,
    base: salesOrderInput,
    fields: [
      { path: ["reference"], xero: { within: "Invoice.Reference" } },
      { path: ["lines", 0, "description"], xero: { whole: "LineItem.Description" } },
    ],
  },
  {
    name: "generate invoice",
    schema: generateInvoiceSchema,
    base: invoiceInput,
    fields: [{ path: ["reference"], xero: { within: "Invoice.Reference" } }],
  },
  {
    name: "purchase order",
    schema: purchaseOrderFormSchema,
    base: purchaseOrderInput,
    fields: [
      { path: ["reference"], xero: { within: "PurchaseOrder.Reference" } },
      { path: ["deliveryInstructions"], xero: { whole: "PurchaseOrder.DeliveryInstructions" } },
      ...addressFields("deliveryAddress", "free text"),
      { path: ["lines", 0, "description"], xero: { whole: "LineItem.Description" } },
    ],
  },
  {
    name: "convert to bill",
    schema: convertToBillSchema,
    base: billInput,
    fields: [{ path: ["supplierInvoiceNumber"], xero: { whole: "Invoice.InvoiceNumber" } }],
  },
];

const accepts = (form: Form, field: FormField, length: number) =>
  form.schema.safeParse(setAt(form.base, field.path, (field.make ?? ((n) => "x".repeat(n)))(length))).success;

/** The longest value the form accepts in `field` (it accepts every shorter one). */
function longestAccepted(form: Form, field: FormField): number {
  let [lo, hi] = [1, 50_000];
  if (!accepts(form, field, lo))
    throw new Error(`${form.name} refuses a 1-character ${field.path.join(".")}`);
  if (accepts(form, field, hi)) return Infinity;
  while (lo < hi - 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (accepts(form, field, mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Each form's input with every field that reaches Xero at the longest the form accepts, parsed. */
function maximalOutput<T>(form: Form): T {
  let input = form.base;
  for (const field of form.fields) {
    input = setAt(input, field.path, (field.make ?? ((n) => "x".repeat(n)))(longestAccepted(form, field)));
  }
  return form.schema.parse(input) as T;
}

const formNamed = (name: string) => FORMS.find((form) => form.name === name) as Form;

// ---------------------------------------------------------------------------------------------
// What the mappers send for a set of records, built from the forms' output.

/** Document numbers as long as Factory plans for (REFERENCE_PREFIX_ROOM: up to 10 digits). */
const NUMBER = (prefix: string) => `${prefix}-9999999999`;

function mappingContext(notes: string[]): MappingContext {
  return {
    appUrl: "https://factory.example.com",
    accountCode: "2000000000",
    taxTypes: new Map([[GST, "OUTPUT2"]]),
    noTaxType: "NONE",
    // An item code and account code as long as Xero's own limits allow (Item.Code 30, Account.Code 10).
    items: new Map([[WIDGET, { code: "W".repeat(30), accountCode: "4000000000" }]]),
    notes,
  };
}

interface Records {
  party: z.output<typeof partyFormSchema>;
  product: z.output<typeof productFormSchema>;
  quote: z.output<typeof quoteFormSchema>;
  salesOrder: z.output<typeof salesOrderFormSchema>;
  invoice: z.output<typeof generateInvoiceSchema>;
  purchaseOrder: z.output<typeof purchaseOrderFormSchema>;
  bill: z.output<typeof convertToBillSchema>;
}

const maximalRecords = (): Records => ({
  party: maximalOutput(formNamed("party")),
  product: maximalOutput(formNamed("product")),
  quote: maximalOutput(formNamed("quote")),
  salesOrder: maximalOutput(formNamed("sales order")),
  invoice: maximalOutput(formNamed("generate invoice")),
  purchaseOrder: maximalOutput(formNamed("purchase order")),
  bill: maximalOutput(formNamed("convert to bill")),
});

function factoryDocument(number: string, reference: string, lines: readonly { description: string }[]) {
  return {
    id: UUID(20),
    number,
    currency: "NZD",
    taxMode: "exclusive",
    date: "2026-11-25",
    reference: reference || null,
    xeroContactId: UUID(21),
    lines: lines.map((line) => ({
      description: line.description,
      quantity: "1.0000",
      unitPrice: "10.0000",
      discountPercent: "0.0000",
      productId: WIDGET,
      taxRateId: GST,
    })),
  } satisfies FactoryDocument;
}

/** Every payload the mappers make for these records, with the spec schema each is sent as. */
function payloadsFor(records: Records, notes: string[]): { schema: string; payload: object }[] {
  const ctx = mappingContext(notes);
  const { party, product, quote, salesOrder, invoice, purchaseOrder, bill } = records;
  const partyRecord = {
    ...party,
    id: UUID(22),
    code: "C-9999999999",
    archivedAt: null,
    xeroContactId: null,
    version: 1,
    idempotencyKey: null,
    createdAt: new Date(),
    createdBy: null,
    updatedAt: new Date(),
    updatedBy: null,
  } satisfies Party;
  const order = factoryDocument(NUMBER("SO"), salesOrder.reference, salesOrder.lines);
  const po = factoryDocument(NUMBER("PO"), purchaseOrder.reference, purchaseOrder.lines);
  const defaults = {
    salesAccountCode: "2000000000",
    purchaseAccountCode: "3000000000",
    salesTaxType: "OUTPUT2",
    purchaseTaxType: "INPUT2",
  };
  return [
    { schema: "Contact", payload: newContactPayload("customer", partyRecord, notes) },
    { schema: "Contact", payload: newContactPayload("supplier", partyRecord, notes) },
    { schema: "Item", payload: newItemPayload(product, defaults, notes) },
    {
      schema: "Quote",
      payload: mapQuote(
        { ...factoryDocument(NUMBER("Q"), quote.reference, quote.lines), expiryDate: "2026-12-25" },
        ctx,
      ),
    },
    { schema: "Invoice", payload: mapSalesOrder(order, ctx) },
    {
      schema: "Invoice",
      payload: mapInvoice(
        {
          ...factoryDocument(NUMBER("SI"), invoice.reference, salesOrder.lines),
          dueDate: "2026-12-20",
          salesOrder: { id: order.id, number: order.number },
        },
        ctx,
      ),
    },
    {
      schema: "PurchaseOrder",
      payload: mapPurchaseOrder(
        {
          ...po,
          deliveryDate: "2026-12-01",
          deliveryAddress: purchaseOrder.deliveryAddress,
          deliveryInstructions: purchaseOrder.deliveryInstructions,
        },
        ctx,
        "AUTHORISED",
      ),
    },
    {
      schema: "Invoice",
      payload: mapBill(
        {
          ...factoryDocument(NUMBER("BL"), "", purchaseOrder.lines),
          dueDate: "2026-12-20",
          supplierInvoiceNumber: bill.supplierInvoiceNumber,
          purchaseOrder: { id: po.id, number: po.number },
        },
        ctx,
        "AUTHORISED",
      ),
    },
    {
      // A credit note's reference is the customer's, as an invoice's (the same form limit).
      schema: "CreditNote",
      payload: mapCreditNote(
        {
          ...factoryDocument(NUMBER("CN"), invoice.reference, salesOrder.lines),
          kind: "customer",
          credited: { id: UUID(23), number: NUMBER("SI") },
        },
        ctx,
      ),
    },
    {
      // A supplier credit's number is the supplier's own, as a bill's supplier invoice number.
      schema: "CreditNote",
      payload: mapCreditNote(
        {
          ...factoryDocument(NUMBER("SC"), bill.supplierInvoiceNumber, purchaseOrder.lines),
          kind: "supplier",
          credited: { id: UUID(24), number: NUMBER("BL") },
        },
        ctx,
      ),
    },
  ];
}

const emittedFor = (records: Records, notes: string[]) =>
  payloadsFor(records, notes).flatMap(({ schema, payload }) => emittedStrings(schema, payload));

/** Records saved before the forms knew Xero's limits: every field that reaches Xero `times` as long. */
function overLong(records: Records, times: number): Records {
  const grown = structuredClone(records);
  for (const [key, formName] of Object.entries(RECORD_FORMS)) {
    const record = grown[key as keyof Records] as unknown as Record<string | number, unknown>;
    for (const field of formNamed(formName).fields) {
      if (field.olderRefused) continue;
      let at = record;
      for (const step of field.path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
      const last = field.path.at(-1) as string | number;
      at[last] = grow(at[last] as string, times);
    }
  }
  return grown;
}

const RECORD_FORMS: Record<keyof Records, string> = {
  party: "party",
  product: "product",
  quote: "quote",
  salesOrder: "sales order",
  invoice: "generate invoice",
  purchaseOrder: "purchase order",
  bill: "convert to bill",
};

/** `value` grown to `times` its length with graphemes of 2 (e + combining acute), 2 (🔩) and 8 (👩‍👩‍👧) code units. */
function grow(value: string, times: number): string {
  let out = value;
  while (out.length < value.length * times) out += "e\u0301🔩👩‍👩‍👧x";
  return out;
}

// ---------------------------------------------------------------------------------------------

describe("the limits table", () => {
  it("agrees with Xero's spec: its maxLength (or its description), or no limit where Factory sets its own", () => {
    for (const [key, limit] of Object.entries(XERO_STRING_LIMITS)) {
      const [schemaName = "", property = ""] = key.split(".");
      const propertySchema = schemas[schemaName]?.properties?.[property];
      expect(propertySchema, `${key} is in the spec`).toBeDefined();
      const inSpec = specMaxLength(propertySchema ?? {});
      if (limit.source === "factory") {
        expect(
          inSpec,
          `${key}: the spec sets no limit, so Factory's own is marked "factory"`,
        ).toBeUndefined();
      } else {
        expect(inSpec, key).toBe(limit.max);
        expect(typeof propertySchema?.maxLength === "number", `${key}: maxLength vs description`).toBe(
          limit.source === "spec",
        );
      }
    }
  });

  it("names every string the mappers send, or knows it unlimited; and every entry is sent", () => {
    const notes: string[] = [];
    const emitted = emittedFor(maximalRecords(), notes);
    const fields = new Set(emitted.map((e) => e.field));
    for (const { field, schema } of emitted) {
      const limited = field in XERO_STRING_LIMITS;
      expect(limited || field in UNLIMITED, `classify ${field} in lib/xero/limits.ts`).toBe(true);
      if (!limited) expect(specMaxLength(schema), `${field} has a limit in the spec`).toBeUndefined();
    }
    for (const key of Object.keys(XERO_STRING_LIMITS)) expect(fields, `${key} is sent`).toContain(key);
    for (const key of Object.keys(UNLIMITED)) expect(fields, `${key} is sent`).toContain(key);
  });
});

describe("the forms", () => {
  const cases = FORMS.flatMap((form) =>
    form.fields.map((field) => ({ form, field, label: `${form.name}: ${field.path.join(".")}` })),
  );

  it.each(cases.filter((c) => typeof c.field.xero === "object"))(
    "$label refuses one character more than Xero takes",
    ({ form, field }) => {
      const xero = field.xero as { whole: XeroLimitKey } | { within: XeroLimitKey };
      const max = "whole" in xero ? xeroMax(xero.whole) : xeroMax(xero.within);
      expect(accepts(form, field, max + 1)).toBe(false);
      expect(longestAccepted(form, field)).toBeLessThanOrEqual(max);
    },
  );

  it("leaves room in a reference for the document's numbers", () => {
    for (const form of FORMS) {
      const reference = form.fields.find((f) => f.path.join(".") === "reference");
      if (reference) expect(longestAccepted(form, reference), form.name).toBe(MAX_PARTY_REFERENCE);
    }
    const invoice = `${NUMBER("SI")} · ${NUMBER("SO")} · `;
    expect(invoice.length + MAX_PARTY_REFERENCE).toBeLessThanOrEqual(xeroMax("Invoice.Reference"));
  });

  it("says the limit in the field's own error", () => {
    const result = partyFormSchema.safeParse(
      setAt(
        partyInput,
        ["billingAddress", "country"],
        "United Kingdom of Great Britain and Northern Ireland",
      ),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ["billingAddress", "country"],
        message: "Country can be at most 50 characters.",
      }),
    ]);
    const reference = salesOrderFormSchema.safeParse({ ...salesOrderInput, reference: "x".repeat(224) });
    expect(reference.error?.issues[0]?.message).toBe(
      "Reference can be at most 223 characters: Xero keeps 255, with the document's number in front.",
    );
  });
});

describe("the mappers", () => {
  it("send the most the forms accept whole, within Xero's limits, with no note but the item's name", () => {
    const notes: string[] = [];
    const emitted = emittedFor(maximalRecords(), notes);
    for (const { field, value } of emitted) {
      if (field in XERO_STRING_LIMITS)
        expect(value.length, field).toBeLessThanOrEqual(xeroMax(field as XeroLimitKey));
    }
    // The form takes a 200-character product name; Xero's item name is 50.
    expect(notes).toEqual(["Item name shortened to Xero's 50 characters"]);
  });

  it("cut what older records hold beyond the limits, on grapheme boundaries, and say so", () => {
    const notes: string[] = [];
    const emitted = emittedFor(overLong(maximalRecords(), 3), notes);
    for (const { field, value } of emitted) {
      expect(value.isWellFormed(), `${field} has no half of an emoji`).toBe(true);
      if (field in XERO_STRING_LIMITS)
        expect(value.length, field).toBeLessThanOrEqual(xeroMax(field as XeroLimitKey));
    }
    expect(notes).toEqual(
      expect.arrayContaining([
        "Name shortened to Xero's 255 characters",
        "Country shortened to Xero's 50 characters",
        "Item name shortened to Xero's 50 characters",
        "Reference shortened to Xero's 255 characters",
        "Line description shortened to Xero's 4,000 characters",
        "Delivery instructions shortened to Xero's 500 characters",
        "Supplier invoice number shortened to Xero's 255 characters",
      ]),
    );
  });

  it("refuse a SKU too long to be an item code, rather than cut it", () => {
    const records = maximalRecords();
    const product = { ...records.product, sku: "S".repeat(31) };
    expect(() =>
      newItemPayload(product, {
        salesAccountCode: null,
        purchaseAccountCode: null,
        salesTaxType: null,
        purchaseTaxType: null,
      }),
    ).toThrow(
      'The SKU "SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS" is 31 characters; Xero item codes can be at most 30.',
    );
  });

  it("cut a composed reference to 255 with the numbers kept in front", () => {
    const notes: string[] = [];
    const order = factoryDocument("SO-00042", "PO ".padEnd(255, "7"), [{ description: "Gate" }]);
    const payload = mapSalesOrder(order, mappingContext(notes));
    expect(payload.Reference).toHaveLength(255);
    expect(payload.Reference?.startsWith("SO-00042 · PO 777")).toBe(true);
    expect(payload.Reference?.endsWith("7…")).toBe(true);
    expect(notes).toEqual(["Reference shortened to Xero's 255 characters"]);
  });
});

describe("cutToLength", () => {
  it("leaves a value that fits alone", () => {
    expect(cutToLength("x".repeat(50), 50)).toBe("x".repeat(50));
    expect(fitToXero("Bracket", "Item.Name")).toBe("Bracket");
  });

  it("never splits an emoji at the boundary: it is kept whole or dropped whole", () => {
    // 48 letters then 🔩 (2 code units) then more: 49 units leave room for 48 + "…" only.
    const name = `${"a".repeat(48)}🔩${"b".repeat(10)}`;
    const cut = cutToLength(name, 50);
    expect(cut).toBe(`${"a".repeat(48)}…`);
    expect(cut.isWellFormed()).toBe(true);
    // With one letter less, the emoji fits whole before the ellipsis.
    const fits = cutToLength(`${"a".repeat(47)}🔩${"b".repeat(10)}`, 50);
    expect(fits).toBe(`${"a".repeat(47)}🔩…`);
    expect(fits).toHaveLength(50);
  });

  it("keeps a letter with its combining mark, a ZWJ family and a flag together", () => {
    expect(cutToLength(`${"a".repeat(47)}e\u0301xyz`, 50)).toBe(`${"a".repeat(47)}e\u0301…`);
    expect(cutToLength(`${"a".repeat(48)}e\u0301xyz`, 50)).toBe(`${"a".repeat(48)}…`);
    const family = "👩‍👩‍👧"; // 8 code units, one grapheme
    expect(cutToLength(`${"a".repeat(45)}${family}z`, 50)).toBe(`${"a".repeat(45)}…`);
    expect(cutToLength(`${"a".repeat(41)}${family}zz`, 50)).toBe(`${"a".repeat(41)}${family}…`);
    const flag = "🇳🇿"; // two regional indicators, 4 code units
    expect(cutToLength(`${"a".repeat(46)}${flag}zz`, 50)).toBe(`${"a".repeat(46)}…`);
  });

  it("counts UTF-16 code units, never more than the limit, and drops trailing spaces before the ellipsis", () => {
    const cut = cutToLength("🔩".repeat(40), 50);
    expect(cut).toBe(`${"🔩".repeat(24)}…`);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cutToLength(`${"a".repeat(45)}    bbbbbbbb`, 50)).toBe(`${"a".repeat(45)}…`);
  });

  it("notes a cut once per field", () => {
    const notes: string[] = [];
    fitToXero("x".repeat(60), "Address.Country", notes);
    fitToXero("y".repeat(60), "Address.Country", notes);
    fitToXero("short", "Address.City", notes);
    expect(notes).toEqual(["Country shortened to Xero's 50 characters"]);
  });
});
