import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CurrencyCode,
  Invoice,
  LineAmountTypes,
  QuoteLineAmountTypes,
  type Contact,
  type Invoice as InvoiceModel,
} from "xero-node";
import { sdkError } from "./harness";
import { openAccountingSession, type AccountingSession } from "./session";

/**
 * Currencies, as Xero holds them (docs/xero/api-behaviour.md#currencies): GET /Currencies lists what the organisation has
 * added; a document in any other currency is refused; a foreign document carries a CurrencyRate
 * (the one sent, else Xero's day rate), a base-currency one always 1. Written so it holds for a real
 * demo company with multi-currency too.
 */
let s: AccountingSession;
let t: string;
let base: string;
let enabled: string[];
const run = Date.now().toString(36);
const api = () => s.client.accountingApi;

beforeAll(async () => {
  s = await openAccountingSession();
  t = s.tenantId;
  base = String((await api().getOrganisations(t)).body.organisations?.[0]?.baseCurrency);
  enabled = ((await api().getCurrencies(t)).body.currencies ?? []).map((c) => String(c.code));
});
afterAll(() => s.close());

const code = (value: string) => CurrencyCode[value as keyof typeof CurrencyCode];

async function newContact(name: string): Promise<Contact> {
  const created = await api().createContacts(t, { contacts: [{ name: `${name} ${run}` }] });
  const contact = created.body.contacts?.[0];
  if (!contact?.contactID) throw new Error("contact not created");
  return contact;
}

function invoiceIn(contactID: string, currency: string, extra: Partial<InvoiceModel> = {}): InvoiceModel {
  return {
    type: Invoice.TypeEnum.ACCREC,
    contact: { contactID },
    date: "2026-11-20",
    dueDate: "2026-12-20",
    lineAmountTypes: LineAmountTypes.Exclusive,
    currencyCode: code(currency),
    lineItems: [{ description: "Brackets", quantity: 2, unitAmount: 50, accountCode: "200" }],
    ...extra,
  };
}

/** A currency Xero knows that this organisation has not added. */
const notEnabled = () => ["EUR", "JPY", "CAD", "SGD", "NZD", "GBP"].find((c) => !enabled.includes(c)) ?? "";
const foreign = () => enabled.find((c) => c !== base) ?? "";

describe("currencies", () => {
  it("lists the organisation's currencies, its base currency among them, filtered with where", async () => {
    expect(enabled).toContain(base);
    expect(foreign()).not.toBe("");
    const filtered = (await api().getCurrencies(t, `Code=="${base}"`)).body.currencies ?? [];
    expect(filtered.map((c) => String(c.code))).toEqual([base]);
    expect(filtered[0]?.description).toBeTruthy();
  });

  it("refuses an invoice in a currency not enabled with Xero's ValidationException, and keeps nothing", async () => {
    const customer = await newContact("Currency Refused");
    const currency = notEnabled();
    const error = await sdkError(
      api().createInvoices(t, { invoices: [invoiceIn(customer.contactID ?? "", currency)] }),
    );
    expect(error.response.statusCode).toBe(400);
    const body = error.response.body as {
      ErrorNumber: number;
      Type: string;
      Elements: { ValidationErrors: { Message: string }[] }[];
    };
    expect(body.ErrorNumber).toBe(10);
    expect(body.Type).toBe("ValidationException");
    expect(body.Elements[0]?.ValidationErrors.map((e) => e.Message)).toContain(
      `Organisation is not subscribed to currency ${currency}`,
    );
    const held = await api().getInvoices(t, undefined, undefined, undefined, undefined, undefined, [
      customer.contactID ?? "",
    ]);
    expect(held.body.invoices ?? []).toEqual([]);
  });

  it("refuses quotes and purchase orders in a currency not enabled, per element", async () => {
    const contact = await newContact("Currency Refused Docs");
    const currency = notEnabled();
    const quotes = await api().createQuotes(
      t,
      {
        quotes: [
          {
            contact: { contactID: contact.contactID },
            date: "2026-11-20",
            currencyCode: code(currency),
            lineAmountTypes: QuoteLineAmountTypes.EXCLUSIVE,
            lineItems: [{ description: "Gate", quantity: 1, unitAmount: 100, accountCode: "200" }],
          },
        ],
      },
      false,
    );
    expect(quotes.body.quotes?.[0]?.validationErrors?.map((e) => e.message)).toContain(
      `Organisation is not subscribed to currency ${currency}`,
    );
    const orders = await api().createPurchaseOrders(
      t,
      {
        purchaseOrders: [
          {
            contact: { contactID: contact.contactID },
            date: "2026-11-20",
            currencyCode: code(currency),
            lineItems: [{ description: "Steel", quantity: 1, unitAmount: 100, accountCode: "300" }],
          },
        ],
      },
      false,
    );
    expect(orders.body.purchaseOrders?.[0]?.validationErrors?.map((e) => e.message)).toContain(
      `Organisation is not subscribed to currency ${currency}`,
    );
  });

  it("applies the day rate to a foreign document sent without one, and 1 in the base currency", async () => {
    const customer = await newContact("Currency Rate");
    const created = await api().createInvoices(
      t,
      {
        invoices: [
          invoiceIn(customer.contactID ?? "", foreign()),
          invoiceIn(customer.contactID ?? "", base),
          invoiceIn(customer.contactID ?? "", foreign(), { currencyRate: 0.5 }),
        ],
      },
      false,
    );
    const [dayRated, inBase, given] = created.body.invoices ?? [];
    expect(String(dayRated?.currencyCode)).toBe(foreign());
    expect(dayRated?.currencyRate).toBeGreaterThan(0);
    expect(dayRated?.currencyRate).not.toBe(1);
    expect(inBase?.currencyRate).toBe(1);
    expect(given?.currencyRate).toBe(0.5);
    // An update that names no rate keeps the document's own.
    const updated = await api().updateInvoice(t, given?.invoiceID ?? "", {
      invoices: [{ reference: "same rate" }],
    });
    expect(updated.body.invoices?.[0]?.currencyRate).toBe(0.5);
  });

  it("applies the day rate to quotes and purchase orders in a foreign currency", async () => {
    const contact = await newContact("Currency Rate Docs");
    const quote = (
      await api().createQuotes(t, {
        quotes: [
          {
            contact: { contactID: contact.contactID },
            date: "2026-11-20",
            currencyCode: code(foreign()),
            lineItems: [{ description: "Gate", quantity: 1, unitAmount: 100, accountCode: "200" }],
          },
        ],
      })
    ).body.quotes?.[0];
    expect(String(quote?.currencyCode)).toBe(foreign());
    expect(quote?.currencyRate).toBeGreaterThan(0);
    const order = (
      await api().createPurchaseOrders(t, {
        purchaseOrders: [
          {
            contact: { contactID: contact.contactID },
            date: "2026-11-20",
            currencyCode: code(foreign()),
            lineItems: [{ description: "Steel", quantity: 1, unitAmount: 100, accountCode: "300" }],
          },
        ],
      })
    ).body.purchaseOrders?.[0];
    expect(order?.currencyRate).toBe(quote?.currencyRate);
  });
});
