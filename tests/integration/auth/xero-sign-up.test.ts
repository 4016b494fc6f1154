import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { consent, simPost, startSimForApp } from "../xero-connection/sim-helpers";

/**
 * Sign up with Xero on a fresh install (lib/auth/xero-sign-up.ts) against the simulator, on a database
 * of this file's own (it must start with no user): one consent makes the first admin from the
 * verified id token and connects the organisation, exactly once however many sign-ups race; later
 * ones are refused and change nothing; an id token that fails any check makes nobody. Also the session
 * ticket that hands the sign-up's session to next-auth.
 */

const sim = await startSimForApp();
process.env.AUTH_SECRET = "xero-sign-up-test-secret-0123456789abcdef";
const { createTestDatabase } = await import("../../support/test-database");
const { createDb } = await import("@/lib/db/client");
const { auditEvents, userSessions, users, xeroConnections } = await import("@/lib/db/schema");
const { updateUser } = await import("@/lib/db/queries/users");
const { revokeUserSession } = await import("@/lib/db/queries/user-sessions");
const { signUpScopes } = await import("@/lib/xero/api/config");
const { openTokenSet } = await import("@/lib/xero/api/token-store");
const { buildConsentUrl } = await import("@/lib/xero/api/identity");
const { completeConsent } = await import("@/lib/xero/connect");
const { newConsentFlow } = await import("@/lib/xero/oauth-state");
const { signUpWithXero } = await import("@/lib/auth/xero-sign-up");
const { issueSessionTicket, redeemSessionTicket } = await import("@/lib/auth/session-ticket");

const database = await createTestDatabase("xero_sign_up");
const { db, close } = createDb(database.url, { max: 8 });
afterAll(async () => {
  await close();
  await database.drop();
  await sim.close();
});

const NZ = "Demo Fabrication NZ";

async function signInToXeroAs(email: string, givenName?: string, familyName?: string) {
  const answer = await fetch(`${sim.url}/sim/identity/user`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, givenName, familyName }),
  });
  if (!answer.ok) throw new Error(`PUT /sim/identity/user answered ${answer.status}`);
}

/** One browser's Sign up with Xero as far as the callback: the consent, and its code exchanged. */
async function consentToSignUp() {
  const flow = newConsentFlow("sign-up", { openid: true });
  const authorize = await buildConsentUrl(flow, { scopes: signUpScopes() });
  const back = await consent(sim, authorize, { organisations: [NZ] });
  return { authorize: new URL(authorize), completed: () => completeConsent(back, flow) };
}

const signUp = async (completed: Awaited<ReturnType<typeof completeConsent>>) =>
  signUpWithXero(db, { consent: completed, address: "198.51.100.4", userAgent: "sign-up-test" });

