import { readFileSync, writeFileSync } from "node:fs";
import { createXeroClient, type AppXeroClient } from "@/lib/xero/api/client";
import { connect, NZ, startSim } from "./harness";

/**
 * The accounting contract suite runs against the simulator by default. With
 * XERO_CONTRACT_TARGET=real it runs against a real Xero demo company instead (see
 * xero-sim/README.md): the consent step needs a person, so it starts from a refresh token kept
 * in XERO_CONTRACT_TOKEN_FILE (`{"refresh_token": "…", "tenantId": "…"}`), rotated in place.
 */
export interface AccountingSession {
  client: AppXeroClient;
  tenantId: string;
  real: boolean;
  close(): Promise<void>;
}

export async function openAccountingSession(): Promise<AccountingSession> {
  if (process.env.XERO_CONTRACT_TARGET !== "real") {
    // The suite makes more than Xero's 60 calls a minute; limits have their own tests.
    const sim = await startSim({ limits: { perMinute: 10_000 } });
    const { client, tenantId } = await connect(sim, { organisations: [NZ] });
    return { client, tenantId: tenantId(NZ), real: false, close: () => sim.close() };
  }
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required when XERO_CONTRACT_TARGET=real`);
    return value;
  };
  const tokenFile = env("XERO_CONTRACT_TOKEN_FILE");
  const saved = JSON.parse(readFileSync(tokenFile, "utf8")) as { refresh_token: string; tenantId: string };
  const client = await createXeroClient({
    identityUrl: process.env.XERO_IDENTITY_URL ?? "https://identity.xero.com",
    apiUrl: process.env.XERO_API_URL ?? "https://api.xero.com",
    clientId: env("XERO_CLIENT_ID"),
    clientSecret: env("XERO_CLIENT_SECRET"),
    redirectUri: process.env.XERO_REDIRECT_URI ?? "http://localhost:3000/api/xero/callback",
    scopes: (
      process.env.XERO_SCOPES ?? "offline_access accounting.contacts accounting.invoices accounting.settings"
    ).split(" "),
  });
  client.setTokenSet({
    refresh_token: saved.refresh_token,
    access_token: "to-be-refreshed",
    token_type: "Bearer",
  });
  const tokens = await client.refreshToken();
  writeFileSync(tokenFile, JSON.stringify({ refresh_token: tokens.refresh_token, tenantId: saved.tenantId }));
  honourRetryAfter(client);
  return { client, tenantId: saved.tenantId, real: true, close: () => Promise.resolve() };
}

/** Against real Xero the suite would exceed 60 calls a minute: wait out each 429's Retry-After and retry. */
function honourRetryAfter(client: AppXeroClient): void {
  const api = client.accountingApi as unknown as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(api))) {
    const original = api[name];
    if (typeof original !== "function" || name === "constructor") continue;
    api[name] = async (...args: unknown[]): Promise<unknown> => {
      for (;;) {
        try {
          return await (original as (...a: unknown[]) => Promise<unknown>).apply(api, args);
        } catch (reason) {
          const parsed = (typeof reason === "string" ? JSON.parse(reason) : reason) as {
            response?: { statusCode?: number; headers?: Record<string, string> };
          };
          if (parsed.response?.statusCode !== 429) throw reason;
          const seconds = Number(parsed.response.headers?.["retry-after"] ?? 1);
          await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
        }
      }
    };
  }
}
