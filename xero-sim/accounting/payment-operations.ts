import { json, type SimResponse } from "../http/types.ts";
import type { AccountRecord, InvoiceRecord, OrgRecord, PaymentRecord } from "../state/types.ts";
import { batchResponse, type ElementOutcome } from "./batch.ts";
import { notFound } from "./errors.ts";
import {
  bodyElements,
  filterList,
  isResponse,
  type OperationContext,
  type OperationSpec,
} from "./operation.ts";
import { allPayments, payInvoice, removePayment } from "./payments.ts";
import { dayFields, envelope, msDate, paginate } from "./wire.ts";

/**
 * The Accounting API's Payments (xero_accounting.yaml /Payments :11589, /Payments/{PaymentID} :12102;
 * developer.xero.com/documentation/api/accounting/payments), for invoices and bills: PUT (many) and
 * POST (one) apply payments, GET lists or reads them, POST /Payments/{id} with Status DELETED removes
 * one (it stays listed as DELETED). Granular scope `accounting.payments`. Payments on credit notes,
 * prepayments and overpayments are not simulated and are refused.
 */

/** Xero's words for a document the payment names that isn't there (spec examples, "not found for this endpoint"). */
const NO_DOCUMENT = "The document with the supplied id was not found for this endpoint.";

function findInvoice(org: OrgRecord, input: Record<string, unknown>): InvoiceRecord | undefined {
  const ref = (typeof input.Invoice === "object" && input.Invoice !== null ? input.Invoice : {}) as Record<
    string,
    unknown
  >;
  if (typeof ref.InvoiceID === "string") return org.invoices.get(ref.InvoiceID.toLowerCase());
  const number = typeof ref.InvoiceNumber === "string" ? ref.InvoiceNumber : input.InvoiceNumber;
  if (typeof number !== "string") return undefined;
  // Only sales invoices' numbers are unique; a bill is named by its InvoiceID.
  for (const invoice of org.invoices.values())
    if (invoice.Type === "ACCREC" && invoice.InvoiceNumber === number) return invoice;
  return undefined;
}

/** The account the money moved through: a bank account or one that allows payments (docs: "Account"). */
function findAccount(org: OrgRecord, input: Record<string, unknown>): AccountRecord | string {
  const ref = (typeof input.Account === "object" && input.Account !== null ? input.Account : {}) as Record<
    string,
    unknown
  >;
  const code =
    typeof ref.Code === "string" ? ref.Code : typeof input.Code === "string" ? input.Code : undefined;
  const account =
    typeof ref.AccountID === "string"
      ? org.accounts.find((a) => a.AccountID === (ref.AccountID as string).toLowerCase())
      : code !== undefined
        ? org.accounts.find((a) => a.Code === code)
        : undefined;
  // The simulator's words: Xero's own for these cases aren't published.
  if (!account) return "An Account (by AccountID or Code) must be specified for the payment.";
  if (account.Status !== "ACTIVE" || !(account.Type === "BANK" || account.EnablePaymentsToAccount)) {
    return `Account code '${account.Code ?? account.AccountID}' is not a bank account and does not allow payments.`;
  }
  return account;
}

export function paymentToWire(
  org: OrgRecord,
  payment: PaymentRecord,
  invoice: InvoiceRecord,
): Record<string, unknown> {
  const account = payment.Account
    ? org.accounts.find((a) => a.AccountID === payment.Account?.AccountID)
    : undefined;
  return {
    PaymentID: payment.PaymentID,
    ...dayFields("Date", payment.Date),
    Amount: payment.Amount,
    ...(payment.Reference ? { Reference: payment.Reference } : {}),
    CurrencyRate: payment.CurrencyRate,
    PaymentType: payment.PaymentType,
    Status: payment.Status,
    UpdatedDateUTC: msDate(payment.UpdatedDateUTC),
    HasAccount: Boolean(account),
    IsReconciled: false,
    ...(account ? { Account: { AccountID: account.AccountID, Code: account.Code } } : {}),
    Invoice: {
      InvoiceID: invoice.InvoiceID,
      ...(invoice.InvoiceNumber ? { InvoiceNumber: invoice.InvoiceNumber } : {}),
      Type: invoice.Type,
      Contact: invoice.Contact,
      CurrencyCode: invoice.CurrencyCode,
    },
    HasValidationErrors: false,
  };
}