describe("Sign up with Xero", () => {
  it("asks in one consent for who you are, offline access and the accounting scopes, with nonce and PKCE", async () => {
    const { authorize } = await consentToSignUp();
    expect(authorize.searchParams.get("scope")?.split(" ").sort()).toEqual(
      [
        "accounting.contacts",
        "accounting.invoices",
        "accounting.settings",
        "email",
        "offline_access",
        "openid",
        "profile",
      ].sort(),
    );
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("nonce")).toBeTruthy();
  });

  for (const kind of ["wrong-audience", "wrong-issuer", "bad-signature", "expired", "wrong-nonce"]) {
    it(`refuses an id token with ${kind}: nobody is made, nothing connected`, async () => {
      await simPost(sim, "/sim/identity/id-token-faults", { kind });
      const { completed } = await consentToSignUp();
      await expect(completed()).rejects.toThrow();
      expect(await db.select().from(users)).toEqual([]);
      expect(await db.select().from(xeroConnections)).toEqual([]);
    });
  }

  it("makes the first admin and the connection exactly once when two people's sign-ups race", async () => {
    await signInToXeroAs("rival@example.com", "Rita", "Rival");
    const rival = await consentToSignUp();
    await signInToXeroAs("Owner@Example.com", "Olive", "Owner");
    const owner = await consentToSignUp();
    const consents = await Promise.all([owner.completed(), rival.completed()]);
    expect(consents.map((c) => c.identity?.email)).toEqual(["Owner@Example.com", "rival@example.com"]);

    // Both find no user until one holds the first-user lock; the other then finds the winner.
    const outcomes = await Promise.all(consents.map(signUp));
    const won = outcomes.filter((o) => o.ok);
    expect(won).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: "already_set_up" }]);
    const winnerEmail = won[0]?.ok ? won[0].user.email : "";

    const [admin, ...others] = await db.select().from(users);
    expect(others).toEqual([]);
    const name = winnerEmail === "owner@example.com" ? "Olive Owner" : "Rita Rival";
    expect(admin).toMatchObject({ email: winnerEmail, name, role: "admin", active: true });
    const [connection, ...moreConnections] = await db.select().from(xeroConnections);
    expect(moreConnections).toEqual([]);
    expect(connection).toMatchObject({
      status: "connected",
      organisationName: NZ,
      connectedBy: admin?.id,
    });
    // Stored through the token store, sealed; what it keeps has no place for an id token.
    expect(Object.keys(openTokenSet(connection?.encryptedTokenSet ?? "")).sort()).toEqual([
      "accessToken",
      "expiresAt",
      "refreshToken",
      "scopes",
    ]);
    const winner = won[0];
    expect(winner?.ok && winner.organisation).toEqual({ kind: "connected" });
    const sessions = await db
      .select()
      .from(userSessions)
      .where(eq(userSessions.userId, admin?.id ?? ""));
    expect(sessions.map((s) => s.id)).toEqual([winner?.ok ? winner.sessionId : ""]);
    const audits = await db.select().from(auditEvents);
    expect(audits.map((e) => e.action)).toEqual(
      expect.arrayContaining(["signed_up_with_xero", "connected", "xero_sign_up_refused"]),
    );
  });

  it("refuses once Factory has a user, and changes nothing", async () => {
    const before = {
      users: await db.select().from(users),
      connections: await db.select().from(xeroConnections),
    };
    await signInToXeroAs("latecomer@example.com");
    const { completed } = await consentToSignUp();
    expect(await signUp(await completed())).toEqual({ ok: false, reason: "already_set_up" });
    expect(await db.select().from(users)).toEqual(before.users);
    expect(await db.select().from(xeroConnections)).toEqual(before.connections);
  });
});

describe("session tickets", () => {
  it("open the session they name, and nothing forged, revoked or of a deactivated user", async () => {
    const [admin] = await db.select().from(users);
    const [session] = await db.select().from(userSessions);
    if (!admin || !session) throw new Error("the sign-up above made no admin");
    const ticket = await issueSessionTicket({ userId: admin.id, sessionId: session.id });
    expect(await redeemSessionTicket(db, ticket)).toMatchObject({
      sessionId: session.id,
      user: { id: admin.id },
    });

    const [header, payload] = ticket.split(".");
    expect(await redeemSessionTicket(db, `${header}.${payload}.forged`)).toBeNull();
    expect(await redeemSessionTicket(db, undefined)).toBeNull();
    const otherUser = await issueSessionTicket({ userId: crypto.randomUUID(), sessionId: session.id });
    expect(await redeemSessionTicket(db, otherUser)).toBeNull();

    await updateUser(db, admin.id, { active: false });
    expect(await redeemSessionTicket(db, ticket)).toBeNull();
    await updateUser(db, admin.id, { active: true });
    await revokeUserSession(db, session.id);
    expect(await redeemSessionTicket(db, ticket)).toBeNull();
  });
});

describe("a consent without openid", () => {
  it("sends no nonce and exchanges its code without expecting an id token", async () => {
    const scopes = ["offline_access", "accounting.contacts", "accounting.settings"];
    const flow = newConsentFlow("connect", { openid: false });
    expect(flow.nonce).toBeUndefined();
    const authorize = await buildConsentUrl(flow, { scopes });
    expect(new URL(authorize).searchParams.has("nonce")).toBe(false);
    const back = await consent(sim, authorize, { organisations: [NZ] });
    const completed = await completeConsent(back, flow);
    expect(completed.identity).toBeNull();
    expect(completed.tokens.scopes.sort()).toEqual([...scopes].sort());
  });
});
