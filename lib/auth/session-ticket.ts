import { hkdfSync } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import type { Executor } from "@/lib/db/client";
import { findOpenSession } from "@/lib/db/queries/user-sessions";
import type { User } from "@/lib/db/schema";
import { requireEnv } from "@/lib/env";
import { SESSION_MAX_AGE_SECONDS } from "./session-status";

/**
 * How a flow that proved who someone is outside next-auth (Sign up with Xero, whose consent and code
 * exchange live in lib/xero) hands the session it started to next-auth, so the cookie is made the one
 * way every sign-in's is: the route calls next-auth's `signIn` with a ticket naming the session, and
 * the ticket provider (lib/auth/config.ts) redeems it. The call stays inside the server process, so
 * the ticket never reaches a browser; it is still signed (a key derived from AUTH_SECRET), lives a
 * minute, and only opens a session that is open, of an active user.
 */

const TICKET_LIFETIME = "60s";
const AUDIENCE = "factory:session-ticket";

function ticketKey(): Uint8Array {
  const secret = requireEnv("AUTH_SECRET");
  return new Uint8Array(hkdfSync("sha256", secret, "", "factory session ticket v1", 32));
}

export async function issueSessionTicket(input: { userId: string; sessionId: string }): Promise<string> {
  return new SignJWT({ sid: input.sessionId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(input.userId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(TICKET_LIFETIME)
    .sign(ticketKey());
}

/** The user and session a ticket names, or null for a forged, expired or spent one. */
export async function redeemSessionTicket(
  db: Executor,
  ticket: unknown,
): Promise<{ user: User; sessionId: string } | null> {
  if (typeof ticket !== "string" || ticket === "") return null;
  try {
    const { payload } = await jwtVerify(ticket, ticketKey(), { audience: AUDIENCE, algorithms: ["HS256"] });
    if (typeof payload.sid !== "string" || typeof payload.sub !== "string") return null;
    const open = await findOpenSession(db, payload.sid, { idleMs: SESSION_MAX_AGE_SECONDS * 1000 });
    if (!open || open.user.id !== payload.sub || !open.user.active) return null;
    return { user: open.user, sessionId: open.session.id };
  } catch {
    return null;
  }
}
