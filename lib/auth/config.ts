import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { insertUserSession, pruneUserSessions, revokeUserSession } from "@/lib/db/queries/user-sessions";
import { findUserByEmail, recordSignIn } from "@/lib/db/queries/users";
import { clientAddress } from "./client-address";
import { verifyPassword } from "./password";
import { SESSION_MAX_AGE_SECONDS } from "./session-status";
import { clearFailures, lockedForMs, recordFailure, throttleKeys } from "./throttle";

const credentialsSchema = z.object({ email: z.string().trim().min(1), password: z.string().min(1) });

/** Sessions nobody has used for this long are deleted at the user's next sign-in. */
const SESSION_HISTORY_MS = 30 * 24 * 60 * 60_000;

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
  pages: { signIn: "/sign-in" },
  logger: {
    // A wrong password is an expected event, not an error with a stack trace.
    error: (error) => {
      if (error.name !== "CredentialsSignin") console.error("[auth]", error.message);
    },
    warn: () => {},
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const db = getDb();
        const address = clientAddress(request.headers);
        const keys = throttleKeys(email, address);
        if ((await lockedForMs(db, keys)) > 0) return null;

        const user = await findUserByEmail(db, email);
        const valid = user?.active === true && (await verifyPassword(user.passwordHash, password));
        if (!user || !valid) {
          await recordFailure(db, keys);
          return null;
        }
        await clearFailures(db, email);
        await recordSignIn(db, user.id);
        await pruneUserSessions(db, user.id, SESSION_HISTORY_MS);
        const session = await insertUserSession(db, {
          userId: user.id,
          ipAddress: address,
          userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
        });
        return { id: user.id, email: user.email, name: user.name, sessionId: session.id };
      },
    }),
  ],
  callbacks: {
    authorized: ({ auth: session }) => Boolean(session?.user),
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
