import { NextResponse, type NextRequest } from "next/server";
import { clientAddress } from "@/lib/auth/client-address";
import { SESSION_TICKET_PROVIDER_ID, signInRedirectUrl } from "@/lib/auth/config";
import { getCurrentUser } from "@/lib/auth/session";
import { issueSessionTicket } from "@/lib/auth/session-ticket";
import { signInErrorPath } from "@/lib/auth/sign-in-errors";
import { signUpWithXero } from "@/lib/auth/xero-sign-up";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { completeConsent, settleConsent, type ConsentOutcome } from "@/lib/xero/connect";
import {
  OAUTH_STATE_COOKIE,
  OAUTH_STATE_COOKIE_PATH,
  readConsentFlow,
  statesMatch,
  type ConsentFlow,
} from "@/lib/xero/oauth-state";
import { afterXeroConnect } from "@/lib/sync/resume";
import { logger } from "@/lib/ops/logger";

/**
 * Xero sends the browser back here after a consent: "Connect to Xero" (a signed-in admin) or "Sign
 * up with Xero" (a fresh install), as the flow cookie says. Outcomes go to a page as a short code it
 * turns into a message (never Xero's raw error or a stack trace). Names and messages only are
 * logged: never a token.
 */
export async function GET(request: NextRequest) {
  const flow = readConsentFlow(request.cookies.get(OAUTH_STATE_COOKIE)?.value);
  const params = request.nextUrl.searchParams;
  const matches = flow !== null && statesMatch(flow.state, params.get("state"));
  // The same URI Xero was given (XERO_REDIRECT_URI), with Xero's answer, whatever host the proxy saw.
  const callbackUrl = new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, env.XERO_REDIRECT_URI);
  if (flow?.intent === "sign-up") return finishSignUp(request, matches ? flow : null, callbackUrl.toString());
  return finishConnect(request, matches ? flow : null, callbackUrl.toString());
}

function redirectTo(path: string) {
  const response = NextResponse.redirect(new URL(path, env.APP_URL));
  response.cookies.delete({ name: OAUTH_STATE_COOKIE, path: OAUTH_STATE_COOKIE_PATH });
  return response;
}

/** The logger keeps an error's name, message and stack: never the token set or the raw response. */
function logFailure(what: string, failure: unknown) {
  logger.error({ err: failure }, `${what} failed.`);
}

async function finishConnect(request: NextRequest, flow: ConsentFlow | null, callbackUrl: string) {
  // The flow was started by a signed-in admin in this browser; nothing is stored for anyone else.
  const user = await getCurrentUser();
  if (!user) return redirectTo("/sign-in?callbackUrl=/xero");
  if (user.role !== "admin") return redirectTo("/xero");
  if (!flow) return redirectTo("/xero?error=state");
  const error = request.nextUrl.searchParams.get("error");
  if (error) return redirectTo(`/xero?error=${error === "access_denied" ? "access_denied" : "xero"}`);

  const db = getDb();
  try {
    const outcome = await settleConsent(db, await completeConsent(callbackUrl, flow), user.id);
    if (outcome.kind === "connected") await afterXeroConnect(db, user.id);
    return redirectTo(pageAfter(outcome));
  } catch (failure) {
    logFailure("Connecting to Xero", failure);
    return redirectTo("/xero?error=exchange");
  }
}

function pageAfter(outcome: ConsentOutcome | { kind: "failed" }): string {
  switch (outcome.kind) {
    case "connected":
      return "/xero?connected=1";
    case "choose":
      return `/xero/choose-organisation?pending=${outcome.pendingId}`;
    case "no_organisation":
      return "/xero?error=no_organisation";
    case "failed":
      return "/xero?error=exchange";
  }
}

/**
 * Sign up with Xero: open to signed-out visitors (it is a way in), and it makes someone an admin only
 * while Factory has no user at all (lib/auth/bootstrap.ts decides that atomically). The session is
 * made by next-auth, through the ticket provider, like every other sign-in's.
 */
async function finishSignUp(request: NextRequest, flow: ConsentFlow | null, callbackUrl: string) {
  if (!flow) return redirectTo(signInErrorPath("sign_up_failed"));
  const error = request.nextUrl.searchParams.get("error");
  if (error)
    return redirectTo(signInErrorPath(error === "access_denied" ? "sign_up_cancelled" : "sign_up_failed"));

  const db = getDb();
  let outcome: Awaited<ReturnType<typeof signUpWithXero>>;
  try {
    outcome = await signUpWithXero(db, {
      consent: await completeConsent(callbackUrl, flow),
      address: clientAddress(request.headers),
      userAgent: request.headers.get("user-agent"),
    });
  } catch (failure) {
    logFailure("Sign up with Xero", failure);
    return redirectTo(signInErrorPath("sign_up_failed"));
  }
  if (!outcome.ok) {
    return redirectTo(
      signInErrorPath(outcome.reason === "already_set_up" ? "already_set_up" : "xero_no_email"),
    );
  }
  if (outcome.organisation.kind === "connected") await afterXeroConnect(db, outcome.user.id);
  const ticket = await issueSessionTicket({ userId: outcome.user.id, sessionId: outcome.sessionId });
  try {
    const landing = await signInRedirectUrl(SESSION_TICKET_PROVIDER_ID, {
      ticket,
      redirectTo: pageAfter(outcome.organisation),
    });
    return redirectTo(landing);
  } catch (failure) {
    logFailure("Starting the session of a Sign up with Xero", failure);
    return redirectTo(signInErrorPath("sign_up_failed"));
  }
}
