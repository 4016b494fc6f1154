import type { Executor } from "@/lib/db/client";
import { countUsers, insertUser } from "@/lib/db/queries/users";
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
