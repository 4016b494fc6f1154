import { randomUUID } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startXeroSim } from "@/xero-sim/server";
import { freePort } from "../../support/test-database";
import { consent, simEnv, simPost } from "../xero-connection/sim-helpers";

/**
 * Sign in with Xero through next-auth's real route (app/api/auth/[...nextauth]), driven like a browser:
 * a cookie jar, the sign-in POST, Xero's consent page (the simulator), and the callback. What it
 * proves: the id token is verified (a wrong audience, issuer, signature, nonce or an expired one
 * signs nobody in), the verified email is matched to an active Factory user (any case), the
 * session is the same server-side session a password sign-in gets, the cookie carries no Xero token,
 * and every outcome is audited with nothing of the token logged.
 */

const APP = "http://localhost:3999";
const AUTH_SECRET = "xero-sign-in-test-secret-0123456789abcdef";
const sim = await startXeroSim({
  port: await freePort(),
  quiet: true,
  redirectUris: [`${APP}/api/auth/callback/xero`],
});
// lib/env reads process.env once, on first import: point it at the simulator before importing lib/auth.
Object.assign(process.env, simEnv(sim.url), { AUTH_SECRET, APP_URL: APP });
const { NextRequest } = await import("next/server");
const { decode } = await import("next-auth/jwt");
const route = await import("@/app/api/auth/[...nextauth]/route");
const { insertUser, updateUser } = await import("@/lib/db/queries/users");
const { auditEvents, userSessions } = await import("@/lib/db/schema");
const { testDb } = await import("../../support/db");
const { logger } = await import("@/lib/ops/logger");

const db = testDb();
afterAll(() => sim.close());

/** A browser's cookies for the app's origin. */
class CookieJar {
  readonly #cookies = new Map<string, string>();
  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }
}

const ADDRESS = "203.0.113.77";

