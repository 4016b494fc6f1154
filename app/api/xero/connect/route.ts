import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { buildConsentUrl } from "@/lib/xero/api/identity";
import { newOAuthState, OAUTH_STATE_COOKIE, OAUTH_STATE_MAX_AGE_SECONDS } from "@/lib/xero/oauth-state";

/** Starts "Connect to Xero": a full-page redirect to Xero's consent (no pop-up), admins only. */
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.redirect(new URL("/sign-in", request.url));
  if (user.role !== "admin")
    return new NextResponse("Only an administrator can connect Xero.", { status: 403 });

  const state = newOAuthState();
  let consentUrl: string;
  try {
    consentUrl = await buildConsentUrl(state);
  } catch {
    return NextResponse.redirect(new URL("/xero?error=unavailable", env.APP_URL));
  }
  const response = NextResponse.redirect(consentUrl, 302);
  response.cookies.set(OAUTH_STATE_COOKIE, state, {
    httpOnly: true,
    sameSite: "lax",
    secure: new URL(env.APP_URL).protocol === "https:",
    path: "/api/xero/callback",
    maxAge: OAUTH_STATE_MAX_AGE_SECONDS,
  });
  return response;
}
