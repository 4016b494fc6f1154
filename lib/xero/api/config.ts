import { env, requireEnv, SIMULATOR_CLIENT_ID } from "@/lib/env";

/** The simulator's demo app secret (docs/architecture.md#the-simulators-demo-app); used only when no Xero app is configured. */
const SIMULATOR_CLIENT_SECRET = "demo-secret";

/** Identity (token, revoke) calls: generous, since a lost refresh answer costs a retry (xero-node #614). */
export const IDENTITY_TIMEOUT_MS = 10_000;

export interface XeroClientSettings {
  /** OIDC issuer: `https://identity.xero.com`, or the simulator's origin. */
  identityUrl: string;
  /** Origin of `/connections` and `/api.xro/2.0`: `https://api.xero.com`, or the simulator's. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string[];
}

/**
 * The Xero app from env: real Xero and the simulator differ only in these values (docs/architecture.md#the-simulators-demo-app).
 * Without XERO_CLIENT_ID the simulator's demo app is used, as the dev scripts start it.
 */
export function xeroClientSettings(): XeroClientSettings {
  const clientId = env.XERO_CLIENT_ID ?? SIMULATOR_CLIENT_ID;
  return {
    identityUrl: env.XERO_IDENTITY_URL,
    apiUrl: env.XERO_API_URL,
    clientId,
    clientSecret:
      clientId === SIMULATOR_CLIENT_ID
        ? (env.XERO_CLIENT_SECRET ?? SIMULATOR_CLIENT_SECRET)
        : requireEnv("XERO_CLIENT_SECRET"),
    redirectUri: env.XERO_REDIRECT_URI,
    scopes: env.XERO_SCOPES.split(/\s+/).filter(Boolean),
  };
}
