import { NextResponse } from "next/server";
import { auth } from "@/lib/auth/config";
import { PATHNAME_HEADER } from "@/lib/auth/route-guard";
import { env } from "@/lib/env";
import { contentSecurityPolicy, newNonce } from "@/lib/http/security-headers";

const PUBLIC_PAGES = ["/sign-in"];

/**
 * Runs before every page: gives the page its Content-Security-Policy with a fresh script nonce (Next
 * reads the nonce from the request's CSP header and puts it on its own scripts), tells the dashboard
 * layout the path (so refusals get their real status), and sends signed-out visitors to /sign-in. The redirect is a convenience: every page, action and route handler checks
 * the session again on the server.
 */
export const proxy = auth((request) => {
  const { pathname } = request.nextUrl;
  if (!request.auth?.user && !PUBLIC_PAGES.includes(pathname)) {
    const signIn = new URL("/sign-in", request.nextUrl);
    signIn.searchParams.set("callbackUrl", request.nextUrl.href);
    return NextResponse.redirect(signIn);
  }

  const policy = contentSecurityPolicy(newNonce(), {
    dev: env.NODE_ENV === "development",
    https: new URL(env.APP_URL).protocol === "https:",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  requestHeaders.set(PATHNAME_HEADER, pathname);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
});

export const config = {
  // Pages only: route handlers (/api/…) check the session themselves and answer JSON or redirects.
  // The tab icon (app/icon.svg) is public: the sign-in page shows it too.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
