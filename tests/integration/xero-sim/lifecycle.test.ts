import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Invoice, LineAmountTypes, PurchaseOrder, QuoteStatusCodes, type AccountingApi } from "xero-node";
import type { RunningXeroSim } from "@/xero-sim/server";
import { admin, connect, NZ, sdkError, startSim } from "./harness";

/**
 * The simulator refuses status changes as Xero does (xero-sim/accounting/lifecycle.ts). Sources:
 * developer.xero.com/documentation/api/accounting/invoices ("Deleting and voiding invoices": DRAFT
 * and SUBMITTED may be DELETED, AUTHORISED may be VOIDED, not once a payment is applied),
 * …/quotes (DRAFT → SENT → ACCEPTED | DECLINED → INVOICED; DELETED from DRAFT), …/purchaseorders
 * (DRAFT | SUBMITTED | AUTHORISED | BILLED | DELETED); docs/xero/api-behaviour.md#statuses-and-what-each-allows.
 */
let sim: RunningXeroSim;
let api: AccountingApi;
let t: string;
let contactID: string;

beforeAll(async () => {
  sim = await startSim({ limits: { perMinute: 10_000 } });
  const connected = await connect(sim, { organisations: [NZ] });
  api = connected.client.accountingApi;
  t = connected.tenantId(NZ);
  const created = await api.createContacts(t, { contacts: [{ name: `Lifecycle ${Date.now()}` }] });
  contactID = created.body.contacts?.[0]?.contactID ?? "";
});
afterAll(() => sim.close());

const line = { description: "Bracket", quantity: 2, unitAmount: 10, accountCode: "200", taxType: "OUTPUT2" };

async function invoice(status: Invoice.StatusEnum, type = Invoice.TypeEnum.ACCREC): Promise<string> {
  const created = await api.createInvoices(t, {
    invoices: [
      {
        type,
        contact: { contactID },
        date: "2026-11-20",
        dueDate: "2026-12-20",
        lineAmountTypes: LineAmountTypes.Exclusive,
        status,
        ...(type === Invoice.TypeEnum.ACCPAY ? { invoiceNumber: "SUP-1" } : {}),
        lineItems: [
          { ...line, ...(type === Invoice.TypeEnum.ACCPAY ? { accountCode: "300", taxType: "INPUT2" } : {}) },
        ],
      },
    ],
  });
  return created.body.invoices?.[0]?.invoiceID ?? "";
}

const messageOf = (error: { response: { body: unknown } }): string =>
  (error.response.body as { Elements: { ValidationErrors: { Message: string }[] }[] }).Elements[0]
    ?.ValidationErrors[0]?.Message ?? "";

async function setInvoice(id: string, status: Invoice.StatusEnum) {
  return (await api.updateInvoice(t, id, { invoices: [{ status }] })).body.invoices?.[0]?.status;
}

async function refusedInvoice(id: string, status: Invoice.StatusEnum): Promise<string> {
  const error = await sdkError(api.updateInvoice(t, id, { invoices: [{ status }] }));
  expect(error.response.statusCode).toBe(400);
  return messageOf(error);
}

async function simStatus(collection: string, idField: string, id: string): Promise<unknown> {
  const { records } = await admin<{ records: Record<string, unknown>[] }>(
    sim,
    "GET",
    `/sim/orgs/${t}/${collection}`,
  );
  return records.find((r) => r[idField] === id)?.Status;
}

