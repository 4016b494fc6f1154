import { randomBytes } from "node:crypto";
import { DEMO_APP } from "../config.ts";
import type { SimContext } from "../context.ts";
import { parseFormBody, redirect, type SimRequest, type SimResponse } from "../http/types.ts";
import { newId } from "../state/ids.ts";
import type { Connection, Grant } from "../state/store.ts";
import { renderConsentPage, renderErrorPage } from "./consent-page.ts";
import { needsOrganisation, unknownScopes } from "./scopes.ts";

/** Xero's authorisation codes are single-use and expire after 5 minutes (developer.xero.com/documentation/oauth2/auth-flow). */
const CODE_TTL_MS = 5 * 60_000;
const PENDING_TTL_MS = 30 * 60_000;

function errorPage(status: number, title: string, detail: string): SimResponse {
  return { status, html: renderErrorPage(title, detail) };
}

function redirectWith(uri: string, params: Record<string, string | undefined>): SimResponse {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return redirect(url.toString());
}

/**
 * GET authorize. Client and redirect URI problems are shown on a page (never redirected to an
 * unverified URI, RFC 6749 §4.1.2.1); scope and response-type problems go back to the app.
 */
export function showConsent(ctx: SimContext, req: SimRequest): SimResponse {
  const q = req.url.searchParams;
  const clientId = q.get("client_id") ?? "";
  const redirectUri = q.get("redirect_uri") ?? "";
  const state = q.get("state") ?? undefined;
  if (clientId !== DEMO_APP.clientId)
    return errorPage(400, "unauthorized_client", `Unknown client "${clientId}".`);
  if (!ctx.redirectUris.has(redirectUri)) {
    return errorPage(
      400,
      "invalid_request",
      `Invalid redirect_uri "${redirectUri}": it must match a registered URI exactly.`,
    );
  }
  if (q.get("response_type") !== "code") {
    return redirectWith(redirectUri, { error: "unsupported_response_type", state });
  }
  const scopes = (q.get("scope") ?? "").split(" ").filter(Boolean);
  const unknown = unknownScopes(scopes);
  if (scopes.length === 0 || unknown.length > 0) {
    return redirectWith(redirectUri, {
      error: "invalid_scope",
      error_description: unknown.length ? `Unknown scope: ${unknown.join(" ")}` : "No scope requested",
      state,
    });
  }
  const requestId = randomBytes(16).toString("hex");
  for (const [id, pending] of ctx.pending)
    if (Date.now() - pending.createdAt > PENDING_TTL_MS) ctx.pending.delete(id);
  ctx.pending.set(requestId, {
    clientId,
    redirectUri,
    scopes,
    state,
    nonce: q.get("nonce") ?? undefined,
    codeChallenge: q.get("code_challenge") ?? undefined,
    codeChallengeMethod: q.get("code_challenge_method") ?? undefined,
    createdAt: Date.now(),
  });
  return { status: 200, html: consentHtml(ctx, requestId, scopes, new Set()) };
}

function consentHtml(
  ctx: SimContext,
  requestId: string,
  scopes: string[],
  checked: Set<string>,
  error?: string,
) {
  const orgs = [...ctx.state.orgs.values()];
  return renderConsentPage({
    requestId,
    appName: DEMO_APP.name,
    userEmail: ctx.xeroUser.email,
    scopes,
    // The first organisation is ticked by default, as Xero preselects one.
    organisations: needsOrganisation(scopes)
      ? orgs.map((org, i) => ({
          tenantId: org.tenantId,
          name: org.Name,
          checked: checked.size ? checked.has(org.tenantId) : i === 0,
        }))
      : [],
    error,
  });
}

/** POST from the consent page: "Allow access" creates the grant and connections, "Cancel" denies. */
export function decideConsent(ctx: SimContext, req: SimRequest): SimResponse {
  const form = parseFormBody(req);
  const requestId = form.get("request_id") ?? "";
  const pending = ctx.pending.get(requestId);
  if (!pending)
    return errorPage(400, "invalid_request", "This consent request has expired. Start again from the app.");
  if (form.get("decision") !== "allow") {
    ctx.pending.delete(requestId);
    return redirectWith(pending.redirectUri, { error: "access_denied", state: pending.state });
  }
  const tenantIds = form.getAll("tenant").filter((id) => ctx.state.orgs.has(id));
  if (needsOrganisation(pending.scopes) && tenantIds.length === 0) {
    return {
      status: 400,
      html: consentHtml(
        ctx,
        requestId,
        pending.scopes,
        new Set(),
        "Select at least one organisation to connect.",
      ),
    };
  }
  ctx.pending.delete(requestId);
  const grant: Grant = {
    id: newId(),
    clientId: pending.clientId,
    userId: ctx.xeroUser.id,
    user: ctx.xeroUser,
    scopes: pending.scopes,
    authEventId: newId(),
    createdAt: Date.now(),
  };
  ctx.state.grants.set(grant.id, grant);
  connectTenants(ctx, grant, tenantIds);
  const code = randomBytes(24).toString("base64url");
  for (const [unused, entry] of ctx.codes) if (entry.expiresAt < Date.now()) ctx.codes.delete(unused);
  ctx.codes.set(code, {
    grantId: grant.id,
    clientId: grant.clientId,
    redirectUri: pending.redirectUri,
    expiresAt: Date.now() + CODE_TTL_MS,
    nonce: pending.nonce,
    codeChallenge: pending.codeChallenge,
    codeChallengeMethod: pending.codeChallengeMethod,
  });
  return redirectWith(pending.redirectUri, {
    code,
    scope: pending.scopes.join(" "),
    state: pending.state,
    session_state: randomBytes(16).toString("hex"),
  });
}

/** A re-consent reuses the existing connection (same id) and moves it to the new grant, as Xero does. */
function connectTenants(ctx: SimContext, grant: Grant, tenantIds: string[]): void {
  const now = new Date().toISOString();
  for (const tenantId of tenantIds) {
    const org = ctx.state.orgs.get(tenantId);
    if (!org) continue;
    const existing = [...ctx.state.connections.values()].find(
      (c) => c.tenantId === tenantId && c.userId === grant.userId && c.clientId === grant.clientId,
    );
    const connection: Connection = existing
      ? { ...existing, grantId: grant.id, authEventId: grant.authEventId, updatedDateUtc: now }
      : {
          id: newId(),
          authEventId: grant.authEventId,
          tenantId,
          tenantType: "ORGANISATION",
          tenantName: org.Name,
          createdDateUtc: now,
          updatedDateUtc: now,
          grantId: grant.id,
          userId: grant.userId,
          clientId: grant.clientId,
        };
    ctx.state.connections.set(connection.id, connection);
  }
}
