import { customFetch } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import { env } from "@/lib/env";
import { IDENTITY_TIMEOUT_MS, SIGN_IN_SCOPES, xeroAppCredentials } from "@/lib/xero/api/config";

export const XERO_PROVIDER_ID = "xero";

/** The id token's claims next-auth hands to `profile` (docs/xero/api-behaviour.md#sign-in-with-xero). */
interface XeroIdTokenClaims {
  sub: string;
  email?: string;
  given_name?: string;
  family_name?: string;
}

/**
 * "Sign in with Xero" as a next-auth OIDC provider against XERO_IDENTITY_URL (Xero, or the
 * simulator), the same Xero app as "Connect to Xero". next-auth discovers the endpoints, sends state,
 * PKCE (S256) and a nonce, and checks all three plus the id token's issuer, audience and expiry; the
 * signature is checked in the sign-in callback (lib/auth/xero-sign-in.ts). Only `openid profile
 * email`: no organisation is asked for at sign-in. Its callback is /api/auth/callback/xero, a
 * redirect URI the Xero app must list (README).
 */
export function xeroProvider(): OIDCConfig<XeroIdTokenClaims> {
  const { clientId, clientSecret } = xeroAppCredentials();
  return {
    id: XERO_PROVIDER_ID,
    name: "Xero",
    type: "oidc",
    issuer: env.XERO_IDENTITY_URL,
    clientId,
    clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: SIGN_IN_SCOPES.join(" ") } },
    // Xero's token endpoint authenticates the app with HTTP Basic (docs/xero/api-behaviour.md#oauth-oidc-and-token-lifetimes).
    client: { token_endpoint_auth_method: "client_secret_basic" },
    profile: (claims) => ({
      id: claims.sub,
      email: claims.email ?? null,
      name: [claims.given_name, claims.family_name].filter(Boolean).join(" ") || null,
    }),
    // next-auth's discovery and token calls have no time limit of their own.
    [customFetch]: (input: RequestInfo | URL, init?: RequestInit) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(IDENTITY_TIMEOUT_MS) }),
  };
}
