import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { redirectToConsent } from "@/lib/xero/consent-redirect";

/** Starts "Connect to Xero": a full-page redirect to Xero's consent (no pop-up), admins only. */
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.redirect(new URL("/sign-in", request.url));
  if (user.role !== "admin")
    return new NextResponse("Only an administrator can connect Xero.", { status: 403 });
  try {
    return await redirectToConsent("connect");
  } catch {
    return NextResponse.redirect(new URL("/xero?error=unavailable", env.APP_URL));
  }
}
