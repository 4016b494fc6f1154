import { createRemoteJWKSet, jwtVerify } from "jose";
import { generators } from "openid-client";
import type { Db } from "@/lib/db/client";
import { limitXeroCall, type XeroCallSlot } from "@/lib/xero/rate-limit";
import { createXeroClient, discover, type TenantConnection } from "./client";
import { IDENTITY_TIMEOUT_MS, xeroAppCredentials, xeroClientSettings } from "./config";
import { headerValue, toXeroError, XeroError } from "./errors";
import { currencyCodes } from "./reference-data";
import { fromTokenSet, toTokenSetParameters, type StoredTokenSet } from "./token-store";

/**
 * The OAuth2 round trip and the organisations a grant reaches (docs/architecture.md#routes;
 * docs/xero/api-behaviour.md#pointing-xero-node-at-the-simulator). Every call builds its own xero-node client: the `state` is per login, and token sets must
 * never be shared between requests (xero-node #472).
 */

async function clientFor(options: { state?: string; tokens?: StoredTokenSet } = {}) {
  const client = await createXeroClient({
    ...xeroClientSettings(),
    state: options.state,
    timeoutMs: IDENTITY_TIMEOUT_MS,
  });
  if (options.tokens) client.setTokenSet(toTokenSetParameters(options.tokens));
  return client;
}

/**
 * What ties Xero's answer to the browser that asked: `state` always (CSRF), and for flows that read
 * the id_token a `nonce` (it must come back in the token) and a PKCE `codeVerifier` (only its S256
 * challenge is sent, so an intercepted code is useless).
 */
export interface ConsentChecks {
  state: string;
  nonce?: string;
  codeVerifier?: string;
}

const checksOf = (checks: string | ConsentChecks): ConsentChecks =>
  typeof checks === "string" ? { state: checks } : checks;

/** Xero's authorize URL for this login; the checks must also go into the browser's httpOnly cookie. */
export async function buildConsentUrl(
  checks: string | ConsentChecks,
  options: { scopes?: string[] } = {},
): Promise<string> {
  const { state, nonce, codeVerifier } = checksOf(checks);
  const settings = xeroClientSettings();
  const client = await clientFor({ state });
  return client.openIdClient.authorizationUrl({
    redirect_uri: settings.redirectUri,
    scope: (options.scopes ?? settings.scopes).join(" "),
    state,
    ...(nonce ? { nonce } : {}),
    ...(codeVerifier
      ? { code_challenge: generators.codeChallenge(codeVerifier), code_challenge_method: "S256" }
      : {}),
  });
}

/** Who consented, from Xero's verified id_token (docs/xero/api-behaviour.md#sign-in-with-xero). */
export interface XeroIdentity {
  xeroUserId: string;
  email: string | null;
  /** Xero sends no `email_verified` (it verifies addresses itself); only an explicit false is false. */
  emailVerified: boolean | null;
  givenName: string | null;
  familyName: string | null;
}

function identityOf(claims: Record<string, unknown>): XeroIdentity {
  const text = (key: string) => {
    const value = claims[key];
    return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
  };
  const verified = claims.email_verified;
  return {
    xeroUserId: text("xero_userid") ?? text("sub") ?? "",
    email: text("email"),
    emailVerified: typeof verified === "boolean" ? verified : null,
    givenName: text("given_name"),
    familyName: text("family_name"),
  };
}

export interface ExchangedConsent {
  tokens: StoredTokenSet;
  /** From the id_token, which openid-client verified (signature, issuer, audience, expiry, nonce) and which is then dropped. */
  identity: XeroIdentity | null;
}

/**
 * Exchanges the callback's code for a token set. openid-client checks `state`, the PKCE verifier and,
 * when `openid` was asked for, the id_token: its RS256 signature against Xero's JWKS, `iss`, `aud`,
 * `exp` and the `nonce` (docs/xero/api-behaviour.md#oauth-oidc-and-token-lifetimes). Only the
 * identity read from it is returned: the id_token itself is never stored.
 */
export async function exchangeConsentCode(
  callbackUrl: string,
  checks: string | ConsentChecks,
): Promise<ExchangedConsent> {
  const { state, nonce, codeVerifier } = checksOf(checks);
  const settings = xeroClientSettings();
  const oidc = (await clientFor({ state })).openIdClient;
  const params = oidc.callbackParams(callbackUrl);
  const expected = { state, nonce, code_verifier: codeVerifier };
  // A flow asked for `openid` exactly when it has a nonce; a bare state is xero-node's own rule.
  const withIdToken = typeof checks === "string" ? settings.scopes.includes("openid") : nonce !== undefined;
  const tokenSet = withIdToken
    ? await oidc.callback(settings.redirectUri, params, expected)
    : await oidc.oauthCallback(settings.redirectUri, params, expected);
  return {
    tokens: fromTokenSet(tokenSet),
    identity: tokenSet.id_token ? identityOf(tokenSet.claims()) : null,
  };
}

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/**
 * Verifies an id_token Xero issued to this app: RS256 signature against the JWKS its discovery
 * names, `iss` exactly the discovered issuer, `aud` this app's client id, `exp`/`nbf` (5 s of clock
 * tolerance, as openid-client allows) and, when given, the `nonce`. For the sign-in path, where
 * next-auth has checked state, PKCE and nonce but not the signature
 * (docs/xero/api-behaviour.md#sign-in-with-xero).
 *
 * @throws {XeroError} kind "auth" naming what failed; never the token.
 */
