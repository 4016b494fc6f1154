import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningXeroSim } from "@/xero-sim/server";
import {
  admin,
  ALL_SCOPES,
  clientFor,
  connect,
  consent,
  NZ,
  readConsentForm,
  REDIRECT_URI,
  sdkError,
  startSim,
  UK,
} from "./harness";

let sim: RunningXeroSim;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

/** Rejections of openid-client carry `error` (OPError) or a message (RPError). */
async function identityError(promise: Promise<unknown>): Promise<{ error?: string; message: string }> {
  try {
    await promise;
  } catch (reason) {
    return reason as { error?: string; message: string };
  }
  throw new Error("Expected the identity call to fail");
}

describe("discovery and consent", () => {
  it("publishes an issuer that is exactly the origin, with Xero's endpoint layout", async () => {
    const doc = (await (await fetch(`${sim.url}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(doc.issuer).toBe(sim.url);
    expect(doc.authorization_endpoint).toBe(`${sim.url}/identity/connect/authorize`);
    expect(doc.token_endpoint).toBe(`${sim.url}/connect/token`);
    expect(doc.revocation_endpoint).toBe(`${sim.url}/connect/revocation`);
    expect(doc).not.toHaveProperty("authorization_response_iss_parameter_supported");
    const jwks = (await (await fetch(String(doc.jwks_uri))).json()) as { keys: Record<string, string>[] };
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(jwks.keys[0]?.kid).toBeTruthy();
  });

  it("shows a consent page with the app, the scopes in words, the organisations and both buttons", async () => {
    const client = await clientFor(sim);
    const url = await client.buildConsentUrl();
    const html = await (await fetch(url)).text();
    const form = readConsentForm(html, url);
    expect(html).toContain("Factory (demo) wants to access your Xero data");
    expect(html).toContain("View and manage your contacts");
    expect(html).toContain("View and manage your invoices, quotes, purchase orders and items");
    expect(form.organisations.map((o) => o.name)).toEqual([NZ, UK]);
    expect(html).toMatch(/<button[^>]*value="allow">Allow access<\/button>/);
    expect(html).toMatch(/<button[^>]*value="cancel">Cancel<\/button>/);
  });

  it("sends Cancel back as access_denied with the state", async () => {
    const client = await clientFor(sim, { state: "s-123" });
    const { location, status } = await consent(await client.buildConsentUrl(), { button: "cancel" });
    expect(status).toBe(302);
    const back = new URL(location);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("s-123");
  });

  it("refuses a redirect URI that does not match exactly, without redirecting", async () => {
    const url = new URL(await (await clientFor(sim)).buildConsentUrl());
    url.searchParams.set("redirect_uri", `${REDIRECT_URI}/`);
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("must match a registered URI exactly");
  });

  it("refuses unknown scopes (classic accounting.transactions) back to the app", async () => {
    const client = await clientFor(sim, { scopes: ["offline_access", "accounting.transactions"] });
    const { location } = await consent(await client.buildConsentUrl());
    const back = new URL(location);
    expect(back.searchParams.get("error")).toBe("invalid_scope");
    expect(back.searchParams.get("error_description")).toContain("accounting.transactions");
  });

  it("asks again when no organisation is ticked", async () => {
    const client = await clientFor(sim);
    const { status } = await consent(await client.buildConsentUrl(), { organisations: [] });
    expect(status).toBe(400);
  });
});

describe("code exchange, tokens and connections", () => {
  it("completes the round trip with a validated RS256 id_token carrying Xero's claims and no nonce", async () => {
    const { tokenSet, connections } = await connect(sim);
    expect(tokenSet.expires_in).toBe(1800);
    expect(tokenSet.scope?.split(" ").sort()).toEqual([...ALL_SCOPES].sort());
    const claims = tokenSet.claims();
    expect(claims.iss).toBe(sim.url);
    expect(claims.aud).toBe("demo-client");
    expect(claims).toMatchObject({
      email: "demo.user@factory.example",
      given_name: "Demo",
      family_name: "User",
    });
    expect(claims.xero_userid).toBeTruthy();
    expect(claims).not.toHaveProperty("nonce");
    expect(decodeProtectedHeader(tokenSet.id_token ?? "")).toMatchObject({ alg: "RS256" });
    const access = decodeJwt(tokenSet.access_token ?? "");
    expect(access.scope).toEqual(ALL_SCOPES);
    expect(access.authentication_event_id).toBe(connections[0]?.authEventId);
    expect(connections.map((c) => c.tenantName).sort()).toEqual([NZ, UK]);
    expect(connections[0]).toMatchObject({ tenantType: "ORGANISATION" });
  });

  it("updateTenants(true) adds each organisation's details, as xero-node's own does", async () => {
    const { client } = await connect(sim);
    const tenants = await client.updateTenants(true);
    expect(tenants.map((t) => t.orgData?.name).sort()).toEqual([NZ, UK]);
    expect(tenants.every((t) => t.orgData?.organisationID === t.tenantId)).toBe(true);
  });

  it("uses an authorisation code once only", async () => {
    const client = await clientFor(sim);
    const { location } = await consent(await client.buildConsentUrl());
    await client.apiCallback(location);
    const again = await identityError((await clientFor(sim)).apiCallback(location));
    expect(again.error).toBe("invalid_grant");
  });

  it("connects only the ticked organisation and reuses the connection id on re-consent", async () => {
    const first = await connect(sim, { organisations: [UK] });
    const ukConnection = first.connections.find((c) => c.tenantName === UK);
    const second = await connect(sim, { organisations: [UK] });
    const again = second.connections.find((c) => c.tenantName === UK);
    expect(again?.id).toBe(ukConnection?.id);
    expect(again?.authEventId).not.toBe(ukConnection?.authEventId);
    // updateTenants puts the most recently updated connection first, as xero-node does.
    expect(second.connections[0]?.tenantName).toBe(UK);
  });
});

describe("refresh tokens", () => {
  it("rotates on every refresh and refuses a used token once its successor has been used", async () => {
    const { client, tokenSet } = await connect(sim);
    const second = await client.refreshToken();
    expect(second.refresh_token).not.toBe(tokenSet.refresh_token);
    expect(second.access_token).not.toBe(tokenSet.access_token);
    const third = await client.refreshToken();
    expect(third.refresh_token).not.toBe(second.refresh_token);

    const stale = await clientFor(sim);
    stale.setTokenSet(tokenSet);
    const refused = await identityError(stale.refreshToken());
    expect(refused.error).toBe("invalid_grant");
  });

  it("replays the same token set for a retry inside the grace window while the new token is unused", async () => {
    const { tokenSet } = await connect(sim);
    const first = await clientFor(sim);
    first.setTokenSet(tokenSet);
    const issued = await first.refreshToken();

    // The app never received `issued` (timeout) and retries with the old refresh token.
    const retry = await clientFor(sim);
    retry.setTokenSet(tokenSet);
    const replayed = await retry.refreshToken();
    expect(replayed.refresh_token).toBe(issued.refresh_token);
    expect(replayed.access_token).toBe(issued.access_token);

    // Once the new refresh token has been used, the old one is dead even inside the window.
    await retry.refreshToken();
    const late = await clientFor(sim);
    late.setTokenSet(tokenSet);
    expect((await identityError(late.refreshToken())).error).toBe("invalid_grant");
  });

  it("refuses any reuse when the grace window is over", async () => {
    const strict = await startSim({ refreshGraceMs: 0 });
    try {
      const { tokenSet } = await connect(strict);
      const a = await clientFor(strict);
      a.setTokenSet(tokenSet);
      await a.refreshToken();
      const b = await clientFor(strict);
      b.setTokenSet(tokenSet);
      expect((await identityError(b.refreshToken())).error).toBe("invalid_grant");
    } finally {
      await strict.close();
    }
  });
});

describe("ending access", () => {
  it("revocation ends the grant: its connections, access token and refresh token", async () => {
    const { client, tokenSet, tenantId } = await connect(sim, { organisations: [NZ] });
    const nz = tenantId(NZ);
    const grantsBefore = await admin<{ connections: { grantId: string }[] }>(sim, "GET", "/sim/state");
    await client.revokeToken();
    expect(client.tenants).toEqual([]);
    const after = await clientFor(sim);
    after.setTokenSet(tokenSet);
    const apiError = await sdkError(after.accountingApi.getContacts(nz));
    expect(apiError.response.statusCode).toBe(401);
    expect((await identityError(after.refreshToken())).error).toBe("invalid_grant");
    const grantsAfter = await admin<{ connections: { grantId: string }[] }>(sim, "GET", "/sim/state");
    expect(grantsAfter.connections.length).toBeLessThan(grantsBefore.connections.length);
  });

  it("DELETE /connections/{id} disconnects one organisation; its API calls then get 403", async () => {
    const { client, connections, tenantId } = await connect(sim);
    const uk = connections.find((c) => c.tenantName === UK);
    await client.disconnect(uk?.id ?? "");
    const remaining = await client.updateTenants();
    expect(remaining.map((c) => c.tenantName)).toEqual([NZ]);
    const error = await sdkError(client.accountingApi.getOrganisations(tenantId(UK)));
    expect(error.response.statusCode).toBe(403);
    expect(error.response.body).toMatchObject({ Detail: "AuthenticationUnsuccessful" });
    await expect(client.accountingApi.getOrganisations(tenantId(NZ))).resolves.toBeTruthy();
  });

  it("a disconnect from Xero's side (admin) is seen by the app as 403", async () => {
    const { client, connections, tenantId } = await connect(sim, { organisations: [NZ] });
    const nz = connections.find((c) => c.tenantName === NZ);
    await admin(sim, "POST", `/sim/connections/${nz?.id ?? ""}/disconnect`);
    expect(await client.updateTenants()).toEqual([]);
    expect((await sdkError(client.accountingApi.getContacts(tenantId(NZ)))).response.statusCode).toBe(403);
  });

  it("'expire access token now' gives TokenExpired until the app refreshes", async () => {
    const { client, tenantId } = await connect(sim, { organisations: [NZ] });
    await admin(sim, "POST", "/sim/tokens/expire");
    const error = await sdkError(client.accountingApi.getContacts(tenantId(NZ)));
    expect(error.response.statusCode).toBe(401);
    expect(String((error.response.body as { Detail?: string }).Detail)).toMatch(
      /^TokenExpired: token expired at /,
    );
    await client.refreshToken();
    const ok = await client.accountingApi.getContacts(
      tenantId(NZ),
      undefined,
      undefined,
      undefined,
      undefined,
      1,
    );
    expect(ok.response.status).toBe(200);
  });

  it("'revoke grant now' (admin) makes refresh fail with invalid_grant", async () => {
    const { client, tokenSet } = await connect(sim, { organisations: [NZ] });
    const state = await admin<{ connections: { grantId: string; authEventId: string }[] }>(
      sim,
      "GET",
      "/sim/state",
    );
    const grantId = state.connections.find(
      (c) => c.authEventId === decodeJwt(tokenSet.access_token ?? "").authentication_event_id,
    )?.grantId;
    await admin(sim, "POST", `/sim/grants/${grantId ?? ""}/revoke`);
    expect((await identityError(client.refreshToken())).error).toBe("invalid_grant");
  });
});
