import { NextResponse } from "next/server";
import { isFreshInstall } from "@/lib/auth/bootstrap";
import { signInErrorPath } from "@/lib/auth/sign-in-errors";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { signUpScopes } from "@/lib/xero/api/config";
import { redirectToConsent } from "@/lib/xero/consent-redirect";

/**
 * "Sign up with Xero" on a fresh install: one consent for who you are and the organisation
 * (signUpScopes), coming back to /api/xero/callback, where the first admin is made and the
 * organisation connected. Closed once Factory has any user (checked again, atomically, on the way back).
 */
export const dynamic = "force-dynamic";

export async function GET() {
  const back = (path: string) => NextResponse.redirect(new URL(path, env.APP_URL));
  if (!(await isFreshInstall(getDb()))) return back(signInErrorPath("already_set_up"));
  try {
    return await redirectToConsent("sign-up", { scopes: signUpScopes() });
  } catch {
    return back(signInErrorPath("xero_unavailable"));
  }
}
