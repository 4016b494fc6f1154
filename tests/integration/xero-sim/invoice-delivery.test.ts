import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreditNote, Invoice, LineAmountTypes, PurchaseOrder, type Contact } from "xero-node";
import type { AppXeroClient } from "@/lib/xero/api/client";
import type { RunningXeroSim } from "@/xero-sim/server";
import { admin, connect, NZ, sdkError, startSim } from "./harness";

/**
 * Xero's renderings and invoice email (developer.xero.com/documentation/api/invoices: "Retrieving the
 * online invoice url", "Emailing an invoice"; requests-and-responses: `Accept: application/pdf`),
 * through xero-node as the app calls them. The simulator is as strict as those docs or stricter.
 */
let sim: RunningXeroSim;
let client: AppXeroClient;
let t: string;
const api = () => client.accountingApi;

beforeAll(async () => {
  sim = await startSim({ limits: { perMinute: 10_000 } });
  const connected = await connect(sim, { organisations: [NZ] });
  client = connected.client;
  t = connected.tenantId(NZ);
});
afterAll(() => sim.close());

async function newContact(name: string, extra: Partial<Contact> = {}): Promise<Contact> {
  const created = await api().createContacts(t, { contacts: [{ name, ...extra }] });
  const contact = created.body.contacts?.[0];
  if (!contact?.contactID) throw new Error("contact not created");
  return contact;
}

async function newInvoice(
  contactID: string,
  status: Invoice.StatusEnum,
  type: Invoice.TypeEnum = Invoice.TypeEnum.ACCREC,
): Promise<Invoice> {
  const created = await api().createInvoices(t, {
    invoices: [
      {
        type,
        contact: { contactID },
        date: "2026-11-20",
        dueDate: "2026-12-20",
        status,
        ...(type === Invoice.TypeEnum.ACCPAY ? { invoiceNumber: `SUP-${Date.now()}` } : {}),
        lineAmountTypes: LineAmountTypes.Exclusive,
        lineItems: [
          {
            description: "Laser cutting",
            quantity: 2,
            unitAmount: 50,
            accountCode: type === Invoice.TypeEnum.ACCREC ? "200" : "300",
            taxType: type === Invoice.TypeEnum.ACCREC ? "OUTPUT2" : "INPUT2",
          },
        ],
      },
    ],
  });
  const invoice = created.body.invoices?.[0];
  if (!invoice?.invoiceID) throw new Error("invoice not created");
  return invoice;
}

const text = (pdf: Buffer) => pdf.toString("latin1");

describe("PDFs", () => {
  it("renders an invoice as a PDF naming its number, contact and total", async () => {
    const contact = await newContact("Renderings Ltd");
    const invoice = await newInvoice(contact.contactID ?? "", Invoice.StatusEnum.AUTHORISED);
    const { body, response } = await api().getInvoiceAsPdf(t, invoice.invoiceID ?? "");
    expect(response.headers["content-type"]).toContain("application/pdf");
    expect(text(body).startsWith("%PDF-1.")).toBe(true);
    expect(text(body)).toContain(invoice.invoiceNumber ?? "missing");
    expect(text(body)).toContain("Renderings Ltd");
    expect(text(body)).toContain("115.00");
    expect(text(body).trimEnd().endsWith("%%EOF")).toBe(true);
  });

  it("keeps the cross-reference table exact, so viewers can open it", async () => {
    const contact = await newContact("Xref (Brackets) Ltd");
    const invoice = await newInvoice(contact.contactID ?? "", Invoice.StatusEnum.DRAFT);
    const pdf = text((await api().getInvoiceAsPdf(t, invoice.invoiceID ?? "")).body);
    const startxref = Number(/startxref\n(\d+)/.exec(pdf)?.[1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe("xref");
    const offsets = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, index) => expect(pdf.slice(offset).startsWith(`${index + 1} 0 obj`)).toBe(true));
    expect(pdf).toContain("Xref \\(Brackets\\) Ltd");
  });

  it("renders quotes, purchase orders and credit notes, and answers 404 for an unknown id", async () => {
    const contact = await newContact("Quote Render Ltd");
    const quote = (
      await api().createQuotes(t, {
        quotes: [
          {
            contact: { contactID: contact.contactID ?? "" },
            date: "2026-11-20",
            lineItems: [{ description: "Brackets", quantity: 1, unitAmount: 20, accountCode: "200" }],
          },
        ],
      })
    ).body.quotes?.[0];
    const quotePdf = text((await api().getQuoteAsPdf(t, quote?.quoteID ?? "")).body);
    expect(quotePdf).toContain(`QUOTE ${quote?.quoteNumber ?? "missing"}`);
    const order = (
      await api().createPurchaseOrders(t, {
        purchaseOrders: [
          {
            contact: { contactID: contact.contactID ?? "" },
            date: "2026-11-20",
            status: PurchaseOrder.StatusEnum.DRAFT,
            lineItems: [{ description: "Steel", quantity: 1, unitAmount: 20, accountCode: "300" }],
          },
        ],
      })
    ).body.purchaseOrders?.[0];
    const orderPdf = text((await api().getPurchaseOrderAsPdf(t, order?.purchaseOrderID ?? "")).body);
    expect(orderPdf).toContain(`PURCHASE ORDER ${order?.purchaseOrderNumber ?? "missing"}`);
    const credit = (
      await api().createCreditNotes(t, {
        creditNotes: [
          {
            type: CreditNote.TypeEnum.ACCRECCREDIT,
            contact: { contactID: contact.contactID ?? "" },
            date: "2026-11-20",
            lineAmountTypes: LineAmountTypes.Exclusive,
            lineItems: [
              {
                description: "Returned",
                quantity: 1,
                unitAmount: 20,
                accountCode: "200",
                taxType: "OUTPUT2",
              },
            ],
          },
        ],
      })
    ).body.creditNotes?.[0];
    const creditPdf = text((await api().getCreditNoteAsPdf(t, credit?.creditNoteID ?? "")).body);
    expect(creditPdf).toContain(`CREDIT NOTE ${credit?.creditNoteNumber ?? "missing"}`);
    const missing = await sdkError(api().getInvoiceAsPdf(t, "00000000-0000-0000-0000-000000000001"));
    expect(missing.response.statusCode).toBe(404);
  });
});

