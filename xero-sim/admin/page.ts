import type { SimContext } from "../context.ts";
import type { OrgRecord } from "../state/types.ts";

type Call = (method: string, path: string, payload?: unknown) => string;

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/**
 * The admin page at /admin: a thin UI over the /sim JSON API (its buttons call it with fetch),
 * for demos and for poking at the app's error handling by hand.
 */
export function renderAdminPage(ctx: SimContext): string {
  const orgs = [...ctx.state.orgs.values()];
  const connections = [...ctx.state.connections.values()];
  const grants = [...ctx.state.grants.values()].filter((g) => !g.revokedAt);
  const call: Call = (method, path, payload) =>
    escape(`sim(${JSON.stringify(method)}, ${JSON.stringify(path)}, ${JSON.stringify(payload ?? null)})`);
  const orgRows = orgs
    .map(
      (o) => `<tr><td>${escape(o.Name)}<br><code>${o.tenantId}</code></td><td>${o.BaseCurrency}</td>
<td>${o.contacts.size} contacts, ${o.items.size} items, ${o.invoices.size} invoices, ${o.quotes.size} quotes, ${o.purchaseOrders.size} POs</td>
<td>${o.offline ? "<strong>offline</strong>" : "online"}
<button onclick="${call("POST", `/sim/orgs/${o.tenantId}/offline`, { offline: !o.offline })}">${o.offline ? "Bring online" : "Take offline"}</button></td>
<td><button onclick="${call("POST", `/sim/orgs/${o.tenantId}/contacts/seed`, { count: 1000 })}">Add 1,000 contacts</button></td></tr>`,
    )
    .join("");
  const connectionRows = connections
    .map(
      (
        c,
      ) => `<tr><td>${escape(c.tenantName)}</td><td><code>${c.id}</code></td><td>${escape(c.updatedDateUtc)}</td>
<td><button onclick="${call("POST", `/sim/connections/${c.id}/disconnect`)}">Disconnect from Xero's side</button>
<button onclick="${call("POST", `/sim/grants/${c.grantId}/revoke`)}">Revoke grant</button></td></tr>`,
    )
    .join("");
  const invoiceSections = orgs.map((o) => invoiceSection(o, call)).join("");
  const contactSections = orgs.map((o) => contactSection(o, call)).join("");
  const faults = ctx.faults
    .list()
    .map(
      (f) =>
        `<li><code>${escape(JSON.stringify(f))}</code> <button onclick="${call("DELETE", `/sim/faults/${f.id}`)}">Remove</button></li>`,
    )
    .join("");
  const log = ctx.log
    .list({ limit: 30 })
    .reverse()
    .map(
      (
        e,
      ) => `<tr><td>${e.at.slice(11, 23)}</td><td>${e.method}</td><td>${escape(e.path)}</td><td>${e.status}</td>
<td>${escape([e.validationError, e.rateLimitProblem, e.fault, e.idempotentReplay ? "replay" : ""].filter(Boolean).join(" · "))}</td></tr>`,
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Xero simulator admin</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1e3140}table{border-collapse:collapse;margin-bottom:1.5rem}
td,th{border-bottom:1px solid #dde3e8;padding:.3rem .6rem;text-align:left;vertical-align:top}code{font-size:.8em;color:#5f6d7a}
button{margin:.1rem}#outcome:not(:empty){padding:.5rem .8rem;background:#fdecea;color:#8a1c12}
@media (max-width:600px){body{margin:1rem}table,tbody,tr,td{display:block}tr{border-bottom:1px solid #dde3e8;padding:.3rem 0}td{border:0;padding:.1rem 0}}</style></head><body>
<h1>Xero simulator</h1><p id="outcome" role="alert"></p><p>Issuer <code>${escape(ctx.issuer)}</code> · client <code>demo-client</code> · JSON API under <code>/sim</code></p>
<h2>Organisations</h2><table>${orgRows}</table>
<h2>Connections (${grants.length} active grants)</h2><table>${connectionRows || "<tr><td>None yet: connect from the app.</td></tr>"}</table>
<p><button onclick="${call("POST", "/sim/tokens/expire")}">Expire access tokens now</button>
<button onclick="${call("POST", "/sim/grants/revoke-all")}">Revoke all grants</button>
<button onclick="${call("POST", "/sim/reset")}">Reset everything to the seed</button></p>
<h2>Faults</h2><ul>${faults || "<li>None</li>"}</ul>
<p><button onclick="${call("POST", "/sim/faults", { kind: "latency", latencyMs: 2000 })}">+2 s latency</button>
<button onclick="${call("POST", "/sim/faults", { kind: "error", status: 500, times: 1 })}">Next call 500</button>
<button onclick="${call("POST", "/sim/faults", { kind: "error", status: 503 })}">All calls 503</button>
<button onclick="${call("POST", "/sim/faults", { kind: "hang", times: 1 })}">Next call hangs</button>
<button onclick="${call("POST", "/sim/faults", { kind: "rate-limit", retryAfterSeconds: 30 })}">429 storm</button>
<button onclick="${call("DELETE", "/sim/faults")}">Clear faults</button></p>
<h2>Contacts</h2>${contactSections}
<h2>Invoices and bills</h2>${invoiceSections}
<h2>Webhooks</h2>${webhookSection(ctx, call)}
<h2>Recent requests</h2><table>${log}</table>
<script>async function sim(method, path, payload) {
  const res = await fetch(path, { method, headers: { "content-type": "application/json" }, body: payload === null ? undefined : JSON.stringify(payload) });
  if (res.ok) return location.reload();
  const text = await res.text();
  let message = text;
  try { message = JSON.parse(text).error ?? text; } catch {}
  document.getElementById("outcome").textContent = "Refused: " + message;
}</script></body></html>`;
}

/** Money to the cent, halved down for "Part-pay" so at least a cent stays owed. */
const halfOf = (amount: number) => Math.floor(amount * 50) / 100;

/**
 * An organisation's approved invoices and bills (and the ones paid or voided since), with the levers
 * a person has in Xero: pay in full, part-pay half of what is owed, void. Every control is named
 * after its document ("Pay INV-0001", "Void bill SUP-7") so a browser test can press it.
 */
function invoiceSection(org: OrgRecord, call: Call): string {
  const shown = [...org.invoices.values()].filter((i) => ["AUTHORISED", "PAID", "VOIDED"].includes(i.Status));
  const rows = shown
    .map((i) => {
      const name =
        i.Type === "ACCPAY" ? `bill ${i.InvoiceNumber ?? i.InvoiceID.slice(0, 8)}` : (i.InvoiceNumber ?? "");
      const levers = `/sim/orgs/${org.tenantId}/invoices/${i.InvoiceID}`;
      const controls =
        i.Status !== "AUTHORISED"
          ? ""
          : `<button onclick="${call("POST", `${levers}/payments`, { amount: i.AmountDue })}">Pay ${escape(name)}</button>
<button onclick="${call("POST", `${levers}/payments`, { amount: halfOf(i.AmountDue) })}">Part-pay ${escape(name)}</button>
<button onclick="${call("POST", `${levers}/void`)}">Void ${escape(name)}</button>`;
      return `<tr><td>${escape(name)}</td><td>${escape(i.Contact.Name)}</td><td>${i.CurrencyCode} ${i.Total.toFixed(2)}</td>
<td>paid ${i.AmountPaid.toFixed(2)}, due ${i.AmountDue.toFixed(2)}</td><td>${i.Status}</td><td>${controls}</td></tr>`;
    })
    .join("");
  return `<section aria-label="Invoices and bills of ${escape(org.Name)}"><h3>${escape(org.Name)}</h3>
<table>${rows || "<tr><td>None approved yet</td></tr>"}</table></section>`;
}

/** The admin page lists at most this many contacts per organisation (seeded ones can be thousands). */
const CONTACTS_SHOWN = 100;

/**
 * An organisation's contacts that an app gave a ContactNumber or that documents name, with the levers
 * a person has in Xero: archive, restore, merge into another active contact. Controls are named after
 * the contact ("Archive Acme Ltd", "Merge Acme Ltd") so a browser test can press them.
 */
function contactSection(org: OrgRecord, call: Call): string {
  const named = new Set<string>();
  for (const documents of [org.invoices, org.quotes, org.purchaseOrders, org.creditNotes])
    for (const document of documents.values()) named.add(document.Contact.ContactID);
  const shown = [...org.contacts.values()]
    .filter((c) => c.ContactNumber || named.has(c.ContactID) || c.MergedToContactID)
    .sort((a, b) => a.Name.localeCompare(b.Name))
    .slice(0, CONTACTS_SHOWN);
  const active = shown.filter((c) => c.ContactStatus === "ACTIVE");
  const rows = shown
    .map((c) => {
      const levers = `/sim/orgs/${org.tenantId}/contacts/${c.ContactID}`;
      const mergedInto =
        typeof c.MergedToContactID === "string" ? org.contacts.get(c.MergedToContactID)?.Name : undefined;
      const others = active.filter((o) => o.ContactID !== c.ContactID);
      const pick = `merge-into-${c.ContactID}`;
      const merge =
        c.ContactStatus === "ACTIVE" && others.length > 0
          ? `<label>into <select id="${pick}" aria-label="Merge ${escape(c.Name)} into">${others
              .map((o) => `<option value="${o.ContactID}">${escape(o.Name)}</option>`)
              .join("")}</select></label>
<button onclick="${escape(`sim("POST", ${JSON.stringify(`${levers}/merge`)}, { into: document.getElementById(${JSON.stringify(pick)}).value })`)}">Merge ${escape(c.Name)}</button>`
          : "";
      const controls =
        c.ContactStatus === "ACTIVE"
          ? `<button onclick="${call("POST", `${levers}/archive`)}">Archive ${escape(c.Name)}</button> ${merge}`
          : c.ContactStatus === "ARCHIVED" && !c.MergedToContactID
            ? `<button onclick="${call("POST", `${levers}/restore`)}">Restore ${escape(c.Name)}</button>`
            : "";
      return `<tr><td>${escape(c.Name)}</td><td>${escape(c.ContactNumber ?? "")}</td>
<td>${c.ContactStatus}${mergedInto ? ` (merged into ${escape(mergedInto)})` : ""}</td><td>${controls}</td></tr>`;
    })
    .join("");
  return `<section aria-label="Contacts of ${escape(org.Name)}"><h3>${escape(org.Name)}</h3>
<table>${rows || "<tr><td>None with a contact number or a document yet</td></tr>"}</table></section>`;
}

/** The webhook subscriptions with their intent-to-receive check, and the latest deliveries. */
function webhookSection(ctx: SimContext, call: Call): string {
  const { subscriptions, deliveries } = ctx.webhooks.snapshot();
  const subs = subscriptions
    .map((w) => {
      const intent = w.intentToReceive;
      const check = intent ? (intent.passed ? "passed" : `failed: ${intent.problems.join("; ")}`) : "not run";
      const path = w.scope === "*" ? "/sim/webhooks" : `/sim/orgs/${w.scope}/webhooks`;
      return `<tr><td>${w.scope === "*" ? "every organisation" : `<code>${w.scope}</code>`}</td><td>${escape(w.url)}</td>
<td>${escape(w.status)}</td><td>intent to receive ${escape(check)}</td>
<td><button onclick="${call("POST", `${path}/intent-to-receive`)}">Check intent to receive</button></td></tr>`;
    })
    .join("");
  const recent = deliveries
    .slice(-10)
    .reverse()
    .map((d) => {
      const last = d.attempts.at(-1);
      return `<tr><td>${escape(d.attempts[0]?.at.slice(11, 23) ?? "")}</td><td>${d.events.length} events (#${d.firstEventSequence}–${d.lastEventSequence})</td>
<td>${escape(d.state)}</td><td>${d.attempts.length} attempts, last ${last ? last.status || escape(last.error ?? "no answer") : "none"}</td></tr>`;
    })
    .join("");
  return `<table>${subs || "<tr><td>No subscription: PUT /sim/webhooks {url, key}</td></tr>"}</table>
${recent ? `<table>${recent}</table>` : ""}`;
}
