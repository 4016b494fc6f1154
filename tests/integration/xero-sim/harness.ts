import { createXeroClient, type AppXeroClient } from "@/lib/xero/api/client";
import { startXeroSim, type RunningXeroSim, type XeroSimOptions } from "@/xero-sim/server";

/**
 * Drives the simulator the way the app does: xero-node through lib/xero/api/client.ts, and a consent
 * page submitted like a browser would (read the form, tick boxes, press a button, follow the
 * redirect). Simulator-only helpers (admin API) live here too.
 */

export const REDIRECT_URI = "http://localhost:3000/api/xero/callback";
export const ALL_SCOPES = [
  "openid",
  "profile",
  "email",
  "offline_access",
  "accounting.contacts",
  "accounting.invoices",
  "accounting.settings",
];
export const NZ = "Demo Fabrication NZ";
export const UK = "Demo Fabrication UK";

export function startSim(options: XeroSimOptions = {}): Promise<RunningXeroSim> {
  return startXeroSim({ port: 0, quiet: true, ...options });
}

export function clientFor(
  sim: RunningXeroSim,
  options: { scopes?: string[]; state?: string; timeoutMs?: number } = {},
): Promise<AppXeroClient> {
  return createXeroClient({
    identityUrl: sim.url,
    apiUrl: sim.url,
    clientId: "demo-client",
    clientSecret: "demo-secret",
    redirectUri: REDIRECT_URI,
    scopes: options.scopes ?? ALL_SCOPES,
    state: options.state ?? "test-state",
    timeoutMs: options.timeoutMs,
  });
}

export interface ConsentForm {
  html: string;
  requestId: string;
  organisations: { tenantId: string; name: string; checked: boolean }[];
  action: string;
}

export function readConsentForm(html: string, base: string): ConsentForm {
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!requestId || !action) throw new Error(`Not a consent page:\n${html.slice(0, 500)}`);
  const organisations = [
    ...html.matchAll(/<input type="checkbox" name="tenant" value="([^"]+)"( checked)?> ([^<]+)<\/label>/g),
  ].map((m) => ({ tenantId: m[1] ?? "", checked: m[2] !== undefined, name: (m[3] ?? "").trim() }));
  return { html, requestId, organisations, action: new URL(action, base).toString() };
}

/** Opens the consent URL, then presses a button with the named organisations ticked (default: as the page ticks them). */
export async function consent(
  consentUrl: string,
  choice: { button?: "allow" | "cancel"; organisations?: string[] } = {},
): Promise<{ location: string; status: number }> {
  const page = await fetch(consentUrl, { redirect: "manual" });
  if (page.status === 302) return { location: page.headers.get("location") ?? "", status: 302 };
  const form = readConsentForm(await page.text(), consentUrl);
  const body = new URLSearchParams({ request_id: form.requestId });
  for (const org of form.organisations) {
    const ticked = choice.organisations ? choice.organisations.includes(org.name) : org.checked;
    if (ticked) body.append("tenant", org.tenantId);
  }
  body.set("decision", choice.button ?? "allow");
  const answer = await fetch(form.action, { method: "POST", body, redirect: "manual" });
  return { location: answer.headers.get("location") ?? "", status: answer.status };
}

/** The whole round trip: consent → apiCallback → updateTenants. */
export async function connect(
  sim: RunningXeroSim,
  options: { scopes?: string[]; organisations?: string[]; timeoutMs?: number } = {},
) {
  const client = await clientFor(sim, options);
  const { location } = await consent(await client.buildConsentUrl(), {
    organisations: options.organisations ?? [NZ, UK],
  });
  const tokenSet = await client.apiCallback(location);
  const connections = await client.updateTenants();
  const tenantId = (name: string) => {
    const found = connections.find((c) => c.tenantName === name);
    if (!found) throw new Error(`${name} is not connected`);
    return found.tenantId;
  };
  return { client, tokenSet, connections, tenantId };
}

export async function admin<T = Record<string, unknown>>(
  sim: RunningXeroSim,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** xero-node rejects with a JSON string (docs/xero/api-behaviour.md#xero-node-quirks); this turns it back into an object. */
export interface SdkError {
  response: { statusCode: number; body: unknown; headers: Record<string, string> };
}

export async function sdkError(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (reason) {
    return (typeof reason === "string" ? JSON.parse(reason) : reason) as SdkError;
  }
  throw new Error("Expected the SDK call to fail");
}
