import { createHash, randomBytes } from "node:crypto";
import { ACCESS_TOKEN_TTL_SECONDS } from "../config.ts";
import type { SimContext } from "../context.ts";
import { json, parseFormBody, type SimRequest, type SimResponse } from "../http/types.ts";
import { newId } from "../state/ids.ts";
import type { Grant, TokenResponse } from "../state/store.ts";
import { authenticateClient } from "./client-auth.ts";
import { DEMO_USER, identityClaims } from "./demo-user.ts";
import { spoilClaims } from "./id-token-faults.ts";

/** Xero's id_tokens are valid for 5 minutes. */
const ID_TOKEN_TTL_SECONDS = 300;

const oauthError = (status: number, error: string, description: string) =>
  json(status, { error, error_description: description }, { "cache-control": "no-store" });

/** OIDC Core §3.1.3.6: left half of SHA-256 of the access token, base64url. */
function atHash(accessToken: string): string {
  return createHash("sha256").update(accessToken).digest().subarray(0, 16).toString("base64url");
}

/**
 * An id_token as Xero issues one (RS256 with `kid`, claims of xero-node's `XeroIdToken`). `nonce` is
 * the authorize request's, echoed on the code exchange only: OIDC Core §3.1.2.1 (the provider must
 * return a nonce it was sent; Xero's sign-in "conforms to the OpenId Connect specification",
 * developer.xero.com/documentation/oauth2/sign-in) and §12.2 (a refreshed id_token carries none).
 * Without one in the request there is none in the token, which xero-node's own flow needs.
 */
async function issueIdToken(
  ctx: SimContext,
  grant: Grant,
  accessToken: string,
  exchange: { nonce?: string } | undefined,
): Promise<string> {
  const nonce = exchange?.nonce;
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    nbf: now,
    exp: now + ID_TOKEN_TTL_SECONDS,
    iss: ctx.issuer,
    aud: grant.clientId,
    iat: now,
    at_hash: atHash(accessToken),
    sid: grant.id,
    auth_time: Math.floor(grant.createdAt / 1000),
    idp: "simulator",
    global_session_id: grant.id,
    ...identityClaims(grant.user ?? DEMO_USER, grant.scopes),
    ...(nonce !== undefined ? { nonce } : {}),
    amr: ["pwd"],
  };
  // A test's spoilt token is the next one a code exchange issues (see id-token-faults.ts).
  const fault = exchange ? ctx.idTokenFaults.shift() : undefined;
  if (!fault) return ctx.keys.sign(claims);
  const spoilt = spoilClaims(claims, fault);
  return fault === "bad-signature" ? ctx.keys.signForged(spoilt) : ctx.keys.sign(spoilt);
}

/** `exchange` is set for a code exchange (with the authorize request's nonce), unset for a refresh. */
async function issueTokens(
  ctx: SimContext,
  grant: Grant,
  exchange?: { nonce?: string },
): Promise<TokenResponse> {
  const now = Math.floor(Date.now() / 1000);
  const jti = newId();
  const access_token = await ctx.keys.sign({
    nbf: now,
    exp: now + ACCESS_TOKEN_TTL_SECONDS,
    iss: ctx.issuer,
    aud: `${ctx.issuer}/resources`,
    client_id: grant.clientId,
    sub: grant.userId,
    auth_time: Math.floor(grant.createdAt / 1000),
    xero_userid: grant.userId,
    global_session_id: grant.id,
    jti,
    authentication_event_id: grant.authEventId,
    scope: grant.scopes,
    amr: ["pwd"],
  });
  pruneExpired(ctx);
  ctx.state.accessTokens.set(access_token, {
    grantId: grant.id,
    scopes: grant.scopes,
    expiresAt: (now + ACCESS_TOKEN_TTL_SECONDS) * 1000,
  });
  const response: TokenResponse = {
    access_token,
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    token_type: "Bearer",
    scope: grant.scopes.join(" "),
  };
  if (grant.scopes.includes("offline_access")) {
    response.refresh_token = randomBytes(32).toString("base64url");
    ctx.state.refreshTokens.set(response.refresh_token, { grantId: grant.id, issuedAt: Date.now() });
  }
  if (grant.scopes.includes("openid")) {
    response.id_token = await issueIdToken(ctx, grant, access_token, exchange);
  }
  return response;
}

function pruneExpired(ctx: SimContext): void {
  if (ctx.state.accessTokens.size < 1000) return;
  const cutoff = Date.now() - 3600_000;
  for (const [token, record] of ctx.state.accessTokens)
    if (record.expiresAt < cutoff) ctx.state.accessTokens.delete(token);
}

