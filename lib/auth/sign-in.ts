import type { Executor } from "@/lib/db/client";
import { hasSignedInFrom, insertUserSession, pruneUserSessions } from "@/lib/db/queries/user-sessions";
import { findUserByEmail, recordSignIn } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { verifyPasswordOrDummy } from "./password";
import {
  clearFailedSignIns,
  KNOWN_ADDRESS_DAYS,
  recordFailedSignIn,
  signInLockedForMs,
  type SignInAttempt,
} from "./throttle";

/** Sessions nobody has used for this long are deleted at the user's next sign-in. */
const SESSION_HISTORY_MS = 30 * 24 * 60 * 60_000;

/** The throttle's view of a sign-in for `email` from `address`. */
export async function signInAttempt(db: Executor, email: string, address: string): Promise<SignInAttempt> {
  const since = new Date(Date.now() - KNOWN_ADDRESS_DAYS * 24 * 60 * 60_000);
  return { email, address, knownAddress: await hasSignedInFrom(db, email, address, since) };
}

export type Authenticated = { user: User; sessionId: string };

/**
 * Checks an email and password: refuses while the throttle holds, costs the same whether or not the
 * email exists, counts failures, and on success starts a session (user_sessions) for the cookie.
 */
export async function authenticate(
  db: Executor,
  input: { email: string; password: string; address: string; userAgent: string | null },
): Promise<Authenticated | null> {
  const attempt = await signInAttempt(db, input.email, input.address);
  if ((await signInLockedForMs(db, attempt)) > 0) return null;

  const user = await findUserByEmail(db, input.email);
  const matches = await verifyPasswordOrDummy(user?.passwordHash, input.password);
  if (!user || !user.active || !matches) {
    await recordFailedSignIn(db, attempt);
    return null;
  }
  await clearFailedSignIns(db, attempt);
  return { user, sessionId: await startSession(db, { userId: user.id, ...input }) };
}

/**
 * Starts the server-side session of a sign-in, whichever way the person proved who they are
 * (password, Sign in with Xero, Sign up with Xero): its id goes into the cookie, it is listed on the
 * user's page, and signing out ends it. Forgets the user's long-unused sessions.
 */
export async function startSession(
  db: Executor,
  input: { userId: string; address: string; userAgent: string | null },
): Promise<string> {
  await recordSignIn(db, input.userId);
  await pruneUserSessions(db, input.userId, SESSION_HISTORY_MS);
  const session = await insertUserSession(db, {
    userId: input.userId,
    ipAddress: input.address,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return session.id;
}
