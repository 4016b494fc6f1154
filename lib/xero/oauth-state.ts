import { randomBytes, timingSafeEqual } from "node:crypto";

/** The httpOnly cookie that ties Xero's callback to the browser that started the connect. */
export const OAUTH_STATE_COOKIE = "xero_oauth_state";

/** Xero's authorisation codes live 5 minutes; a consent left open longer than this starts again. */
export const OAUTH_STATE_MAX_AGE_SECONDS = 15 * 60;

export function newOAuthState(): string {
  return randomBytes(32).toString("base64url");
}

/** Constant-time comparison of the cookie's state and the callback's. */
export function statesMatch(expected: string | undefined, received: string | null): boolean {
  if (!expected || !received) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}