function applyOne(c: OperationContext, input: Record<string, unknown>): ElementOutcome {
  if (input.CreditNote || input.Prepayment || input.Overpayment) {
    return { ok: false, errors: ["The simulator takes payments on invoices and bills only."] };
  }
  const invoice = findInvoice(c.org, input);
  if (!invoice) return { ok: false, errors: [NO_DOCUMENT] };
  const account = findAccount(c.org, input);
  if (typeof account === "string") return { ok: false, errors: [account] };
  if (typeof input.Amount !== "number") return { ok: false, errors: ["Amount must be specified."] };
  const outcome = payInvoice(c.org, invoice, {
    amount: input.Amount,
    date: input.Date,
    reference: input.Reference,
    account,
  });
  if (!outcome.ok) return outcome;
  c.sim.changes.changed(c.org.tenantId, "INVOICE", invoice.InvoiceID, "UPDATE");
  return { ok: true, wire: paymentToWire(c.org, outcome.payment, invoice) };
}

function create(c: OperationContext, single: boolean): SimResponse {
  const inputs = single ? [c.op.body as Record<string, unknown>] : bodyElements(c, "Payments");
  const outcomes = inputs.map((input) => {
    const tooLong = c.lengthErrors("Payment", input);
    return tooLong.length ? ({ ok: false, errors: tooLong } as const) : applyOne(c, input);
  });
  return batchResponse("Payments", inputs, outcomes, c.summarizeErrors, "HasValidationErrors");
}

function list(c: OperationContext): SimResponse {
  const filtered = filterList(
    c,
    allPayments(c.org).map(({ payment, invoice }) => ({ ...payment, invoice })),
  );
  if (isResponse(filtered)) return filtered;
  const page = paginate(filtered, c.op.query.page, c.op.query.pageSize);
  return json(
    200,
    envelope(
      "Payments",
      page.items.map(({ invoice, ...payment }) => paymentToWire(c.org, payment, invoice)),
      page.pagination ? { pagination: page.pagination } : {},
    ),
  );
}

function getOne(c: OperationContext): SimResponse {
  const id = (c.op.pathParams.PaymentID ?? "").toLowerCase();
  const found = allPayments(c.org).find(({ payment }) => payment.PaymentID === id);
  if (!found) return notFound(`Payment ${id} was not found`);
  return json(200, envelope("Payments", [paymentToWire(c.org, found.payment, found.invoice)]));
}

function remove(c: OperationContext): SimResponse {
  const id = (c.op.pathParams.PaymentID ?? "").toLowerCase();
  const found = allPayments(c.org).find(({ payment }) => payment.PaymentID === id);
  if (!found) return notFound(`Payment ${id} was not found`);
  const status = (c.op.body as Record<string, unknown> | undefined)?.Status;
  if (status !== "DELETED" || found.payment.Status === "DELETED") {
    return batchResponse(
      "Payments",
      [{ PaymentID: id, Status: status }],
      [{ ok: false, errors: ["A payment can only be changed to DELETED."] }],
      true,
      "HasValidationErrors",
    );
  }
  removePayment(found.invoice, id);
  c.sim.changes.changed(c.org.tenantId, "INVOICE", found.invoice.InvoiceID, "UPDATE");
  return json(200, envelope("Payments", [paymentToWire(c.org, found.payment, found.invoice)]));
}

export const paymentOperations: Record<string, OperationSpec> = {
  getPayments: { scope: "accounting.payments", write: false, handle: list },
  getPayment: { scope: "accounting.payments", write: false, handle: getOne },
  createPayments: { scope: "accounting.payments", write: true, handle: (c) => create(c, false) },
  createPayment: { scope: "accounting.payments", write: true, handle: (c) => create(c, true) },
  deletePayment: { scope: "accounting.payments", write: true, handle: remove },
};
