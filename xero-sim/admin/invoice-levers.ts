import type { SimContext } from "../context.ts";
import { json, parseJsonBody, type SimRequest, type SimResponse } from "../http/types.ts";
import type { Router } from "../http/router.ts";
import type { InvoiceRecord, OrgRecord } from "../state/types.ts";
import { changeStatus } from "../accounting/document-engine.ts";
import { documentToWire } from "../accounting/documents.ts";
import { invoiceType } from "../accounting/invoices.ts";
import { invoiceOfPayment, payInvoice, removePayment, type PaymentInput } from "../accounting/payments.ts";

/**
 * What a person does to an invoice or bill in Xero's own screens, as admin levers: approve a draft
 * (or submitted) one, pay or part-pay it, remove a payment, void it. Each goes through the same rules as the API (lifecycle.ts,
 * payments.ts), so a lever is refused wherever Xero would refuse it. Documented in
 * xero-sim/README.md ("Admin API").
 */

const refused = (errors: string[]) => json(400, { error: errors.join(" "), errors });
const missing = (what: string) => json(404, { error: `${what} not found` });
const wire = (org: OrgRecord, invoice: InvoiceRecord) => documentToWire(org, invoice, invoiceType.dateFields);

function input(req: SimRequest): Record<string, unknown> {
  const parsed = parseJsonBody(req);
  return typeof parsed === "object" && parsed !== null && !(parsed instanceof Error)
    ? (parsed as Record<string, unknown>)
    : {};
}

export function registerInvoiceLevers(router: Router, ctx: SimContext): void {
  const withInvoice =
    (handler: (org: OrgRecord, invoice: InvoiceRecord, req: SimRequest) => SimResponse) =>
    (req: SimRequest, params: Record<string, string>) => {
      const org = ctx.state.orgs.get((params.tenantId ?? "").toLowerCase());
      if (!org) return missing("organisation");
      const invoice = org.invoices.get((params.invoiceId ?? "").toLowerCase());
      return invoice ? handler(org, invoice, req) : missing("invoice");
    };

  const pay = (org: OrgRecord, invoice: InvoiceRecord, payment: PaymentInput) => {
    const outcome = payInvoice(org, invoice, payment);
    if (!outcome.ok) return refused(outcome.errors);
    ctx.changes.changed(org.tenantId, "INVOICE", invoice.InvoiceID, "UPDATE");
    return json(201, { payment: outcome.payment, invoice: wire(org, invoice) });
  };

  router
    .add(
      "POST",
      "/sim/orgs/:tenantId/invoices/:invoiceId/payments",
      withInvoice((org, invoice, req) => {
        const body = input(req);
        return pay(org, invoice, { amount: body.amount, date: body.date, reference: body.reference });
      }),
    )
    .add("DELETE", "/sim/orgs/:tenantId/payments/:paymentId", (_req, params) => {
      const org = ctx.state.orgs.get((params.tenantId ?? "").toLowerCase());
      if (!org) return missing("organisation");
      const invoice = invoiceOfPayment(org, params.paymentId ?? "");
      if (!invoice || !removePayment(invoice, params.paymentId ?? "")) return missing("payment");
      ctx.changes.changed(org.tenantId, "INVOICE", invoice.InvoiceID, "UPDATE");
      return json(200, { invoice: wire(org, invoice) });
    })
    .add(
      "POST",
      "/sim/orgs/:tenantId/invoices/:invoiceId/void",
      withInvoice((org, invoice) => {
        // The same update the API makes (POST /Invoices/{id} with Status VOIDED), so the same refusals.
        const outcome = changeStatus(org, invoiceType, invoice.InvoiceID, "VOIDED");
        if (!outcome.ok) return refused(outcome.errors);
        ctx.changes.changed(org.tenantId, "INVOICE", invoice.InvoiceID, "UPDATE");
        const voided = org.invoices.get(invoice.InvoiceID) ?? invoice;
        return json(200, { invoice: wire(org, voided) });
      }),
    )
    .add(
      "POST",
      "/sim/orgs/:tenantId/invoices/:invoiceId/approve",
      withInvoice((org, invoice) => {
        // The update the API makes (POST /Invoices/{id} with Status AUTHORISED), so the same refusals.
        const outcome = changeStatus(org, invoiceType, invoice.InvoiceID, "AUTHORISED");
        if (!outcome.ok) return refused(outcome.errors);
        ctx.changes.changed(org.tenantId, "INVOICE", invoice.InvoiceID, "UPDATE");
        const approved = org.invoices.get(invoice.InvoiceID) ?? invoice;
        return json(200, { invoice: wire(org, approved) });
      }),
    )
    // Older form, kept for existing tests: pays what is outstanding, in any organisation.
    .add("POST", "/sim/invoices/:invoiceId/pay", (_req, params) => {
      for (const org of ctx.state.orgs.values()) {
        const invoice = org.invoices.get((params.invoiceId ?? "").toLowerCase());
        if (!invoice) continue;
        const answer = pay(org, invoice, {});
        return answer.status === 201 ? json(200, wire(org, invoice)) : answer;
      }
      return missing("invoice");
    });
}
