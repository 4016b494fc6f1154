import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import type { User } from "@/lib/db/schema";
import { settleConsent, type CompletedConsent, type ConsentOutcome } from "@/lib/xero/connect";
import { createFirstAdminFromXero } from "./bootstrap";
import { startSession } from "./sign-in";
import { logger } from "@/lib/ops/logger";

/**
 * Sign up with Xero on a fresh install: one consent (who you are, plus the organisation and
 * offline_access) makes the first administrator from the verified id token's name and email and
 * connects the organisation through the same code as "Connect to Xero" (lib/xero/connect.ts). The
 * consent's code exchange is lib/xero's too, so the id token was checked by openid-client (signature,
 * issuer, audience, expiry, nonce) before this runs, and only the identity read from it is here.
 */

export type XeroSignUp =
  | {
      ok: true;
      user: User;
      sessionId: string;
      /** The organisation's fate; "failed" leaves an admin who can connect from /xero. */
      organisation: ConsentOutcome | { kind: "failed" };
    }
  | { ok: false; reason: "no_identity" | "already_set_up" };

export async function signUpWithXero(
  db: Db,
  input: { consent: CompletedConsent; address: string; userAgent: string | null },
): Promise<XeroSignUp> {
  const { identity } = input.consent;
  if (!identity?.email || identity.emailVerified === false) return { ok: false, reason: "no_identity" };
  const name = [identity.givenName, identity.familyName].filter(Boolean).join(" ") || identity.email;

  const user = await createFirstAdminFromXero(db, {
    email: identity.email,
    name,
    xeroUserId: identity.xeroUserId,
  });
  if (!user) {
    await recordAudit(db, {
      userId: null,
      entityType: "sign_in",
      entityId: identity.email.toLowerCase(),
      action: "xero_sign_up_refused",
      after: { reason: "already_set_up", xeroUserId: identity.xeroUserId, address: input.address },
    });
    return { ok: false, reason: "already_set_up" };
  }

  let organisation: ConsentOutcome | { kind: "failed" };
  try {
    organisation = await settleConsent(db, input.consent, user.id);
  } catch (failure) {
    // The admin exists either way; Xero's refusal or silence only leaves the connecting for /xero.
    logger.error({ err: failure }, "Sign up with Xero could not connect the organisation.");
    organisation = { kind: "failed" };
  }
  const sessionId = await startSession(db, {
    userId: user.id,
    address: input.address,
    userAgent: input.userAgent,
  });
  await recordAudit(db, {
    userId: user.id,
    entityType: "sign_in",
    entityId: user.email,
    action: "signed_up_with_xero",
    after: { sessionId, organisation: organisation.kind, address: input.address },
  });
  return { ok: true, user, sessionId, organisation };
}
