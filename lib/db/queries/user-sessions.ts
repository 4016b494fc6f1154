import { and, desc, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { users, userSessions, type User, type UserSession } from "../schema";

/** Starts a session for a sign-in; its id goes into the session cookie. */
export async function insertUserSession(
  db: Executor,
  input: { userId: string; ipAddress: string | null; userAgent: string | null },
): Promise<UserSession> {
  const [session] = await db.insert(userSessions).values(input).returning();
  if (!session) throw new Error("insert returned no row");
  return session;
}

/**
 * The user of a session that is still open: not revoked, and seen within `idleMs` (the cookie's own
 * lifetime, so the server never honours a cookie the browser would already have dropped).
 */
export async function findOpenSession(
  db: Executor,
  sessionId: string,
  options: { idleMs: number; now?: Date },
): Promise<{ session: UserSession; user: User } | undefined> {
  const now = options.now ?? new Date();
  const [row] = await db
    .select({ session: userSessions, user: users })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(
      and(
        eq(userSessions.id, sessionId),
        isNull(userSessions.revokedAt),
        gt(userSessions.lastSeenAt, new Date(now.getTime() - options.idleMs)),
      ),
    );
  return row;
}

/** Records that a session was used; writes at most once per `everyMs` so reads stay reads. */
export async function touchUserSession(
  db: Executor,
  sessionId: string,
  options: { everyMs: number; now?: Date },
): Promise<void> {
  const now = options.now ?? new Date();
  await db
    .update(userSessions)
    .set({ lastSeenAt: now })
    .where(
      and(
        eq(userSessions.id, sessionId),
        lt(userSessions.lastSeenAt, new Date(now.getTime() - options.everyMs)),
      ),
    );
}

/** Ends one session (sign-out). */
export async function revokeUserSession(db: Executor, sessionId: string): Promise<void> {
  await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
}

/** Ends every open session of a user, or every one but `exceptSessionId`; returns how many ended. */
export async function revokeUserSessions(
  db: Executor,
  userId: string,
  options: { exceptSessionId?: string } = {},
): Promise<number> {
  const ended = await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.revokedAt),
        options.exceptSessionId ? ne(userSessions.id, options.exceptSessionId) : undefined,
      ),
    )
    .returning({ id: userSessions.id });
  return ended.length;
}

/** A user's sessions, most recently used first. */
export function listUserSessions(db: Executor, userId: string, limit = 50): Promise<UserSession[]> {
  return db
    .select()
    .from(userSessions)
    .where(eq(userSessions.userId, userId))
    .orderBy(desc(userSessions.lastSeenAt))
    .limit(limit);
}

/** Forgets sessions unused for `olderThanMs`; called at sign-in so the table stays small. */
export async function pruneUserSessions(db: Executor, userId: string, olderThanMs: number): Promise<void> {
  await db
    .delete(userSessions)
    .where(
      and(eq(userSessions.userId, userId), lt(userSessions.lastSeenAt, new Date(Date.now() - olderThanMs))),
    );
}

/**
 * Whether the account with this email signed in from `address` since `since`: such an address is
 * the user's own (office, home), and the per-email ceiling of the sign-in throttle spares it.
 */
export async function hasSignedInFrom(
  db: Executor,
  email: string,
  address: string,
  since: Date,
): Promise<boolean> {
  const [row] = await db
    .select({ id: userSessions.id })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(
      and(
        sql`lower(${users.email}) = lower(${email})`,
        eq(userSessions.ipAddress, address),
        gt(userSessions.createdAt, since),
      ),
    )
    .limit(1);
  return row !== undefined;
}
