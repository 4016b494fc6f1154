import type { Executor } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { findUserByEmail } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { verifyIdToken, type XeroIdentity } from "@/lib/xero/api/identity";
import { startSession } from "./sign-in";
import { logger } from "@/lib/ops/logger";

/**
 * Sign in with Xero, after next-auth's OIDC round trip (lib/auth/config.ts) has checked state, PKCE
 * and the id token's nonce, issuer, audience and expiry: the id token's signature is verified here
 * (next-auth doesn't: docs/xero/api-behaviour.md#sign-in-with-xero), its email is matched, ignoring
 * case, to an active Factory user, and that user gets the same server-side session as a password
 * sign-in. Xero has its own protection against guessing, so the password throttle does not count
 * these; every outcome is audited instead. The id token is neither stored nor logged.
 */

export type XeroSignInRefusal = "unverified" | "no_email" | "email_unverified" | "no_active_user";

export type XeroSignIn =
  | { ok: true; user: User; sessionId: string }
  | { ok: false; reason: XeroSignInRefusal; email: string | null };

interface Attempt {
  address: string;
  userAgent: string | null;
}

export async function signInWithXero(
  db: Executor,
  input: Attempt & { idToken: string | undefined },
): Promise<XeroSignIn> {
  let identity: XeroIdentity;
  try {
    identity = await verifyIdToken(input.idToken ?? "");
  } catch (error) {
    const detail = error instanceof Error ? error.message : "unreadable";
    logger.warn({ detail }, "Sign in with Xero refused: the id token failed verification.");
    return refuse(db, input, { reason: "unverified", email: null, detail });
  }
  const { email } = identity;
  if (!email) return refuse(db, input, { reason: "no_email", email: null, identity });
  // Xero sends no email_verified (it verifies addresses itself); an explicit false is refused.
  if (identity.emailVerified === false)
    return refuse(db, input, { reason: "email_unverified", email, identity });

  const user = await findUserByEmail(db, email);
  if (!user?.active) {
    const detail = user ? "the user is deactivated" : "no user has this email";
    return refuse(db, input, { reason: "no_active_user", email, identity, detail });
  }
  const sessionId = await startSession(db, { userId: user.id, ...input });
  await recordAudit(db, {
    userId: user.id,
    entityType: "sign_in",
    entityId: user.email,
    action: "signed_in_with_xero",
    after: { sessionId, xeroUserId: identity.xeroUserId, address: input.address },
  });
  return { ok: true, user, sessionId };
}

/**
 * Audits a Sign in with Xero that failed before Factory saw an id token it could check (a cancelled
 * consent, a wrong state, nonce, issuer or audience that next-auth refused).
 */
export async function recordXeroSignInFailure(
  db: Executor,
  input: { address: string; detail: string },
): Promise<void> {
  await recordAudit(db, {
    userId: null,
    entityType: "sign_in",
    entityId: "xero",
    action: "xero_sign_in_refused",
    after: { reason: "failed", detail: input.detail.slice(0, 300), address: input.address },
  });
}

async function refuse(
  db: Executor,
  attempt: Attempt,
  refusal: { reason: XeroSignInRefusal; email: string | null; identity?: XeroIdentity; detail?: string },
): Promise<XeroSignIn> {
  await recordAudit(db, {
    userId: null,
    entityType: "sign_in",
    entityId: refusal.email?.toLowerCase() ?? "xero",
    action: "xero_sign_in_refused",
    after: {
      reason: refusal.reason,
      ...(refusal.detail ? { detail: refusal.detail.slice(0, 300) } : {}),
      ...(refusal.identity ? { xeroUserId: refusal.identity.xeroUserId } : {}),
      address: attempt.address,
    },
  });
  return { ok: false, reason: refusal.reason, email: refusal.email };
}