export async function verifyIdToken(
  idToken: string,
  options: { nonce?: string } = {},
): Promise<XeroIdentity> {
  const { identityUrl } = xeroClientSettings();
  const { clientId } = xeroAppCredentials();
  try {
    const { issuer, jwks_uri: jwksUri } = (await discover(identityUrl)).metadata;
    if (!jwksUri) throw new Error("Xero's discovery document names no jwks_uri");
    let keys = keySets.get(jwksUri);
    if (!keys) keySets.set(jwksUri, (keys = createRemoteJWKSet(new URL(jwksUri))));
    const { payload } = await jwtVerify(idToken, keys, {
      issuer,
      audience: clientId,
      algorithms: ["RS256"],
      clockTolerance: 5,
      requiredClaims: ["sub", "iat", "exp"],
    });
    if (options.nonce !== undefined && payload.nonce !== options.nonce) throw new Error("nonce mismatch");
    return identityOf(payload);
  } catch (reason) {
    const detail = reason instanceof Error ? reason.message : "unreadable";
    throw new XeroError({ kind: "auth", message: `Xero's id token was refused: ${detail}` });
  }
}

/** GET /connections: the organisations the grant reaches, most recently updated first. */
export async function listTenantConnections(tokens: StoredTokenSet): Promise<TenantConnection[]> {
  const client = await clientFor({ tokens });
  try {
    // false: no /Organisation call per tenant (xero-node #452); the chosen one is read on its own.
    return await client.updateTenants(false);
  } catch (reason) {
    throw toXeroError(reason);
  }
}

/** What Factory keeps of an organisation (xero_accounting.yaml `Organisation`). */
export interface OrganisationDetails {
  name: string | null;
  shortCode: string | null;
  baseCurrency: string | null;
  /** Organisation.Timezone as Xero names it ("NEWZEALANDSTANDARDTIME"); lib/xero/time-zones.ts maps it. */
  timeZone: string | null;
  /** The enabled currency codes (GET /Currencies): forms and the send planner need them from the start. */
  enabledCurrencies: string[];
  /** X-DayLimit-Remaining of the answer, when Xero sent a usable one. */
  callsLeftToday: number | null;
}

/**
 * GET /Organisation and GET /Currencies of one tenant, before its connection is stored. Each goes
 * through the organisation's shared call budget (lib/xero/rate-limit.ts) like every accounting call,
 * so a (re)connect in a busy minute can't push Xero's count past ours.
 */
export async function getOrganisation(
  db: Db,
  tokens: StoredTokenSet,
  tenantId: string,
): Promise<OrganisationDetails> {
  const client = await clientFor({ tokens });
  const limited = <T>(call: (slot: XeroCallSlot) => Promise<T>) =>
    limitXeroCall(db, tenantId, async (slot) => {
      try {
        return await call(slot);
      } catch (reason) {
        throw toXeroError(reason);
      }
    });
  const answer = await limited(async (slot) => {
    const organisations = await client.accountingApi.getOrganisations(tenantId);
    const dayLimit = Number(
      headerValue(organisations.response.headers as Record<string, string>, "x-daylimit-remaining"),
    );
    if (Number.isFinite(dayLimit) && dayLimit > 0) slot.noteDayRemaining(dayLimit);
    return { organisation: organisations.body.organisations?.[0], dayLimit };
  });
  const currencies = await limited(() => client.accountingApi.getCurrencies(tenantId));
  const { organisation, dayLimit } = answer;
  return {
    name: organisation?.name ?? null,
    shortCode: organisation?.shortCode ?? null,
    baseCurrency: organisation?.baseCurrency ? String(organisation.baseCurrency) : null,
    timeZone: organisation?.timezone ? String(organisation.timezone) : null,
    enabledCurrencies: currencyCodes(currencies.body.currencies),
    callsLeftToday: Number.isFinite(dayLimit) && dayLimit > 0 ? dayLimit : null,
  };
}

/** DELETE /connections/{id} for each connection id (the connection's `id`, not its tenantId). */
export async function removeTenantConnections(
  tokens: StoredTokenSet,
  connectionIds: string[],
): Promise<void> {
  const client = await clientFor({ tokens });
  try {
    for (const connectionId of connectionIds) await client.disconnect(connectionId);
  } catch (reason) {
    throw toXeroError(reason);
  }
}

/** Removes the connection (when its id is known) and revokes the grant's refresh token. */
export async function revokeGrant(tokens: StoredTokenSet, connectionId: string | null): Promise<void> {
  const client = await clientFor({ tokens });
  try {
    if (connectionId) await client.disconnect(connectionId);
    await client.revokeToken();
  } catch (reason) {
    throw toXeroError(reason);
  }
}
