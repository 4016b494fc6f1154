import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { findUserById } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { auth } from "./config";

export type SessionUser = Pick<User, "id" | "email" | "name" | "role">;

/**
 * The signed-in user, read fresh from the database on every call so a deactivated account, a changed
 * role or a reset password takes effect at once rather than when the session cookie expires.
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await findUserById(getDb(), id);
  const sessionVersion = (session as { sessionVersion?: unknown }).sessionVersion;
  if (!user || !user.active || user.sessionVersion !== sessionVersion) return null;
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
