import { SCOPE_DESCRIPTIONS } from "./scopes.ts";

export interface ConsentView {
  requestId: string;
  appName: string;
  userEmail: string;
  scopes: string[];
  organisations: { tenantId: string; name: string; checked: boolean }[];
  error?: string;
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** The consent screen, in the spirit of Xero's "<app> wants to access your Xero data" page. */
export function renderConsentPage(view: ConsentView): string {
  const scopes = view.scopes
    .map((scope) => `<li>${escape(SCOPE_DESCRIPTIONS[scope] ?? scope)} <code>${escape(scope)}</code></li>`)
    .join("");
  const orgs = view.organisations
    .map(
      (org) =>
        `<li><label><input type="checkbox" name="tenant" value="${escape(org.tenantId)}"${org.checked ? " checked" : ""}> ${escape(org.name)}</label></li>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Connect ${escape(view.appName)} to Xero</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;color:#1e3140}
h1{font-size:1.4rem}.card{border:1px solid #ccd3d9;border-radius:8px;padding:1.5rem}
ul{padding-left:1.2rem}code{color:#5f6d7a;font-size:.8em}.error{color:#b00020}
button{font-size:1rem;padding:.5rem 1.2rem;border-radius:4px;border:1px solid #13b5ea;margin-right:.5rem}
button[value=allow]{background:#13b5ea;color:#fff}.demo{background:#fff4ce;padding:.4rem .6rem;border-radius:4px}</style>
</head><body><main class="card">
<p class="demo">Xero simulator: no real Xero account is involved.</p>
<h1>${escape(view.appName)} wants to access your Xero data</h1>
<p>Signed in as ${escape(view.userEmail)}</p>
<form method="post" action="/identity/connect/consent">
<input type="hidden" name="request_id" value="${escape(view.requestId)}">
<h2>This app will be able to</h2><ul>${scopes}</ul>
${orgs ? `<fieldset><legend>Organisations to connect</legend><ul>${orgs}</ul></fieldset>` : ""}
${view.error ? `<p class="error" role="alert">${escape(view.error)}</p>` : ""}
<button type="submit" name="decision" value="allow">Allow access</button>
<button type="submit" name="decision" value="cancel">Cancel</button>
</form></main></body></html>`;
}

export function renderErrorPage(title: string, detail: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1><p>${escape(detail)}</p></main></body></html>`;
}
