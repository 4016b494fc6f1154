import { randomBytes } from "node:crypto";
import type { Db, Executor } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { countUsers, insertUser, lockFirstUser } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { hashPassword } from "./password";

/** Creates the first administrator when nobody can sign in yet; does nothing once any user exists. */
export async function ensureFirstAdmin(
  db: Executor,
  admin: { email: string; password: string; name?: string },
): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  await insertUser(db, {
    email: admin.email.trim().toLowerCase(),
    name: admin.name ?? "Administrator",
    role: "admin",
    passwordHash: await hashPassword(admin.password),
  });
  return true;
}

/** Whether Factory has nobody yet, so the sign-in page offers Sign up with Xero. */
export async function isFreshInstall(db: Executor): Promise<boolean> {
  return (await countUsers(db)) === 0;
}

/**
 * Sign up with Xero on a fresh install: the first administrator, named and addressed as Xero's
 * verified id token says. Exactly one sign-up wins, however many race (an advisory lock around the
 * count); every later one gets null and changes nothing. The account has no password anyone knows
 * (a random one, hashed and forgotten): its owner signs in with Xero, or sets one on their user page.
 */
export async function createFirstAdminFromXero(
  db: Db,
  identity: { email: string; name: string; xeroUserId: string },
): Promise<User | null> {
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  return db.transaction(async (tx) => {
    await lockFirstUser(tx);
    if ((await countUsers(tx)) > 0) return null;
    const email = identity.email.trim().toLowerCase();
    const user = await insertUser(tx, { email, name: identity.name, role: "admin", passwordHash });
    await recordAudit(tx, {
      userId: user.id,
      entityType: "user",
      entityId: user.id,
      action: "signed_up_with_xero",
      after: { email, name: identity.name, role: "admin", xeroUserId: identity.xeroUserId },
    });
    return user;
  });
}
