import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { xeroClientSettings } from "./api/config";
import { buildConsentUrl } from "./api/identity";
import {
  encodeConsentFlow,
  newConsentFlow,
  OAUTH_STATE_COOKIE,
  OAUTH_STATE_COOKIE_PATH,
  OAUTH_STATE_MAX_AGE_SECONDS,
  type ConsentFlow,
} from "./oauth-state";

/**
 * A full-page redirect (no pop-up) to Xero's consent for `intent`, with the flow's checks in the
 * callback's httpOnly cookie. Throws when Xero's identity service can't be reached (discovery).
 */
export async function redirectToConsent(
  intent: ConsentFlow["intent"],
  options: { scopes?: string[] } = {},
): Promise<NextResponse> {
  const scopes = options.scopes ?? xeroClientSettings().scopes;
  const flow = newConsentFlow(intent, { openid: scopes.includes("openid") });
  const response = NextResponse.redirect(await buildConsentUrl(flow, { scopes }), 302);
  response.cookies.set(OAUTH_STATE_COOKIE, encodeConsentFlow(flow), {
    httpOnly: true,
    sameSite: "lax",
    secure: new URL(env.APP_URL).protocol === "https:",
    path: OAUTH_STATE_COOKIE_PATH,
    maxAge: OAUTH_STATE_MAX_AGE_SECONDS,
  });
  return response;
}
