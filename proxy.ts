export { auth as proxy } from "@/lib/auth/config";

/**
 * Redirects signed-out visitors to /sign-in before a page renders. It is a convenience: every page,
 * action and route handler checks the session again on the server.
 */
export const config = {
  matcher: ["/((?!sign-in|api/health|api/auth|api/xero/callback|_next/static|_next/image|favicon.ico).*)"],
};
