import type { SimContext } from "../context.ts";
import { json, type SimResponse } from "../http/types.ts";
import { SCOPE_DESCRIPTIONS } from "./scopes.ts";

/** Paths mirror Xero's own (identity.xero.com/.well-known/openid-configuration). */
export const IDENTITY_PATHS = {
  authorize: "/identity/connect/authorize",
  consent: "/identity/connect/consent",
  token: "/connect/token",
  userinfo: "/connect/userinfo",
  revocation: "/connect/revocation",
  jwks: "/.well-known/openid-configuration/jwks",
} as const;

/**
 * The issuer is exactly the origin (docs/architecture.md#the-simulators-demo-app). `authorization_response_iss_parameter_supported`
 * is deliberately absent: openid-client would then demand an `iss` on the callback.
 */
export function discoveryDocument(ctx: SimContext): SimResponse {
  const at = (path: string) => `${ctx.issuer}${path}`;
  return json(200, {
    issuer: ctx.issuer,
    authorization_endpoint: at(IDENTITY_PATHS.authorize),
    token_endpoint: at(IDENTITY_PATHS.token),
    userinfo_endpoint: at(IDENTITY_PATHS.userinfo),
    jwks_uri: at(IDENTITY_PATHS.jwks),
    revocation_endpoint: at(IDENTITY_PATHS.revocation),
    scopes_supported: Object.keys(SCOPE_DESCRIPTIONS),
    claims_supported: [
      "sub",
      "xero_userid",
      "email",
      "given_name",
      "family_name",
      "preferred_username",
      "sid",
    ],
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    // Xero's authorize accepts a `nonce` and its id_token carries it back (identity/tokens.ts).
    grant_types_supported: ["authorization_code", "refresh_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: ["client_secret_basic"],
    code_challenge_methods_supported: ["plain", "S256"],
  });
}

export function jwks(ctx: SimContext): SimResponse {
  return json(200, { keys: [ctx.keys.publicJwk] });
}