describe("invoices and bills", () => {
  it("deletes a DRAFT or SUBMITTED invoice, and a deleted one takes no change", async () => {
    const draft = await invoice(Invoice.StatusEnum.DRAFT);
    expect(await setInvoice(draft, Invoice.StatusEnum.DELETED)).toBe("DELETED");
    const submitted = await invoice(Invoice.StatusEnum.SUBMITTED);
    expect(await setInvoice(submitted, Invoice.StatusEnum.DELETED)).toBe("DELETED");
    expect(await refusedInvoice(draft, Invoice.StatusEnum.DRAFT)).toMatch(
      /not of valid status for modification/,
    );
    expect(await simStatus("invoices", "InvoiceID", draft)).toBe("DELETED");
  });

  it("voids an AUTHORISED invoice with no payments, but never deletes it nor takes it back to DRAFT", async () => {
    const id = await invoice(Invoice.StatusEnum.AUTHORISED);
    expect(await refusedInvoice(id, Invoice.StatusEnum.DELETED)).toBe(
      "Invoice not of valid status for modification. A AUTHORISED invoice cannot become DELETED.",
    );
    expect(await refusedInvoice(id, Invoice.StatusEnum.DRAFT)).toMatch(/cannot become DRAFT/);
    expect(await refusedInvoice(id, Invoice.StatusEnum.SUBMITTED)).toMatch(/cannot become SUBMITTED/);
    expect(await simStatus("invoices", "InvoiceID", id)).toBe("AUTHORISED");
    expect(await setInvoice(id, Invoice.StatusEnum.VOIDED)).toBe("VOIDED");
    expect(await refusedInvoice(id, Invoice.StatusEnum.AUTHORISED)).toMatch(/has been voided/);
    expect(await simStatus("invoices", "InvoiceID", id)).toBe("VOIDED");
  });

  it("voids a bill as it voids an invoice", async () => {
    const id = await invoice(Invoice.StatusEnum.AUTHORISED, Invoice.TypeEnum.ACCPAY);
    expect(await setInvoice(id, Invoice.StatusEnum.VOIDED)).toBe("VOIDED");
    const draftBill = await invoice(Invoice.StatusEnum.DRAFT, Invoice.TypeEnum.ACCPAY);
    expect(await refusedInvoice(draftBill, Invoice.StatusEnum.VOIDED)).toMatch(
      /A DRAFT invoice cannot become VOIDED/,
    );
  });

  it("refuses voiding or deleting a paid invoice with Xero's words", async () => {
    const id = await invoice(Invoice.StatusEnum.AUTHORISED);
    await admin(sim, "POST", `/sim/invoices/${id}/pay`);
    const paid = "This document cannot be edited as it has a payment or credit note allocated to it.";
    expect(await refusedInvoice(id, Invoice.StatusEnum.VOIDED)).toBe(paid);
    expect(await refusedInvoice(id, Invoice.StatusEnum.DELETED)).toBe(paid);
    expect(await simStatus("invoices", "InvoiceID", id)).toBe("PAID");
  });

  it("creates only as DRAFT, SUBMITTED or AUTHORISED", async () => {
    const error = await sdkError(
      api.createInvoices(t, {
        invoices: [
          {
            type: Invoice.TypeEnum.ACCREC,
            contact: { contactID },
            status: Invoice.StatusEnum.VOIDED,
            lineItems: [line],
          },
        ],
      }),
    );
    expect(messageOf(error)).toBe("Invoice not of valid status for creation");
  });
});

