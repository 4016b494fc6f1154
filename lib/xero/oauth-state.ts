import { randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * The httpOnly cookie that ties Xero's callback to the browser that started the consent, and says
 * what the consent is for: "Connect to Xero" (a signed-in admin) or "Sign up with Xero" (a fresh
 * install). It holds the flow's checks; nothing in it is worth anything outside this browser's flow.
 */
export const OAUTH_STATE_COOKIE = "xero_oauth_state";

/** Xero's authorisation codes live 5 minutes; a consent left open longer than this starts again. */
export const OAUTH_STATE_MAX_AGE_SECONDS = 15 * 60;

/** Only the callback reads the cookie. */
export const OAUTH_STATE_COOKIE_PATH = "/api/xero/callback";

const consentFlowSchema = z.object({
  intent: z.enum(["connect", "sign-up"]),
  state: z.string().min(32),
  /** Only when the consent asks for `openid`: without an id token there is no nonce to check. */
  nonce: z.string().min(32).optional(),
  codeVerifier: z.string().min(43),
});

export type ConsentFlow = z.infer<typeof consentFlowSchema>;

const random = () => randomBytes(32).toString("base64url");

/**
 * A consent's fresh state, PKCE verifier (RFC 7636 §4.1: 43 characters of base64url) and, when it
 * asks for `openid`, nonce.
 */
export function newConsentFlow(intent: ConsentFlow["intent"], options: { openid: boolean }): ConsentFlow {
  return {
    intent,
    state: random(),
    ...(options.openid ? { nonce: random() } : {}),
    codeVerifier: random(),
  };
}

export function encodeConsentFlow(flow: ConsentFlow): string {
  return Buffer.from(JSON.stringify(flow)).toString("base64url");
}

/** The flow a cookie names, or null for a missing or unreadable one. */
export function readConsentFlow(cookie: string | undefined): ConsentFlow | null {
  if (!cookie) return null;
  try {
    const parsed = consentFlowSchema.safeParse(JSON.parse(Buffer.from(cookie, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Constant-time comparison of the cookie's state and the callback's. */
export function statesMatch(expected: string | undefined, received: string | null): boolean {
  if (!expected || !received) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}
