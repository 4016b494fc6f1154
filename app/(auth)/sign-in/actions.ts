"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { z } from "zod";
import { signIn } from "@/lib/auth/config";
import { clientAddress } from "@/lib/auth/client-address";
import { safeRedirect } from "@/lib/auth/safe-redirect";
import { signInAttempt } from "@/lib/auth/sign-in";
import { describeWait, signInLockedForMs } from "@/lib/auth/throttle";
import type { ActionResult } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { signInSchema, type SignInInput } from "./schema";

/** The one action open to signed-out visitors: it is the way in. */
export async function signInWithPassword(input: SignInInput): Promise<ActionResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: "Check the highlighted fields.",
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    };
  }
  const { email, password, callbackUrl } = parsed.data;
  const attempt = await signInAttempt(getDb(), email, clientAddress(await headers()));
  const tooManyMessage = async () => {
    const wait = await signInLockedForMs(getDb(), attempt);
    return wait > 0 ? `Too many failed sign-ins. Try again in ${describeWait(wait)}.` : null;
  };

  const lockedMessage = await tooManyMessage();
  if (lockedMessage) return { ok: false, message: lockedMessage };
  try {
    await signIn("credentials", { email, password, redirectTo: safeRedirect(callbackUrl) });
  } catch (error) {
    if (error instanceof AuthError) {
      return {
        ok: false,
        message: (await tooManyMessage()) ?? "That email and password don't match an active account.",
      };
    }
    throw error; // NEXT_REDIRECT: signed in
  }
  return { ok: true, data: undefined };
}
