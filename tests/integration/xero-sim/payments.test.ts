import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Invoice, Payment } from "xero-node";
import type { RunningXeroSim } from "@/xero-sim/server";
import { admin, ALL_SCOPES, connect, NZ, sdkError, startSim } from "./harness";

/**
 * Payments on invoices and bills, as Xero gives them back (developer.xero.com/documentation/api/
 * accounting/payments and …/invoices; xero_accounting.yaml `Invoice`: AmountPaid "Sum of payments
 * received", AmountDue "Amount remaining to be paid", FullyPaidOnDate "Only returned on fully paid
 * invoices", Payments[] as in the GET /Invoices example), and the refusals Xero makes around them.
 */
let sim: RunningXeroSim;
let session: Awaited<ReturnType<typeof connect>>;
let nz: string;
let contactID: string;
beforeAll(async () => {
  sim = await startSim({ limits: { perMinute: 10_000 } });
  session = await connect(sim, { organisations: [NZ] });
  nz = session.tenantId(NZ);
  const created = await api().createContacts(nz, { contacts: [{ name: "Payments Test Ltd" }] });
  contactID = created.body.contacts?.[0]?.contactID ?? "";
});
afterAll(() => sim.close());
const api = () => session.client.accountingApi;

/** 2 × 95 + 15 % GST = 218.50 */
async function invoice(status: Invoice.StatusEnum, type = Invoice.TypeEnum.ACCREC): Promise<string> {
  const created = await api().createInvoices(nz, {
    invoices: [
      {
        type,
        contact: { contactID },
        date: "2026-11-20",
        status,
        ...(type === Invoice.TypeEnum.ACCPAY ? { invoiceNumber: "SUP-77" } : {}),
        lineItems: [
          {
            description: "Welding",
            quantity: 2,
            unitAmount: 95,
            accountCode: type === Invoice.TypeEnum.ACCPAY ? "300" : "200",
            taxType: type === Invoice.TypeEnum.ACCPAY ? "INPUT2" : "OUTPUT2",
          },
        ],
      },
    ],
  });
  return created.body.invoices?.[0]?.invoiceID ?? "";
}

