import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { users, type User, type UserRole } from "../schema";
import { revokeUserSessions } from "./user-sessions";

export function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db.query.users.findFirst({ where: sql`lower(${users.email}) = lower(${email})` });
}

export function findUserById(db: Executor, id: string): Promise<User | undefined> {
  return db.query.users.findFirst({ where: eq(users.id, id) });
}

export function listUsers(db: Executor): Promise<User[]> {
  return db.select().from(users).orderBy(asc(users.name));
}

export async function countUsers(db: Executor): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  return row?.count ?? 0;
}

/**
 * Serialises making the first user (Sign up with Xero): two sign-ups racing on a fresh install
 * must not both find no users. Held until the transaction ends.
 */
export async function lockFirstUser(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('factory first user'))`);
}

export async function countActiveAdmins(db: Executor): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`${users.role} = 'admin' and ${users.active}`);
  return row?.count ?? 0;
}

export async function insertUser(
  db: Executor,
  input: { email: string; name: string; passwordHash: string; role: UserRole },
): Promise<User> {
  const [user] = await db.insert(users).values(input).returning();
  if (!user) throw new Error("insert returned no row");
  return user;
}

export async function updateUser(
  db: Executor,
  id: string,
  changes: Partial<Pick<User, "name" | "role" | "active" | "passwordHash">> & { revokeSessions?: boolean },
): Promise<User | undefined> {
  const { revokeSessions, ...values } = changes;
  const [user] = await db
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  if (user && revokeSessions) await revokeUserSessions(db, id);
  return user;
}

export async function recordSignIn(db: Executor, id: string): Promise<void> {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, id));
}
