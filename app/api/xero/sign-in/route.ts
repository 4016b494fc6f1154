import { NextResponse, type NextRequest } from "next/server";
import { signInRedirectUrl } from "@/lib/auth/config";
import { safeRedirect } from "@/lib/auth/safe-redirect";
import { signInErrorPath } from "@/lib/auth/sign-in-errors";
import { XERO_PROVIDER_ID } from "@/lib/auth/xero-provider";
import { env } from "@/lib/env";
import { logger } from "@/lib/ops/logger";

/**
 * "Sign in with Xero": open to signed-out visitors, since it is a way in. A plain link starts it (no
 * form post, so it works without JavaScript and the Content-Security-Policy's form-action stays
 * 'self'); next-auth sets its state, PKCE and nonce cookies and this answers with the redirect to
 * Xero. Nothing is read or written until Xero sends the browser back to next-auth's callback.
 */
export async function GET(request: NextRequest) {
  const redirectTo = safeRedirect(request.nextUrl.searchParams.get("callbackUrl"));
  let authorizeUrl: string;
  try {
    authorizeUrl = await signInRedirectUrl(XERO_PROVIDER_ID, { redirectTo });
  } catch (failure) {
    logger.error({ err: failure }, "Sign in with Xero could not start.");
    return NextResponse.redirect(new URL(signInErrorPath("xero_unavailable"), env.APP_URL));
  }
  return NextResponse.redirect(authorizeUrl, 302);
}
