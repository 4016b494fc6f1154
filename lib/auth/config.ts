import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { revokeUserSession } from "@/lib/db/queries/user-sessions";
import { clientAddress } from "./client-address";
import { SESSION_MAX_AGE_SECONDS } from "./session-status";
import { authenticate } from "./sign-in";
import { logger } from "@/lib/ops/logger";

const credentialsSchema = z.object({ email: z.string().trim().min(1), password: z.string().min(1) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
  pages: { signIn: "/sign-in" },
  logger: {
    // A wrong password is an expected event, not an error with a stack trace.
    error: (error) => {
      if (error.name !== "CredentialsSignin") logger.error({ err: error }, "Sign-in failed.");
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
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sid = user.sessionId;
      }
      return token;
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
