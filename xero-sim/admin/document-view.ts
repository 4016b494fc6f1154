import type { SimContext } from "../context.ts";
import type { Router } from "../http/router.ts";
import { json } from "../http/types.ts";
import type { DocumentRecord, OrgRecord } from "../state/types.ts";

/**
 * The simulator's own page for one record, where Factory's "Open in Xero" points while it is
 * connected to the simulator (lib/xero/deep-links.ts): /sim/view/{ShortCode}/{kind}/{id}, kind one
 * of quote, invoice, bill, purchase-order, credit-note, contact. Read-only; a demo can see what Factory sent.
 */

const escape = (value: string | number | undefined | null) =>
  String(value ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const page = (title: string, body: string) => ({
  status: 200,
  html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Xero simulator</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1e3140;max-width:60rem}table{border-collapse:collapse;width:100%;margin:1rem 0}
td,th{border-bottom:1px solid #dde3e8;padding:.3rem .5rem;text-align:left;vertical-align:top}td.n,th.n{text-align:right}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{color:#5f6d7a}.wrap{overflow-x:auto}</style></head>
<body><p><a href="/admin">Xero simulator</a></p>${body}</body></html>`,
});

const notFound = (what: string) => json(404, { error: `${what} not found` });

function documentOf(
  org: OrgRecord,
  kind: string,
  id: string,
): { heading: string; number?: string; record: DocumentRecord } | null {
  const key = id.toLowerCase();
  if (kind === "quote") {
    const quote = org.quotes.get(key) ?? org.quotes.get(id);
    return quote ? { heading: "Quote", number: quote.QuoteNumber, record: quote } : null;
  }
  if (kind === "purchase-order") {
    const order = org.purchaseOrders.get(key) ?? org.purchaseOrders.get(id);
    return order ? { heading: "Purchase order", number: order.PurchaseOrderNumber, record: order } : null;
  }
  if (kind === "credit-note") {
    const credit = org.creditNotes.get(key) ?? org.creditNotes.get(id);
    return credit ? { heading: "Credit note", number: credit.CreditNoteNumber, record: credit } : null;
  }
  if (kind === "invoice" || kind === "bill") {
    const invoice = org.invoices.get(key) ?? org.invoices.get(id);
    if (!invoice || (invoice.Type === "ACCPAY") !== (kind === "bill")) return null;
    return { heading: kind === "bill" ? "Bill" : "Invoice", number: invoice.InvoiceNumber, record: invoice };
  }
  return null;
}

function documentBody(org: OrgRecord, found: NonNullable<ReturnType<typeof documentOf>>): string {
  const { record } = found;
  const lines = record.LineItems.map(
    (line) =>
      `<tr><td>${escape(line.Description)}</td><td class="n">${escape(line.Quantity)}</td><td class="n">${escape(line.UnitAmount)}</td>
<td>${escape(line.TaxType)}</td><td class="n">${escape(line.LineAmount)}</td></tr>`,
  ).join("");
  const due = typeof record.DueDate === "string" ? `<dt>Due</dt><dd>${escape(record.DueDate)}</dd>` : "";
  return `<h1>${escape(found.heading)} ${escape(found.number ?? "(no number)")}</h1>
<dl><dt>Organisation</dt><dd>${escape(org.Name)}</dd><dt>Contact</dt><dd>${escape(record.Contact.Name || org.contacts.get(record.Contact.ContactID)?.Name)}</dd>
<dt>Status</dt><dd>${escape(record.Status)}</dd><dt>Date</dt><dd>${escape(record.Date)}</dd>${due}
<dt>Reference</dt><dd>${escape(record.Reference ?? "")}</dd><dt>Amounts are</dt><dd>${escape(record.LineAmountTypes)}</dd></dl>
<div class="wrap"><table><thead><tr><th>Description</th><th class="n">Qty</th><th class="n">Unit</th><th>Tax</th><th class="n">Amount</th></tr></thead>
<tbody>${lines}</tbody></table></div>
<dl><dt>Subtotal</dt><dd>${escape(record.SubTotal)}</dd><dt>Tax</dt><dd>${escape(record.TotalTax)}</dd>
<dt>Total</dt><dd><strong>${escape(record.CurrencyCode)} ${escape(record.Total)}</strong></dd></dl>`;
}

export function registerDocumentView(router: Router, ctx: SimContext): void {
  router.add("GET", "/sim/view/:shortCode/:kind/:id", (_req, params) => {
    const org = [...ctx.state.orgs.values()].find((o) => o.ShortCode === params.shortCode);
    if (!org) return notFound("organisation");
    const id = params.id ?? "";
    if (params.kind === "contact") {
      const contact = org.contacts.get(id.toLowerCase()) ?? org.contacts.get(id);
      if (!contact) return notFound("contact");
      return page(
        contact.Name,
        `<h1>${escape(contact.Name)}</h1><dl><dt>Organisation</dt><dd>${escape(org.Name)}</dd>
<dt>Status</dt><dd>${escape(contact.ContactStatus)}</dd><dt>Email</dt><dd>${escape(contact.EmailAddress ?? "")}</dd>
<dt>Contact number</dt><dd>${escape(contact.ContactNumber ?? "")}</dd></dl>`,
      );
    }
    const found = documentOf(org, params.kind ?? "", id);
    if (!found) return notFound("document");
    return page(`${found.heading} ${found.number ?? ""}`, documentBody(org, found));
  });
}
