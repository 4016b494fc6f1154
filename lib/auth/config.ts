import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { findUserByEmail, recordSignIn } from "@/lib/db/queries/users";
import { verifyPassword } from "./password";
import { clearFailures, lockedForMs, recordFailure, throttleKeys } from "./throttle";

const credentialsSchema = z.object({ email: z.string().trim().min(1), password: z.string().min(1) });

/** Sessions last a working day; a signed-in tab refreshes its cookie at most hourly. */
const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "local";
}

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
        const keys = throttleKeys(email, clientIp(request.headers));
        if ((await lockedForMs(db, keys)) > 0) return null;

        const user = await findUserByEmail(db, email);
        const valid = user?.active === true && (await verifyPassword(user.passwordHash, password));
        if (!user || !valid) {
          await recordFailure(db, keys);
          return null;
        }
        await clearFailures(db, email);
        await recordSignIn(db, user.id);
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    authorized: ({ auth: session }) => Boolean(session?.user),
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 1;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      (session as { sessionVersion?: unknown }).sessionVersion = token.sv;
      return session;
    },
  },
});
