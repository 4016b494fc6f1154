"use server";

import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { signOut } from "@/lib/auth/config";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { revokeUserSessions } from "@/lib/db/queries/user-sessions";

export const signOutUser = authedAction(z.object({}), async () => {
  await signOut({ redirectTo: "/sign-in" });
});

/** Ends every session of the signed-in user: this browser's and any other (a lost laptop, say). */
export const signOutEverywhere = authedAction(z.object({}), async (_input, { user }) => {
  await getDb().transaction(async (tx) => {
    const ended = await revokeUserSessions(tx, user.id);
    await recordAudit(tx, {
      userId: user.id,
      entityType: "user",
      entityId: user.id,
      action: "signed_out_everywhere",
      after: { sessions: ended },
    });
  });
  await signOut({ redirectTo: "/sign-in" });
});