describe("online invoice", () => {
  it("gives an approved sales invoice's link, whose page shows the invoice", async () => {
    const contact = await newContact("Online Ltd");
    const invoice = await newInvoice(contact.contactID ?? "", Invoice.StatusEnum.AUTHORISED);
    const { body } = await api().getOnlineInvoice(t, invoice.invoiceID ?? "");
    const url = body.onlineInvoices?.[0]?.onlineInvoiceUrl ?? "";
    expect(url).toMatch(/^http/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(Buffer.from(await page.arrayBuffer()).toString("latin1")).toContain(invoice.invoiceNumber ?? "x");
  });

  it("refuses drafts (docs: no online invoice url for DRAFT invoices) and bills", async () => {
    const contact = await newContact("Online Draft Ltd");
    const draft = await newInvoice(contact.contactID ?? "", Invoice.StatusEnum.DRAFT);
    const refusal = await sdkError(api().getOnlineInvoice(t, draft.invoiceID ?? ""));
    expect(refusal.response.statusCode).toBe(400);
    const bill = await newInvoice(
      contact.contactID ?? "",
      Invoice.StatusEnum.AUTHORISED,
      Invoice.TypeEnum.ACCPAY,
    );
    expect((await sdkError(api().getOnlineInvoice(t, bill.invoiceID ?? ""))).response.statusCode).toBe(400);
  });
});

describe("email", () => {
  it("emails an approved sales invoice to its contact's address: 204, recorded, marked sent", async () => {
    const contact = await newContact("Email Ltd", { emailAddress: "accounts@email-ltd.example" });
    const invoice = await newInvoice(contact.contactID ?? "", Invoice.StatusEnum.AUTHORISED);
    const { response } = await api().emailInvoice(t, invoice.invoiceID ?? "", {});
    expect(response.status).toBe(204);
    const { records } = await admin<{ records: { InvoiceID: string; To: string }[] }>(
      sim,
      "GET",
      `/sim/orgs/${t}/emails`,
    );
    expect(records.filter((email) => email.InvoiceID === invoice.invoiceID)).toEqual([
      expect.objectContaining({ To: "accounts@email-ltd.example" }),
    ]);
    const read = (await api().getInvoice(t, invoice.invoiceID ?? "")).body.invoices?.[0];
    expect(read?.sentToContact).toBe(true);
  });

  it("refuses drafts, bills and contacts without an email address, and records nothing", async () => {
    const withEmail = await newContact("Email Refusals Ltd", { emailAddress: "ap@refusals.example" });
    const noEmail = await newContact("No Email Ltd");
    const draft = await newInvoice(withEmail.contactID ?? "", Invoice.StatusEnum.DRAFT);
    const submitted = await newInvoice(withEmail.contactID ?? "", Invoice.StatusEnum.SUBMITTED);
    const bill = await newInvoice(
      withEmail.contactID ?? "",
      Invoice.StatusEnum.AUTHORISED,
      Invoice.TypeEnum.ACCPAY,
    );
    const unreachable = await newInvoice(noEmail.contactID ?? "", Invoice.StatusEnum.AUTHORISED);
    const before = (await admin<{ records: unknown[] }>(sim, "GET", `/sim/orgs/${t}/emails`)).records.length;
    for (const invoice of [draft, submitted, bill, unreachable]) {
      const refusal = await sdkError(api().emailInvoice(t, invoice.invoiceID ?? "", {}));
      expect(refusal.response.statusCode).toBe(400);
    }
    const unreachableRefusal = await sdkError(api().emailInvoice(t, unreachable.invoiceID ?? "", {}));
    expect(JSON.stringify(unreachableRefusal.response.body)).toContain("no email address");
    const after = (await admin<{ records: unknown[] }>(sim, "GET", `/sim/orgs/${t}/emails`)).records.length;
    expect(after).toBe(before);
  });
});