async function callApp(jar: CookieJar, url: string, init: { method?: string; body?: URLSearchParams } = {}) {
  const request = new NextRequest(new URL(url, APP), {
    method: init.method ?? "GET",
    body: init.body,
    headers: {
      cookie: jar.header(),
      "x-forwarded-for": ADDRESS,
      "user-agent": "xero-sign-in-test",
      ...(init.body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
  });
  const response = await (init.method === "POST" ? route.POST : route.GET)(request);
  jar.take(response);
  return response;
}

/** The whole round trip as a person signed in to Xero as `xeroEmail`; answers where the app sends the browser. */
async function signInWithXero(xeroEmail: string) {
  await fetch(`${sim.url}/sim/identity/user`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: xeroEmail, givenName: "Pat", familyName: "Lee" }),
  });
  const jar = new CookieJar();
  const { csrfToken } = (await (await callApp(jar, "/api/auth/csrf")).json()) as { csrfToken: string };
  const start = await callApp(jar, "/api/auth/signin/xero", {
    method: "POST",
    body: new URLSearchParams({ csrfToken, callbackUrl: `${APP}/quotes` }),
  });
  const authorize = new URL(start.headers.get("location") ?? "");
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${sim.url}/identity/connect/authorize`);
  const back = await consent(sim, authorize.toString(), { organisations: [] });
  const landing = await callApp(jar, back);
  return { jar, authorize, location: new URL(landing.headers.get("location") ?? "", APP) };
}

async function factoryUser(options: { email?: string; active?: boolean } = {}) {
  const user = await insertUser(db, {
    email: options.email ?? `pat.lee.${randomUUID()}@example.test`,
    name: "Pat Lee",
    role: "staff",
    passwordHash: "not-a-real-hash",
  });
  if (options.active === false) await updateUser(db, user.id, { active: false });
  return user;
}

const sessionsOf = (userId: string) => db.select().from(userSessions).where(eq(userSessions.userId, userId));
const refusalsFor = (entityId: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "xero_sign_in_refused"), eq(auditEvents.entityId, entityId)));

const JWT_LIKE = /eyJ[\w-]{10,}\.[\w-]{10,}\./;
let logged: string[] = [];
beforeEach(async () => {
  await simPost(sim, "/sim/reset");
  logged = [];
  const keep = (...args: unknown[]) => {
    logged.push(
      JSON.stringify(args, (_key, value: unknown) =>
        value instanceof Error ? `${value.name}: ${value.message} ${String(value.cause)}` : value,
      ),
    );
  };
  // What the code hands the logger (before its redaction): no token may be among it.
  for (const level of ["fatal", "error", "warn", "info", "debug"] as const) {
    vi.spyOn(logger, level).mockImplementation(keep);
  }
  for (const method of ["error", "warn", "log", "info", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation(keep);
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(logged.filter((line) => JWT_LIKE.test(line))).toEqual([]);
});

describe("Sign in with Xero", () => {
  it("asks Xero for who you are only, with state, PKCE (S256) and a nonce", async () => {
    const user = await factoryUser();
    const { authorize } = await signInWithXero(user.email);
    const params = authorize.searchParams;
    expect(params.get("scope")).toBe("openid profile email");
    expect(params.get("client_id")).toBe("demo-client");
    expect(params.get("redirect_uri")).toBe(`${APP}/api/auth/callback/xero`);
    expect(params.get("code_challenge_method")).toBe("S256");
    for (const check of ["state", "nonce", "code_challenge"]) expect(params.get(check)).toBeTruthy();
  });

  it("signs an active user in, whatever the case of the email, with a server-side session and no Xero token in the cookie", async () => {
    const user = await factoryUser({ email: `pat.lee.${randomUUID()}@example.test` });
    const { jar, location } = await signInWithXero(user.email.toUpperCase());
    expect(location.pathname).toBe("/quotes");

    const cookie = jar.get("authjs.session-token");
    expect(cookie).toBeTruthy();
    const claims = await decode({ token: cookie, secret: AUTH_SECRET, salt: "authjs.session-token" });
    const [session] = await sessionsOf(user.id);
    expect(claims).toMatchObject({ uid: user.id, sub: user.id, sid: session?.id, email: user.email });
    expect(Object.keys(claims ?? {}).sort()).toEqual([
      "email",
      "exp",
      "iat",
      "jti",
      "name",
      "sid",
      "sub",
      "uid",
    ]);
    expect(JSON.stringify(claims)).not.toMatch(JWT_LIKE);
    expect(session).toMatchObject({ ipAddress: ADDRESS, userAgent: "xero-sign-in-test", revokedAt: null });

    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "signed_in_with_xero"), eq(auditEvents.userId, user.id)));
    expect(audit?.after).toMatchObject({ sessionId: session?.id, address: ADDRESS });
    expect(JSON.stringify(audit)).not.toMatch(JWT_LIKE);
  });

  it("refuses a deactivated user: no session, a clear message, audited", async () => {
    const user = await factoryUser({ active: false });
    const { jar, location } = await signInWithXero(user.email);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("error")).toBe("xero_no_user");
    expect(location.searchParams.get("email")).toBe(user.email);
    expect(jar.get("authjs.session-token")).toBeUndefined();
    expect(await sessionsOf(user.id)).toEqual([]);
    const [refusal] = await refusalsFor(user.email);
    expect(refusal?.after).toMatchObject({ reason: "no_active_user", detail: "the user is deactivated" });
  });

  it("refuses an email no Factory user has: no session, audited", async () => {
    const email = `nobody.${randomUUID()}@example.test`;
    const { jar, location } = await signInWithXero(email);
    expect(location.searchParams.get("error")).toBe("xero_no_user");
    expect(jar.get("authjs.session-token")).toBeUndefined();
    const [refusal] = await refusalsFor(email);
    expect(refusal?.after).toMatchObject({ reason: "no_active_user", detail: "no user has this email" });
  });

  describe("an id token that must not be trusted signs nobody in", () => {
    const cases = [
      ["wrong-audience", /aud/],
      ["wrong-issuer", /iss/],
      ["expired", /exp/],
      ["wrong-nonce", /nonce/],
      ["bad-signature", /signature/],
    ] as const;
    for (const [kind, reason] of cases) {
      it(kind, async () => {
        const started = new Date();
        const user = await factoryUser();
        await simPost(sim, "/sim/identity/id-token-faults", { kind });
        const { jar, location } = await signInWithXero(user.email);
        expect(location.pathname).toBe("/sign-in");
        expect(location.searchParams.get("error")).toBeTruthy();
        expect(jar.get("authjs.session-token")).toBeUndefined();
        expect(await sessionsOf(user.id)).toEqual([]);
        // Audited, with what failed (next-auth's check, or the signature check after it); next-auth
        // reports its failures to its logger, which writes the audit row without holding the answer.
        await expect
          .poll(async () => {
            const refusals = await db
              .select()
              .from(auditEvents)
              .where(and(eq(auditEvents.action, "xero_sign_in_refused"), gt(auditEvents.at, started)));
            return refusals.map((r) => JSON.stringify(r.after));
          })
          .toEqual([expect.stringMatching(reason)]);
        expect(logged.join("\n")).toMatch(reason);
      });
    }
  });
});
