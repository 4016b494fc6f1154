"use server";

import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { signOut } from "@/lib/auth/config";

export const signOutUser = authedAction(z.object({}), async () => {
  await signOut({ redirectTo: "/sign-in" });
});
