import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { insertPendingAuthorisation } from "@/lib/db/queries/xero-connection";
import { env } from "@/lib/env";
import { activateOrganisation, completeConsent, needsChoice } from "@/lib/xero/connect";
import { OAUTH_STATE_COOKIE, statesMatch } from "@/lib/xero/oauth-state";
import { sealTokenSet } from "@/lib/xero/api/token-store";
import { afterXeroConnect } from "@/lib/sync/resume";
import { logger } from "@/lib/ops/logger";

/**
 * Xero sends the admin back here after consent. Outcomes go to /xero as a short code the page turns
 * into a message (never Xero's raw error or a stack trace).
 */
export async function GET(request: NextRequest) {
  const to = (path: string) => {
    const response = NextResponse.redirect(new URL(path, env.APP_URL));
    response.cookies.delete({ name: OAUTH_STATE_COOKIE, path: "/api/xero/callback" });
    return response;
  };
  // The flow was started by a signed-in admin in this browser; nothing is stored for anyone else.
  const user = await getCurrentUser();
  if (!user) return to("/sign-in?callbackUrl=/xero");
  if (user.role !== "admin") return to("/xero");

  const params = request.nextUrl.searchParams;
  if (!statesMatch(request.cookies.get(OAUTH_STATE_COOKIE)?.value, params.get("state"))) {
    return to("/xero?error=state");
  }
  const error = params.get("error");
  if (error) return to(`/xero?error=${error === "access_denied" ? "access_denied" : "xero"}`);

  const db = getDb();
  try {
    const state = params.get("state") ?? "";
    const callbackUrl = new URL(
      `${request.nextUrl.pathname}${request.nextUrl.search}`,
      env.XERO_REDIRECT_URI,
    );
    const consent = await completeConsent(callbackUrl.toString(), state);
    const [only] = consent.tenants;
    if (!only) return to("/xero?error=no_organisation");
    if (await needsChoice(db, consent.tenants)) {
      const pendingId = await insertPendingAuthorisation(db, {
        userId: user.id,
        encryptedTokenSet: sealTokenSet(consent.tokens),
        tenants: consent.tenants,
      });
      return to(`/xero/choose-organisation?pending=${pendingId}`);
    }
    await activateOrganisation(db, {
      tokens: consent.tokens,
      tenantId: only.tenantId,
      userId: user.id,
      confirmSwitch: false,
    });
    await afterXeroConnect(db, user.id);
    return to("/xero?connected=1");
  } catch (failure) {
    // The logger keeps an error's name, message and stack: never the token set or the raw response.
    logger.error({ err: failure }, "Connecting to Xero failed.");
    return to("/xero?error=exchange");
  }
}
