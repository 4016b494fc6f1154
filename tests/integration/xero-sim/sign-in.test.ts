import { decodeJwt } from "jose";
import { generators, type TokenSet } from "openid-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningXeroSim } from "@/xero-sim/server";
import {
  admin,
  ALL_SCOPES,
  clientFor,
  consent,
  NZ,
  readConsentForm,
  REDIRECT_URI,
  startSim,
} from "./harness";

/**
 * The simulator as an OpenID Provider for "Sign in with Xero" (docs/xero/api-behaviour.md#sign-in-with-xero):
 * a nonce sent is a nonce returned (OIDC Core §3.1.2.1, §2), the userinfo endpoint Xero's discovery
 * names (OIDC Core §5.3), sign-in scopes without an organisation, the person signed in to Xero, and
 * the spoilt id_tokens tests use to prove a client refuses them.
 */

const SIGN_IN_SCOPES = ["openid", "profile", "email"];

let sim: RunningXeroSim;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
beforeEach(() => admin(sim, "POST", "/sim/reset"));

/** An authorize request with a nonce and PKCE, consented, exchanged with every check of openid-client. */
async function signIn(
  options: { scopes?: string[]; nonce?: string; expectNonce?: string } = {},
): Promise<TokenSet> {
  const client = (await clientFor(sim, { scopes: options.scopes ?? SIGN_IN_SCOPES })).openIdClient;
  const state = generators.state();
  const nonce = options.nonce ?? generators.nonce();
  const verifier = generators.codeVerifier();
  const url = client.authorizationUrl({
    redirect_uri: REDIRECT_URI,
    scope: (options.scopes ?? SIGN_IN_SCOPES).join(" "),
    state,
    nonce,
    code_challenge: generators.codeChallenge(verifier),
    code_challenge_method: "S256",
  });
  const { location } = await consent(url, { organisations: [NZ] });
  return client.callback(REDIRECT_URI, client.callbackParams(location), {
    state,
    nonce: options.expectNonce ?? nonce,
    code_verifier: verifier,
  });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (reason) {
    return reason instanceof Error ? reason.message : String(reason);
  }
  throw new Error("Expected openid-client to refuse the id_token");
}

describe("discovery", () => {
  it("names Xero's userinfo endpoint", async () => {
    const doc = (await (await fetch(`${sim.url}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(doc.userinfo_endpoint).toBe(`${sim.url}/connect/userinfo`);
    expect(doc.code_challenge_methods_supported).toContain("S256");
  });
});

describe("nonce", () => {
  it("returns the authorize request's nonce in the code exchange's id_token", async () => {
    const tokens = await signIn({ nonce: "n-0S6_WzA2Mj" });
    expect(tokens.claims().nonce).toBe("n-0S6_WzA2Mj");
  });

  it("puts no nonce in an id_token whose request sent none, nor in a refreshed one", async () => {
    const client = await clientFor(sim, { scopes: ALL_SCOPES, state: "s" });
    const { location } = await consent(await client.buildConsentUrl(), { organisations: [NZ] });
    const first = await client.apiCallback(location);
    expect(first.claims()).not.toHaveProperty("nonce");
    const refreshed = await client.refreshToken();
    expect(decodeJwt(refreshed.id_token ?? "")).not.toHaveProperty("nonce");
  });
});

describe("signing in without an organisation", () => {
  it("asks for no organisation for openid profile email, and grants no refresh token nor connection", async () => {
    const client = (await clientFor(sim, { scopes: SIGN_IN_SCOPES })).openIdClient;
    const url = client.authorizationUrl({ redirect_uri: REDIRECT_URI, scope: SIGN_IN_SCOPES.join(" ") });
    const html = await (await fetch(url)).text();
    expect(readConsentForm(html, url).organisations).toEqual([]);
    expect(html).not.toContain("Organisations to connect");

    const tokens = await signIn();
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.claims()).toMatchObject({ email: "demo.user@factory.example", given_name: "Demo" });
    const connections = await fetch(`${sim.url}/connections`, {
      headers: { authorization: `Bearer ${tokens.access_token ?? ""}` },
    });
    expect(await connections.json()).toEqual([]);
  });
});

describe("userinfo", () => {
  it("answers the signed-in person's claims for the token's scopes, as in the id_token", async () => {
    const tokens = await signIn();
    const answer = await fetch(`${sim.url}/connect/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token ?? ""}` },
    });
    expect(answer.status).toBe(200);
    const claims = tokens.claims();
    expect(await answer.json()).toEqual({
      sub: claims.sub,
      xero_userid: claims.xero_userid,
      email: claims.email,
      preferred_username: claims.preferred_username,
      given_name: claims.given_name,
      family_name: claims.family_name,
    });
  });

  it("refuses a token without openid (insufficient_scope) and an unknown token (401)", async () => {
    const client = await clientFor(sim, { scopes: ["offline_access", "accounting.contacts"], state: "s" });
    const { location } = await consent(await client.buildConsentUrl(), { organisations: [NZ] });
    const plain = await client.apiCallback(location);
    const noOpenId = await fetch(`${sim.url}/connect/userinfo`, {
      headers: { authorization: `Bearer ${plain.access_token ?? ""}` },
    });
    expect(noOpenId.status).toBe(403);
    expect(await noOpenId.json()).toMatchObject({ error: "insufficient_scope" });
    const unknown = await fetch(`${sim.url}/connect/userinfo`, { headers: { authorization: "Bearer nope" } });
    expect(unknown.status).toBe(401);
  });
});

describe("the person signed in to Xero", () => {
  it("is the demo user until a test signs in someone else; their id stays the same", async () => {
    await admin(sim, "PUT", "/sim/identity/user", {
      email: "Pat.Lee@Example.com",
      givenName: "Pat",
      familyName: "Lee",
    });
    const client = (await clientFor(sim, { scopes: SIGN_IN_SCOPES })).openIdClient;
    const html = await (
      await fetch(client.authorizationUrl({ redirect_uri: REDIRECT_URI, scope: "openid email" }))
    ).text();
    expect(html).toContain("Signed in as Pat.Lee@Example.com");

    const first = (await signIn()).claims();
    expect(first).toMatchObject({ email: "Pat.Lee@Example.com", given_name: "Pat", family_name: "Lee" });
    const again = (await signIn()).claims();
    expect(again.xero_userid).toBe(first.xero_userid);

    await admin(sim, "POST", "/sim/reset");
    expect((await signIn()).claims().email).toBe("demo.user@factory.example");
  });
});

describe("spoilt id_tokens (for tests of the app's checks)", () => {
  const cases = [
    ["wrong-audience", /aud mismatch/],
    ["wrong-issuer", /unexpected iss value/],
    ["bad-signature", /failed to validate JWT signature/],
    ["expired", /JWT expired/],
    ["wrong-nonce", /nonce mismatch/],
  ] as const;

  for (const [kind, message] of cases) {
    it(`${kind}: openid-client refuses it, and the next id_token is sound`, async () => {
      await admin(sim, "POST", "/sim/identity/id-token-faults", { kind });
      expect(await refusal(signIn())).toMatch(message);
      await expect(signIn()).resolves.toBeTruthy();
    });
  }

  it("refuses an unknown kind", async () => {
    const answer = await fetch(`${sim.url}/sim/identity/id-token-faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "forged" }),
    });
    expect(answer.status).toBe(400);
  });
});
