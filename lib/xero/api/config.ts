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
  const { clientId, clientSecret } = xeroAppCredentials();
  return {
    identityUrl: env.XERO_IDENTITY_URL,
    apiUrl: env.XERO_API_URL,
    clientId,
    clientSecret: clientSecret ?? requireEnv("XERO_CLIENT_SECRET"),
    redirectUri: env.XERO_REDIRECT_URI,
    scopes: env.XERO_SCOPES.split(/\s+/).filter(Boolean),
  };
}

/**
 * The Xero app's id and secret without throwing: the secret is undefined when a real app is
 * configured without one. For the sign-in provider, which is built on every request (a missing secret
 * must fail Sign in with Xero, not every page).
 */
export function xeroAppCredentials(): { clientId: string; clientSecret: string | undefined } {
  const clientId = env.XERO_CLIENT_ID ?? SIMULATOR_CLIENT_ID;
  const fallback = clientId === SIMULATOR_CLIENT_ID ? SIMULATOR_CLIENT_SECRET : undefined;
  return { clientId, clientSecret: env.XERO_CLIENT_SECRET ?? fallback };
}

/**
 * Sign in with Xero asks who you are and nothing more: certification wants no data scopes at sign-in
 * (docs/xero/api-behaviour.md#sign-in-with-xero).
 */
export const SIGN_IN_SCOPES = ["openid", "profile", "email"] as const;

/**
 * Sign up with Xero is one consent for both: who you are (to make the first admin) and the
 * organisation with a refresh token (to connect it), i.e. the configured scopes plus the identity
 * ones and offline_access.
 */
export function signUpScopes(): string[] {
  return [...new Set([...SIGN_IN_SCOPES, "offline_access", ...xeroClientSettings().scopes])];
}
