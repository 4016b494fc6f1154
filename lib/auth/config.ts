import NextAuth from "next-auth";
import type { JWT } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { revokeUserSession } from "@/lib/db/queries/user-sessions";
import { authRequest } from "./auth-request";
import { clientAddress } from "./client-address";
import { redeemSessionTicket } from "./session-ticket";
import { SESSION_MAX_AGE_SECONDS } from "./session-status";
import { authenticate } from "./sign-in";
import { signInErrorPath } from "./sign-in-errors";
import { XERO_PROVIDER_ID, xeroProvider } from "./xero-provider";
import { recordXeroSignInFailure, signInWithXero } from "./xero-sign-in";
import { logger } from "@/lib/ops/logger";

const credentialsSchema = z.object({ email: z.string().trim().min(1), password: z.string().min(1) });

/** The provider that turns a session ticket (lib/auth/session-ticket.ts) into the session cookie. */
export const SESSION_TICKET_PROVIDER_ID = "session-ticket";

/** What the session cookie holds: who, and which server-side session. Never a Xero token. */
function cookieClaims(token: JWT): JWT {
  const { name, email, sub, uid, sid } = token;
  return { name, email, sub, uid, sid };
}

/** The underlying reason of a next-auth error, without its "Read more at" link (never a token). */
function failureDetail(error: Error): string {
  const cause = (error as { cause?: { err?: unknown; error?: unknown } }).cause;
  const inner =
    cause?.err instanceof Error ? cause.err.message : typeof cause?.error === "string" ? cause.error : "";
  const own = error.message.replace(/\.? ?Read more at \S+$/, "");
  // next-auth's error classes are minified in a production build; their `type` keeps the name.
  const kind = (error as { type?: unknown }).type;
  return [typeof kind === "string" ? kind : error.name, own, inner].filter(Boolean).join(": ");
}

/** Headers of the request next-auth's route is answering (for the client address), if any. */
const requestHeaders = () => authRequest()?.headers ?? new Headers();

/** Whether next-auth is answering Xero's redirect back (Sign in with Xero's callback). */
function answeringXeroCallback(): boolean {
  const request = authRequest();
  return request !== undefined && new URL(request.url).pathname === `/api/auth/callback/${XERO_PROVIDER_ID}`;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: {
    // A wrong password is an expected event, not an error with a stack trace.
    error: (error) => {
      if (error.name === "CredentialsSignin") return;
      const detail = failureDetail(error);
      logger.warn({ detail }, "Sign-in failed.");
      if (answeringXeroCallback()) {
        // The logger can't wait; the audit row follows the answer by a moment.
        recordXeroSignInFailure(getDb(), { address: clientAddress(requestHeaders()), detail }).catch(
          (failure: unknown) => logger.error({ err: failure }, "Auditing a failed Sign in with Xero failed."),
        );
      }
    },
    warn: () => {},
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const signedIn = await authenticate(getDb(), {
          ...parsed.data,
          address: clientAddress(request.headers),
          userAgent: request.headers.get("user-agent"),
        });
        if (!signedIn) return null;
        const { user, sessionId } = signedIn;
        return { id: user.id, email: user.email, name: user.name, sessionId };
      },
    }),
    xeroProvider(),
    Credentials({
      id: SESSION_TICKET_PROVIDER_ID,
      credentials: { ticket: {} },
      async authorize(raw) {
        const redeemed = await redeemSessionTicket(getDb(), raw.ticket);
        if (!redeemed) return null;
        const { user, sessionId } = redeemed;
        return { id: user.id, email: user.email, name: user.name, sessionId };
      },
    }),
  ],
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider !== XERO_PROVIDER_ID) return true;
      const headers = requestHeaders();
      const outcome = await signInWithXero(getDb(), {
        idToken: account.id_token,
        address: clientAddress(headers),
        userAgent: headers.get("user-agent"),
      });
      if (!outcome.ok) {
        const code =
          outcome.reason === "no_active_user" ? "xero_no_user" : (`xero_${outcome.reason}` as const);
        return signInErrorPath(code, outcome.email);
      }
      // next-auth hands this same object to the jwt callback: the Factory user, not Xero's.
      Object.assign(user, {
        id: outcome.user.id,
        email: outcome.user.email,
        name: outcome.user.name,
        sessionId: outcome.sessionId,
      });
      return true;
    },
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.uid = user.id;
        token.sid = user.sessionId;
      }
      // Only these claims: whatever a provider's account held (Xero's id and access tokens) stays out.
      return cookieClaims(token);
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.sid === "string") session.sessionId = token.sid;
      return session;
    },
  },
  events: {
    // Sign-out ends the session on the server too, so a copy of the cookie kept elsewhere is worthless.
    async signOut(message) {
      const sessionId = "token" in message ? message.token?.sid : undefined;
      if (typeof sessionId === "string") await revokeUserSession(getDb(), sessionId);
    },
  },
});

/**
 * next-auth's server-side sign-in for a route handler: sets its cookies (through next/headers, which
 * Next adds to the route's response) and answers the URL to send the browser to.
 */
export async function signInRedirectUrl(
  provider: string,
  options: { redirectTo: string } & Record<string, string>,
): Promise<string> {
  const url: unknown = await signIn(provider, { ...options, redirect: false });
  if (typeof url !== "string") throw new Error("next-auth answered no redirect");
  return url;
}
