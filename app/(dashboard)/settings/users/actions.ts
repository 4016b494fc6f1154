"use server";

import { revalidatePath } from "next/cache";
import { ActionError, authedAction } from "@/lib/auth/action";
import { isLastActiveAdmin, LAST_ADMIN_REASON } from "@/lib/auth/last-admin";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { revokeUserSessions } from "@/lib/db/queries/user-sessions";
import {
  countActiveAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  updateUser,
} from "@/lib/db/queries/users";
import {
  changeRoleSchema,
  createUserSchema,
  resetPasswordSchema,
  setActiveSchema,
  userIdSchema,
} from "./schema";

const admin = { role: "admin" } as const;

export const createUser = authedAction(
  createUserSchema,
  async (input, { user }) => {
    const passwordHash = await hashPassword(input.password);
    return getDb().transaction(async (tx) => {
      if (await findUserByEmail(tx, input.email)) {
        throw new ActionError("Check the highlighted fields.", {
          email: ["Someone already uses this email"],
        });
      }
      const created = await insertUser(tx, {
        name: input.name,
        email: input.email,
        role: input.role,
        passwordHash,
      });
      await recordAudit(tx, {
        userId: user.id,
        entityType: "user",
        entityId: created.id,
        action: "created",
        after: { email: created.email, role: created.role },
      });
      revalidatePath("/settings/users");
      return { id: created.id };
    });
  },
  admin,
);

/** Refuses a change that would leave no active administrator to manage Factory. */
async function keepAnAdmin(tx: Parameters<typeof countActiveAdmins>[0], targetId: string) {
  const target = await findUserById(tx, targetId);
  if (!target) throw new ActionError("That account no longer exists.");
  if (isLastActiveAdmin(target, await countActiveAdmins(tx))) throw new ActionError(LAST_ADMIN_REASON);
  return target;
}

export const changeUserRole = authedAction(
  changeRoleSchema,
  async ({ userId, role }, { user }) =>
    getDb().transaction(async (tx) => {
      const target = role === "staff" ? await keepAnAdmin(tx, userId) : await findUserById(tx, userId);
      if (!target) throw new ActionError("That account no longer exists.");
      if (target.role === role) return;
      await updateUser(tx, userId, { role, revokeSessions: true });
      await recordAudit(tx, {
        userId: user.id,
        entityType: "user",
        entityId: userId,
        action: "role_changed",
        before: { role: target.role },
        after: { role },
      });
      revalidatePath("/settings/users");
    }),
  admin,
);

export const setUserActive = authedAction(
  setActiveSchema,
  async ({ userId, active }, { user }) =>
    getDb().transaction(async (tx) => {
      if (!active && userId === user.id) throw new ActionError("You can't deactivate your own account.");
      const target = active ? await findUserById(tx, userId) : await keepAnAdmin(tx, userId);
      if (!target) throw new ActionError("That account no longer exists.");
      if (target.active === active) return;
      await updateUser(tx, userId, { active, revokeSessions: !active });
      await recordAudit(tx, {
        userId: user.id,
        entityType: "user",
        entityId: userId,
        action: active ? "reactivated" : "deactivated",
      });
      revalidatePath("/settings/users");
    }),
  admin,
);

export const resetUserPassword = authedAction(
  resetPasswordSchema,
  async ({ userId, password }, { user }) => {
    const passwordHash = await hashPassword(password);
    await getDb().transaction(async (tx) => {
      const updated = await updateUser(tx, userId, { passwordHash, revokeSessions: userId !== user.id });
      if (!updated) throw new ActionError("That account no longer exists.");
      await recordAudit(tx, {
        userId: user.id,
        entityType: "user",
        entityId: userId,
        action: "password_reset",
      });
    });
    revalidatePath("/settings/users");
  },
  admin,
);

/** Ends every session of a user, e.g. after a lost laptop; they can sign in again at once. */
export const signOutUserEverywhere = authedAction(
  userIdSchema,
  async ({ userId }, { user }) => {
    await getDb().transaction(async (tx) => {
      if (!(await findUserById(tx, userId))) throw new ActionError("That account no longer exists.");
      const ended = await revokeUserSessions(tx, userId);
      await recordAudit(tx, {
        userId: user.id,
        entityType: "user",
        entityId: userId,
        action: "signed_out_everywhere",
        after: { sessions: ended },
      });
    });
    revalidatePath(`/settings/users/${userId}`);
  },
  admin,
);