describe("quotes", () => {
  async function quote(): Promise<string> {
    const created = await api.createQuotes(t, {
      quotes: [{ contact: { contactID }, date: "2026-11-20", lineItems: [line] }],
    });
    return created.body.quotes?.[0]?.quoteID ?? "";
  }
  const move = async (id: string, status: QuoteStatusCodes) =>
    (await api.updateQuote(t, id, { quotes: [{ contact: { contactID }, date: "2026-11-20", status }] })).body
      .quotes?.[0]?.status;
  const refused = async (id: string, status: QuoteStatusCodes) => {
    const error = await sdkError(
      api.updateQuote(t, id, { quotes: [{ contact: { contactID }, date: "2026-11-20", status }] }),
    );
    expect(error.response.statusCode).toBe(400);
    return messageOf(error);
  };

  it("moves DRAFT → SENT → ACCEPTED → INVOICED, one step at a time, never back", async () => {
    const id = await quote();
    expect(await refused(id, QuoteStatusCodes.ACCEPTED)).toBe(
      "The quote status cannot change from DRAFT to ACCEPTED.",
    );
    expect(await move(id, QuoteStatusCodes.SENT)).toBe("SENT");
    expect(await refused(id, QuoteStatusCodes.DRAFT)).toMatch(/from SENT to DRAFT/);
    expect(await move(id, QuoteStatusCodes.ACCEPTED)).toBe("ACCEPTED");
    expect(await refused(id, QuoteStatusCodes.DECLINED)).toMatch(/from ACCEPTED to DECLINED/);
    expect(await move(id, QuoteStatusCodes.INVOICED)).toBe("INVOICED");
    expect(await refused(id, QuoteStatusCodes.ACCEPTED)).toBe(
      "This quote cannot be edited as it has a status of INVOICED.",
    );
    expect(await simStatus("quotes", "QuoteID", id)).toBe("INVOICED");
  });

  it("declines a sent quote, and deletes only a DRAFT one", async () => {
    const id = await quote();
    expect(await move(id, QuoteStatusCodes.SENT)).toBe("SENT");
    expect(await refused(id, QuoteStatusCodes.DELETED)).toMatch(/from SENT to DELETED/);
    expect(await move(id, QuoteStatusCodes.DECLINED)).toBe("DECLINED");
    expect(await simStatus("quotes", "QuoteID", id)).toBe("DECLINED");
    const draft = await quote();
    expect(await move(draft, QuoteStatusCodes.DELETED)).toBe("DELETED");
  });
});

describe("purchase orders", () => {
  async function purchaseOrder(status: PurchaseOrder.StatusEnum): Promise<string> {
    const created = await api.createPurchaseOrders(t, {
      purchaseOrders: [
        {
          contact: { contactID },
          date: "2026-11-20",
          status,
          lineItems: [{ ...line, accountCode: "300", taxType: "INPUT2" }],
        },
      ],
    });
    return created.body.purchaseOrders?.[0]?.purchaseOrderID ?? "";
  }
  const move = async (id: string, status: PurchaseOrder.StatusEnum) =>
    (await api.updatePurchaseOrder(t, id, { purchaseOrders: [{ status }] })).body.purchaseOrders?.[0]?.status;
  const refused = async (id: string, status: PurchaseOrder.StatusEnum) => {
    const error = await sdkError(api.updatePurchaseOrder(t, id, { purchaseOrders: [{ status }] }));
    expect(error.response.statusCode).toBe(400);
    return messageOf(error);
  };

  it("bills only an approved purchase order, after which it takes no change", async () => {
    const id = await purchaseOrder(PurchaseOrder.StatusEnum.DRAFT);
    expect(await refused(id, PurchaseOrder.StatusEnum.BILLED)).toBe(
      "The purchase order status cannot change from DRAFT to BILLED.",
    );
    expect(await move(id, PurchaseOrder.StatusEnum.AUTHORISED)).toBe("AUTHORISED");
    expect(await refused(id, PurchaseOrder.StatusEnum.DRAFT)).toMatch(/from AUTHORISED to DRAFT/);
    expect(await move(id, PurchaseOrder.StatusEnum.BILLED)).toBe("BILLED");
    expect(await refused(id, PurchaseOrder.StatusEnum.DELETED)).toBe(
      "This purchase order cannot be edited as it has a status of BILLED.",
    );
    expect(await simStatus("purchaseOrders", "PurchaseOrderID", id)).toBe("BILLED");
  });

  it("deletes a draft or an approved purchase order", async () => {
    const draft = await purchaseOrder(PurchaseOrder.StatusEnum.DRAFT);
    expect(await move(draft, PurchaseOrder.StatusEnum.DELETED)).toBe("DELETED");
    const approved = await purchaseOrder(PurchaseOrder.StatusEnum.AUTHORISED);
    expect(await move(approved, PurchaseOrder.StatusEnum.DELETED)).toBe("DELETED");
    expect(await refused(approved, PurchaseOrder.StatusEnum.AUTHORISED)).toMatch(/status of DELETED/);
    expect(await simStatus("purchaseOrders", "PurchaseOrderID", approved)).toBe("DELETED");
  });
});
