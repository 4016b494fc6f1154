import { createHash } from "node:crypto";
import type { SimContext } from "../context.ts";
import type { Router } from "../http/router.ts";
import { json, type SimResponse } from "../http/types.ts";
import { newId } from "../state/ids.ts";
import type { InvoiceRecord, OrgRecord } from "../state/types.ts";
import { creditNoteType } from "./credit-notes.ts";
import { findDocument, renderDocument } from "./document-engine.ts";
import { invoiceType } from "./invoices.ts";
import { isResponse, type OperationContext, type OperationSpec } from "./operation.ts";
import { purchaseOrderType } from "./purchase-orders.ts";
import { quoteType } from "./quotes.ts";
import { envelope, msDate } from "./wire.ts";
import { documentPdf } from "./pdf.ts";

/**
 * How Xero hands a document to people: its PDF (`GET /{Documents}/{id}/pdf`, also served by the plain
 * GET with `Accept: application/pdf`), the online invoice link (`GET /Invoices/{id}/OnlineInvoice`) and
 * "email the invoice to its contact" (`POST /Invoices/{id}/Email`, 204). The refusals follow
 * developer.xero.com/documentation/api/invoices and are stricter where the docs leave room:
 * - online invoice: sales invoices only, and not drafts ("you cannot retrieve an online invoice url
 *   for DRAFT invoices"); here also not SUBMITTED or DELETED — only approved ones (AUTHORISED, PAID,
 *   VOIDED) have a page a customer can open;
 * - email: sales invoices (Type ACCREC) only, approved (the docs list SUBMITTED, AUTHORISED and PAID;
 *   the simulator takes AUTHORISED and PAID, what "approved" means in Xero's app), to a contact that
 *   has an email address (Xero sends to the contact's primary address; there is no recipient to give).
 * Each email sent is recorded on the organisation (`sentEmails`, GET /sim/orgs/{tenantId}/emails).
 */

const ONLINE_STATUSES = new Set(["AUTHORISED", "PAID", "VOIDED"]);
const EMAIL_STATUSES = new Set(["AUTHORISED", "PAID"]);

/** Xero's 400 for a request about a document it won't act on (ErrorNumber 10, spec `Error`). */
const refused = (message: string) =>
  json(400, { ErrorNumber: 10, Type: "ValidationException", Message: message });

/** The token of an invoice's online page: stable per organisation and invoice, unguessable without both. */
export function onlineInvoiceToken(tenantId: string, invoiceId: string): string {
  return createHash("sha256").update(`${tenantId}:${invoiceId}`).digest("base64url").slice(0, 40);
}

function salesInvoice(c: OperationContext): InvoiceRecord | SimResponse {
  return findDocument(c, invoiceType);
}

function onlineInvoice(c: OperationContext): SimResponse {
  const invoice = salesInvoice(c);
  if (isResponse(invoice)) return invoice;
  if (invoice.Type !== "ACCREC") return refused("Online invoices are only available for sales invoices.");
  if (!ONLINE_STATUSES.has(invoice.Status)) {
    return refused(
      `An online invoice is only available for approved invoices; this invoice is ${invoice.Status}.`,
    );
  }
  const url = `${c.sim.issuer}/online-invoice/${onlineInvoiceToken(c.org.tenantId, invoice.InvoiceID)}`;
  return json(200, envelope("OnlineInvoices", [{ OnlineInvoiceUrl: url }]));
}

function emailInvoice(c: OperationContext): SimResponse {
  const invoice = salesInvoice(c);
  if (isResponse(invoice)) return invoice;
  if (invoice.Type !== "ACCREC") return refused("Only sales invoices (ACCREC) can be emailed.");
  if (!EMAIL_STATUSES.has(invoice.Status)) {
    return refused(
      `Invoice not of valid status for sending by email: only approved invoices can be emailed; this invoice is ${invoice.Status}.`,
    );
  }
  const contact = c.org.contacts.get(invoice.Contact.ContactID);
  const to = contact?.EmailAddress?.trim();
  if (!contact || !to) {
    return refused(
      `The contact ${contact?.Name ?? ""} has no email address, so the invoice cannot be emailed.`,
    );
  }
  (c.org.sentEmails ??= []).push({
    EmailID: newId(),
    InvoiceID: invoice.InvoiceID,
    InvoiceNumber: invoice.InvoiceNumber,
    ContactID: contact.ContactID,
    ContactName: contact.Name,
    To: to,
    SentDateUTC: Date.now(),
  });
  invoice.SentToContact = true;
  return { status: 204, text: "" };
}

const scope = "accounting.invoices" as const;

export const invoiceDeliveryOperations: Record<string, OperationSpec> = {
  getInvoiceAsPdf: { scope, write: false, handle: (c) => renderDocument(c, invoiceType) },
  getQuoteAsPdf: { scope, write: false, handle: (c) => renderDocument(c, quoteType) },
  getPurchaseOrderAsPdf: { scope, write: false, handle: (c) => renderDocument(c, purchaseOrderType) },
  getCreditNoteAsPdf: { scope, write: false, handle: (c) => renderDocument(c, creditNoteType) },
  getOnlineInvoice: { scope, write: false, handle: onlineInvoice },
  emailInvoice: { scope, write: true, handle: emailInvoice },
};

/** The emails an organisation has sent, oldest first, as the admin API lists them. */
export function sentEmailsToWire(org: OrgRecord): Record<string, unknown>[] {
  return (org.sentEmails ?? []).map((email) => ({ ...email, SentDateUTC: msDate(email.SentDateUTC) }));
}

/** The customer-facing page behind an online invoice link: the invoice as its PDF. */
export function registerOnlineInvoicePages(router: Router, ctx: SimContext): void {
  router.add("GET", "/online-invoice/:token", (_req, params) => {
    for (const org of ctx.state.orgs.values()) {
      for (const invoice of org.invoices.values()) {
        if (
          invoice.Type === "ACCREC" &&
          ONLINE_STATUSES.has(invoice.Status) &&
          onlineInvoiceToken(org.tenantId, invoice.InvoiceID) === params.token
        ) {
          return documentPdf(org, invoice, "INVOICE", invoice.InvoiceNumber);
        }
      }
    }
    return json(404, { error: "online invoice not found" });
  });
}
