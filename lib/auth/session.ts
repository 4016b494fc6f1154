import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { recordExists } from "@/lib/db/queries/record-exists";
import { findOpenSession, touchUserSession } from "@/lib/db/queries/user-sessions";
import type { User } from "@/lib/db/schema";
import { auth } from "./config";
import { isAdminOnlyPath, PATHNAME_HEADER, recordOfPath } from "./route-guard";
import { SESSION_MAX_AGE_SECONDS } from "./session-status";
import { addLogContext } from "@/lib/ops/logger";

export type SessionUser = Pick<User, "id" | "email" | "name" | "role">;

/** How often a session's "last seen" is written; finer would turn every page view into a write. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/** The id of the signed-in browser's session row, when the cookie names one. */
export async function currentSessionId(): Promise<string | undefined> {
  return (await auth())?.sessionId;
}

/**
 * The signed-in user, read fresh from the database on every call together with the session the
 * cookie names: a signed-out or revoked session, a deactivated account, a changed role or a reset
 * password takes effect at once rather than when the cookie expires.
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!userId || !sessionId) return null;
  const db = getDb();
  const open = await findOpenSession(db, sessionId, { idleMs: SESSION_MAX_AGE_SECONDS * 1000 });
  if (!open || open.user.id !== userId || !open.user.active) return null;
  if (Date.now() - open.session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS)
    await touchUserSession(db, sessionId, { everyMs: LAST_SEEN_RESOLUTION_MS });
  const { user } = open;
  addLogContext({ userId: user.id });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** For pages and layouts: the user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** For admin-only pages: the admin, or a 403 page. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "admin") forbidden();
  return user;
}

/**
 * For the dashboard layout, which renders before its loading boundary streams: refuses an admin page
 * to staff (403) and a record page whose record doesn't exist (404) while the status can still say so.
 */
export async function refuseBeforeStreaming(user: SessionUser): Promise<void> {
  const pathname = (await headers()).get(PATHNAME_HEADER);
  if (!pathname) return;
  if (isAdminOnlyPath(pathname) && user.role !== "admin") forbidden();
  const record = recordOfPath(pathname);
  if (record && (record.id === null || !(await recordExists(getDb(), record.kind, record.id)))) notFound();
}