async function lever(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The invoice as Xero's JSON gives it (raw, so the /Date()/ forms are visible). */
async function raw(id: string): Promise<Record<string, unknown>> {
  const accessToken = session.client.readTokenSet().access_token ?? "";
  const response = await fetch(`${sim.url}/api.xro/2.0/Invoices/${id}`, {
    headers: { authorization: `Bearer ${accessToken}`, "xero-tenant-id": nz, accept: "application/json" },
  });
  const body = (await response.json()) as { Invoices: Record<string, unknown>[] };
  return body.Invoices[0] ?? {};
}

const pay = (id: string, body: Record<string, unknown>) =>
  lever("POST", `/sim/orgs/${nz}/invoices/${id}/payments`, body);

describe("payments on invoices and bills", () => {
  it("a new approved invoice shows nothing paid, Payments empty and no FullyPaidOnDate", async () => {
    const id = await invoice(Invoice.StatusEnum.AUTHORISED);
    const shown = await raw(id);
    // Spec example (GET /Invoices): Payments: [], AmountPaid 0.00, AmountCredited 0.00, AmountDue = Total.
    expect(shown).toMatchObject({ Payments: [], AmountPaid: 0, AmountCredited: 0, AmountDue: 218.5 });
    expect(shown.FullyPaidOnDate).toBeUndefined();
  });

  it("a part payment lowers AmountDue, lists the payment and bumps UpdatedDateUTC; the rest makes it PAID", async () => {
    const id = await invoice(Invoice.StatusEnum.AUTHORISED);
    const before = (await api().getInvoice(nz, id)).body.invoices?.[0];
    const part = await pay(id, { amount: 100, date: "2026-11-25", reference: "Deposit" });
    expect(part.status).toBe(201);
    const partly = (await api().getInvoice(nz, id)).body.invoices?.[0];
    expect(partly?.status).toBe(Invoice.StatusEnum.AUTHORISED);
    expect(partly?.amountPaid).toBe(100);
    expect(partly?.amountDue).toBe(118.5);
    expect(partly?.fullyPaidOnDate).toBeUndefined();
    expect(partly?.payments?.map((p) => [p.amount, p.reference])).toEqual([[100, "Deposit"]]);
    expect(partly?.updatedDateUTC?.getTime()).toBeGreaterThanOrEqual(before?.updatedDateUTC?.getTime() ?? 0);

    await pay(id, { amount: 118.5, date: "2026-12-01" });
    const paid = await raw(id);
    expect(paid).toMatchObject({ Status: "PAID", AmountPaid: 218.5, AmountDue: 0 });
    // FullyPaidOnDate: the date of the payment that settled it, in Xero's /Date()/ form.
    expect(paid.FullyPaidOnDate).toBe(`/Date(${Date.parse("2026-12-01T00:00:00Z")}+0000)/`);
    const payments = paid.Payments as Record<string, unknown>[];
    expect(payments).toHaveLength(2);
    expect(payments[1]).toMatchObject({
      Amount: 118.5,
      Date: `/Date(${Date.parse("2026-12-01T00:00:00Z")}+0000)/`,
      CurrencyRate: 1,
    });
    expect(typeof payments[0]?.PaymentID).toBe("string");
  });

  it("counts in cents: three part payments that add up to the total settle it exactly", async () => {
    const id = await invoice(Invoice.StatusEnum.AUTHORISED);
    for (const amount of [72.83, 72.83]) await pay(id, { amount });
    expect((await raw(id)).AmountDue).toBe(72.84);
    // Amounts round to the cent, as Xero keeps money (spec Payment.Amount x-is-money).
    expect((await pay(id, { amount: 72.844 })).status).toBe(201);
    expect(await raw(id)).toMatchObject({ Status: "PAID", AmountPaid: 218.5, AmountDue: 0 });
  });

  it("pays a bill (ACCPAY) too, in full when no amount is given", async () => {
    const id = await invoice(Invoice.StatusEnum.AUTHORISED, Invoice.TypeEnum.ACCPAY);
    const answer = await pay(id, {});
    expect(answer.status).toBe(201);
    expect(answer.body.payment).toMatchObject({ Amount: 218.5, PaymentType: "ACCPAYPAYMENT" });
    const bill = (await api().getInvoice(nz, id)).body.invoices?.[0];
    expect(bill?.status).toBe(Invoice.StatusEnum.PAID);
    expect(bill?.amountDue).toBe(0);
  });

  it("refuses a payment on a DRAFT, SUBMITTED or VOIDED document with Xero's message", async () => {
    // "Payments can only be made against Authorised documents" (Xero's validation message, quoted in
    // Workato's and Actionstep's Xero error guides).
    for (const status of [Invoice.StatusEnum.DRAFT, Invoice.StatusEnum.SUBMITTED]) {
      const answer = await pay(await invoice(status), { amount: 10 });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual(["Payments can only be made against Authorised documents"]);
    }
    const voided = await invoice(Invoice.StatusEnum.AUTHORISED);
    await api().updateInvoice(nz, voided, { invoices: [{ status: Invoice.StatusEnum.VOIDED }] });
    expect((await pay(voided, { amount: 10 })).body.errors).toContain(
      "Payments can only be made against Authorised documents",
    );
  });

  it("refuses an overpayment, and a payment on a PAID invoice; nothing changes", async () => {
    const id = await invoice(Invoice.StatusEnum.AUTHORISED);
    const over = await pay(id, { amount: 218.51 });
    expect(over.status).toBe(400);
    // Xero: "Payment amount exceeds the amount outstanding on this document" (same sources).
    expect(over.body.errors).toEqual(["Payment amount exceeds the amount outstanding on this document"]);
    expect((await raw(id)).AmountPaid).toBe(0);
    await pay(id, {});
    const again = await pay(id, { amount: 1 });
    expect(again.body.errors).toEqual([
      "Payments can only be made against Authorised documents",
      "Payment amount exceeds the amount outstanding on this document",
    ]);
    expect((await raw(id)).AmountPaid).toBe(218.5);
  });

  it("refuses a zero or negative amount and a payment dated in a locked period", async () => {
    const id = await invoice(Invoice.StatusEnum.AUTHORISED);
    expect((await pay(id, { amount: 0 })).status).toBe(400);
    expect((await pay(id, { amount: -5 })).status).toBe(400);
    await admin(sim, "POST", `/sim/orgs/${nz}/lock-dates`, { periodLockDate: "2026-11-30" });
    try {
      const locked = await pay(id, { amount: 5, date: "2026-11-30" });
      expect(locked.status).toBe(400);
      expect(String(locked.body.error)).toContain("period lock date");
    } finally {
      await admin(sim, "POST", `/sim/orgs/${nz}/lock-dates`, { periodLockDate: null });
    }
  });

  it("removing a payment (Xero's 'Remove and redo') takes a PAID invoice back to AUTHORISED", async () => {
    const id = await invoice(Invoice.StatusEnum.AUTHORISED);
    const { body } = await pay(id, {});
    const paymentId = (body.payment as { PaymentID: string }).PaymentID;
    const removed = await lever("DELETE", `/sim/orgs/${nz}/payments/${paymentId}`);
    expect(removed.status).toBe(200);
    expect(await raw(id)).toMatchObject({
      Status: "AUTHORISED",
      AmountPaid: 0,
      AmountDue: 218.5,
      Payments: [],
    });
    expect((await raw(id)).FullyPaidOnDate).toBeUndefined();
  });
});

describe("what a paid or part-paid invoice refuses", () => {
  // Xero docs (invoices, "Deleting and voiding"; docs/xero/api-behaviour.md#statuses-and-what-each-allows):
  // AUTHORISED with no payments → VOIDED; a paid or part-paid invoice can be neither deleted nor voided,
  // nor edited. The refusal's words: xero-node#407 (voiding an invoice with a payment is a
  // ValidationException) and Actionstep's Xero guide ("This document cannot be edited as it has a
  // payment or credit note allocated to it.").
  const HAS_ALLOCATIONS =
    "This document cannot be edited as it has a payment or credit note allocated to it.";

  it("a part-paid invoice can't be voided or edited through the API", async () => {
    const id = await invoice(Invoice.StatusEnum.AUTHORISED);
    await pay(id, { amount: 50 });
    for (const change of [{ status: Invoice.StatusEnum.VOIDED }, { reference: "changed" }]) {
      const error = await sdkError(api().updateInvoice(nz, id, { invoices: [change] }));
      expect(error.response.statusCode).toBe(400);
      const body = error.response.body as { Elements: { ValidationErrors: { Message: string }[] }[] };
      expect(body.Elements[0]?.ValidationErrors.map((e) => e.Message)).toEqual([HAS_ALLOCATIONS]);
    }
    expect((await raw(id)).Status).toBe("AUTHORISED");
  });

  it("the admin page's Void lever is refused the same way, and voids an unpaid invoice", async () => {
    const partPaid = await invoice(Invoice.StatusEnum.AUTHORISED);
    await pay(partPaid, { amount: 50 });
    const refused = await lever("POST", `/sim/orgs/${nz}/invoices/${partPaid}/void`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([HAS_ALLOCATIONS]);
    const paid = await invoice(Invoice.StatusEnum.AUTHORISED);
    await pay(paid, {});
    expect((await lever("POST", `/sim/orgs/${nz}/invoices/${paid}/void`)).body.errors).toEqual([
      HAS_ALLOCATIONS,
    ]);

    const unpaid = await invoice(Invoice.StatusEnum.AUTHORISED);
    const voided = await lever("POST", `/sim/orgs/${nz}/invoices/${unpaid}/void`);
    expect(voided.status).toBe(200);
    expect(await raw(unpaid)).toMatchObject({ Status: "VOIDED", AmountDue: 0 });
    // A draft can only be deleted, never voided (transitions as for the API).
    const draft = await invoice(Invoice.StatusEnum.DRAFT);
    expect((await lever("POST", `/sim/orgs/${nz}/invoices/${draft}/void`)).status).toBe(400);
  });
});

describe("the admin page", () => {
  it("names the Pay, Part-pay and Void controls after the document", async () => {
    const id = await invoice(Invoice.StatusEnum.AUTHORISED);
    const number = (await raw(id)).InvoiceNumber as string;
    const html = await (await fetch(`${sim.url}/admin`)).text();
    for (const control of [`Pay ${number}`, `Part-pay ${number}`, `Void ${number}`]) {
      expect(html).toContain(`>${control}</button>`);
    }
  });
});

describe("the Accounting API's Payments (granular scope accounting.payments)", () => {
  // xero_accounting.yaml /Payments (:11589: GET, PUT createPayments, POST createPayment) and
  // /Payments/{PaymentID} (:12102: GET, POST deletePayment with Status DELETED);
  // developer.xero.com/documentation/api/accounting/payments.
  let payer: Awaited<ReturnType<typeof connect>>;
  beforeAll(async () => {
    payer = await connect(sim, { organisations: [NZ], scopes: [...ALL_SCOPES, "accounting.payments"] });
  });
  const payments = () => payer.client.accountingApi;
  const bank = { code: "090" };

  it("is refused without the payments scope", async () => {
    const error = await sdkError(api().getPayments(nz));
    expect(error.response.statusCode).toBe(403);
  });

  it("PUT /Payments pays an invoice through a bank account; the invoice and GET /Payments show it", async () => {
    const id = await invoice(Invoice.StatusEnum.AUTHORISED);
    const made = await payments().createPayments(
      nz,
      {
        payments: [
          { invoice: { invoiceID: id }, account: bank, amount: 18.5, date: "2026-11-26", reference: "EFT" },
        ],
      },
      false,
    );
    const payment = made.body.payments?.[0];
    expect(payment?.hasValidationErrors).toBe(false);
    expect(payment?.amount).toBe(18.5);
    expect(payment?.paymentType).toBe(Payment.PaymentTypeEnum.ACCRECPAYMENT);
    expect(payment?.invoice?.invoiceID).toBe(id);
    expect((await raw(id)).AmountDue).toBe(200);
    const listed = await payments().getPayment(nz, payment?.paymentID ?? "");
    expect(listed.body.payments?.[0]?.account?.code).toBe("090");
  });

  it("refuses, per element, payments Xero refuses", async () => {
    const draft = await invoice(Invoice.StatusEnum.DRAFT);
    const open = await invoice(Invoice.StatusEnum.AUTHORISED);
    const made = await payments().createPayments(
      nz,
      {
        payments: [
          { invoice: { invoiceID: draft }, account: bank, amount: 10 },
          { invoice: { invoiceID: open }, account: bank, amount: 500 },
          { invoice: { invoiceID: open }, account: { code: "200" }, amount: 10 },
          { invoice: { invoiceID: "0f0f0f0f-0000-4000-8000-000000000000" }, account: bank, amount: 10 },
        ],
      },
      false,
    );
    const messages = made.body.payments?.map((p) => p.validationErrors?.map((e) => e.message));
    expect(messages?.[0]).toEqual(["Payments can only be made against Authorised documents"]);
    expect(messages?.[1]).toEqual(["Payment amount exceeds the amount outstanding on this document"]);
    expect(messages?.[2]?.[0]).toContain("not a bank account");
    expect(messages?.[3]).toEqual(["The document with the supplied id was not found for this endpoint."]);
    expect((await raw(open)).AmountPaid).toBe(0);
  });

  it("POST /Payments/{id} with Status DELETED removes it: the invoice is owed again, the payment is listed DELETED", async () => {
    const id = await invoice(Invoice.StatusEnum.AUTHORISED);
    const made = await payments().createPayment(nz, {
      invoice: { invoiceID: id },
      account: bank,
      amount: 218.5,
    });
    const paymentID = made.body.payments?.[0]?.paymentID ?? "";
    expect((await raw(id)).Status).toBe("PAID");
    await payments().deletePayment(nz, paymentID, { status: "DELETED" });
    expect(await raw(id)).toMatchObject({ Status: "AUTHORISED", AmountDue: 218.5, Payments: [] });
    expect((await payments().getPayment(nz, paymentID)).body.payments?.[0]?.status).toBe(
      Payment.StatusEnum.DELETED,
    );
    const since = await payments().getPayments(nz, new Date(Date.now() - 60_000));
    expect(since.body.payments?.some((p) => p.paymentID === paymentID)).toBe(true);
  });
});
