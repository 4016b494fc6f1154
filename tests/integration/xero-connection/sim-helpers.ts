import { freePort } from "../../support/test-database";
import { startXeroSim, type RunningXeroSim } from "../../../xero-sim/server.ts";

export const REDIRECT_URI = "http://localhost:3999/api/xero/callback";
export const ENCRYPTION_KEY = Buffer.alloc(32, 9).toString("base64");

/**
 * Starts the simulator and points the app's env at it. Call before importing anything under lib/:
 * lib/env reads process.env once, when first imported.
 */
export async function startSimForApp(): Promise<RunningXeroSim> {
  const sim = await startXeroSim({
    port: await freePort(),
    quiet: true,
    redirectUris: [REDIRECT_URI],
    // Roomy limits: these tests are about tokens, not Xero's 5-in-flight rule.
    limits: { concurrent: 200, perMinute: 10_000, perDay: 100_000 },
  });
  Object.assign(process.env, simEnv(sim.url));
  return sim;
}

export function simEnv(url: string): Record<string, string> {
  return {
    XERO_CLIENT_ID: "demo-client",
    XERO_CLIENT_SECRET: "demo-secret",
    XERO_REDIRECT_URI: REDIRECT_URI,
    XERO_IDENTITY_URL: url,
    XERO_API_URL: url,
    TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY,
  };
}

/**
 * What a browser does on the consent page: open the authorize URL, tick the named organisations and
 * press "Allow access" (or "Cancel"). Returns the URL Xero redirects back to.
 */
export async function consent(
  sim: RunningXeroSim,
  authorizeUrl: string,
  choice: { organisations: string[] } | "cancel",
): Promise<string> {
  const page = await (await fetch(authorizeUrl, { redirect: "manual" })).text();
  const requestId = /name="request_id" value="([^"]+)"/.exec(page)?.[1];
  if (!requestId) throw new Error(`No consent form in: ${page.slice(0, 300)}`);
  const form = new URLSearchParams({ request_id: requestId });
  if (choice === "cancel") form.set("decision", "cancel");
  else {
    form.set("decision", "allow");
    for (const name of choice.organisations) {
      const id = new RegExp(`name="tenant" value="([^"]+)"[^>]*> ${name}<`).exec(page)?.[1];
      if (!id) throw new Error(`No organisation "${name}" on the consent page`);
      form.append("tenant", id);
    }
  }
  const answer = await fetch(`${sim.url}/identity/connect/consent`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  const location = answer.headers.get("location");
  if (!location) throw new Error(`Consent answered ${answer.status} without a redirect`);
  return location;
}

export interface SimRequest {
  id: number;
  method: string;
  path: string;
  status: number;
  requestBody?: unknown;
}

export async function simRequests(sim: RunningXeroSim, sinceId = 0): Promise<SimRequest[]> {
  const body = (await (await fetch(`${sim.url}/sim/requests?sinceId=${sinceId}`)).json()) as {
    requests: SimRequest[];
  };
  return body.requests;
}

export async function lastRequestId(sim: RunningXeroSim): Promise<number> {
  return ((await (await fetch(`${sim.url}/sim/requests?limit=1`)).json()) as { lastId: number }).lastId;
}

export const isRefresh = (r: SimRequest) =>
  r.method === "POST" &&
  r.path === "/connect/token" &&
  String(r.requestBody).includes("grant_type=refresh_token");

export async function simPost(sim: RunningXeroSim, path: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${sim.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
}

export async function simState(sim: RunningXeroSim) {
  return (await (await fetch(`${sim.url}/sim/state`)).json()) as {
    connections: { id: string; tenantId: string; grantId: string }[];
    grants: { id: string; revokedAt?: number }[];
  };
}
