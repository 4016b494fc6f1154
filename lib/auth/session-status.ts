import type { UserSession } from "@/lib/db/schema";

/**
 * Sessions last a working day from their last use; a signed-in tab refreshes its cookie at most
 * hourly. The server-side session row (user_sessions) expires on the same idle time.
 */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** How a session row reads to a person; the same rule `findOpenSession` applies in SQL. */
export function sessionStatus(
  session: Pick<UserSession, "revokedAt" | "lastSeenAt">,
  now = new Date(),
): { label: "Active" | "Signed out" | "Expired"; open: boolean } {
  if (session.revokedAt) return { label: "Signed out", open: false };
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_MAX_AGE_SECONDS * 1000)
    return { label: "Expired", open: false };
  return { label: "Active", open: true };
}