export async function tokenEndpoint(ctx: SimContext, req: SimRequest): Promise<SimResponse> {
  const clientId = authenticateClient(req);
  if (!clientId)
    return oauthError(401, "invalid_client", "Client authentication (client_secret_basic) failed");
  const form = parseFormBody(req);
  const grantType = form.get("grant_type");
  if (grantType === "authorization_code") return exchangeCode(ctx, clientId, form);
  if (grantType === "refresh_token") return refresh(ctx, clientId, form.get("refresh_token") ?? "");
  return oauthError(400, "unsupported_grant_type", `grant_type "${grantType ?? ""}" is not supported`);
}

async function exchangeCode(ctx: SimContext, clientId: string, form: URLSearchParams): Promise<SimResponse> {
  const code = ctx.codes.get(form.get("code") ?? "");
  ctx.codes.delete(form.get("code") ?? "");
  if (!code || code.expiresAt < Date.now() || code.clientId !== clientId) {
    return oauthError(400, "invalid_grant", "The authorisation code is invalid, expired or already used");
  }
  if (form.get("redirect_uri") !== code.redirectUri) {
    return oauthError(400, "invalid_grant", "redirect_uri does not match the one used to authorise");
  }
  if (
    code.codeChallenge &&
    !verifierMatches(code.codeChallenge, code.codeChallengeMethod, form.get("code_verifier"))
  ) {
    return oauthError(400, "invalid_grant", "code_verifier does not match the code_challenge");
  }
  const grant = ctx.state.grants.get(code.grantId);
  if (!grant || grant.revokedAt) return oauthError(400, "invalid_grant", "The grant has been revoked");
  ctx.traffic.token("codeExchanges");
  return json(200, await issueTokens(ctx, grant, { nonce: code.nonce }), { "cache-control": "no-store" });
}

function verifierMatches(challenge: string, method: string | undefined, verifier: string | null): boolean {
  if (!verifier) return false;
  const computed = method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  return computed === challenge;
}

/**
 * Refresh tokens rotate on every use. Xero lets a client that never received the answer retry
 * with the previous token for 30 minutes; here such a retry gets the *same* token set that was
 * already issued (nothing new is minted), and only while that new refresh token is still unused.
 * Any other reuse is `invalid_grant`.
 */
async function refresh(ctx: SimContext, clientId: string, token: string): Promise<SimResponse> {
  const record = ctx.state.refreshTokens.get(token);
  const grant = record ? ctx.state.grants.get(record.grantId) : undefined;
  if (!record || !grant || grant.revokedAt || grant.clientId !== clientId) {
    ctx.traffic.token("refreshRefusals");
    return oauthError(400, "invalid_grant", "The refresh token is invalid or has been revoked");
  }
  if (record.usedAt === undefined) {
    ctx.traffic.token("refreshes");
    const response = await issueTokens(ctx, grant);
    record.usedAt = Date.now();
    record.successor = response.refresh_token;
    record.successorResponse = response;
    return json(200, response, { "cache-control": "no-store" });
  }
  const successor = record.successor ? ctx.state.refreshTokens.get(record.successor) : undefined;
  const withinGrace = Date.now() - record.usedAt < ctx.refreshGraceMs;
  if (withinGrace && successor && successor.usedAt === undefined && record.successorResponse) {
    ctx.traffic.token("refreshReplays");
    return json(200, record.successorResponse, { "cache-control": "no-store" });
  }
  ctx.traffic.token("refreshRefusals");
  return oauthError(400, "invalid_grant", "The refresh token has already been used");
}

/** RFC 7009 revocation. Revoking a refresh token ends the grant: its tokens and its connections. */
export function revocationEndpoint(ctx: SimContext, req: SimRequest): SimResponse {
  if (!authenticateClient(req)) return oauthError(401, "invalid_client", "Client authentication failed");
  const token = parseFormBody(req).get("token") ?? "";
  const grantId = ctx.state.refreshTokens.get(token)?.grantId ?? ctx.state.accessTokens.get(token)?.grantId;
  if (grantId) revokeGrant(ctx, grantId);
  // RFC 7009 §2.2: an unknown token is not an error.
  return { status: 200, text: "" };
}

export function revokeGrant(ctx: SimContext, grantId: string): void {
  const grant = ctx.state.grants.get(grantId);
  if (grant) grant.revokedAt = Date.now();
  for (const [id, c] of ctx.state.connections) if (c.grantId === grantId) ctx.state.connections.delete(id);
  for (const [t, r] of ctx.state.accessTokens) if (r.grantId === grantId) ctx.state.accessTokens.delete(t);
  for (const [t, r] of ctx.state.refreshTokens) if (r.grantId === grantId) ctx.state.refreshTokens.delete(t);
}
