import { dayKeptForSends, XERO_CALL_BUDGET } from "./rate-limit";

/** Xero expires a refresh token 60 days after it was issued if it is never used (developer.xero.com/faq/oauth2). */
export const REFRESH_TOKEN_LIFETIME_DAYS = 60;
/** Warn this early: the keep-alive refreshes after 7 idle days, so reaching 30 means it isn't running. */
export const REFRESH_TOKEN_WARNING_DAYS = 30;

export type TokenHealth = "ok" | "warning" | "danger";

export function refreshTokenAge(
  issuedAt: Date | null,
  now = new Date(),
): { days: number; health: TokenHealth } {
  if (!issuedAt) return { days: 0, health: "danger" };
  const days = Math.floor((now.getTime() - issuedAt.getTime()) / 86_400_000);
  const health =
    days >= REFRESH_TOKEN_LIFETIME_DAYS - 7
      ? "danger"
      : days >= REFRESH_TOKEN_WARNING_DAYS
        ? "warning"
        : "ok";
  return { days, health };
}

/**
 * The refresh token's badge on the Xero page. Its age says nothing once Xero has refused the
 * connection (needs_reconnect: revoked, disconnected in Xero, or expired): then it is not "Healthy"
 * however young, and the badge says to reconnect.
 */
export function refreshTokenBadge(
  status: "connected" | "needs_reconnect" | "disconnected",
  issuedAt: Date | null,
  now = new Date(),
): { days: number; tone: "success" | "warning" | "danger"; label: string } {
  const { days, health } = refreshTokenAge(issuedAt, now);
  if (status !== "connected")
    return { days, tone: "danger", label: "No longer accepted by Xero — reconnect" };
  if (health === "ok") return { days, tone: "success", label: "Healthy" };
  return {
    days,
    tone: health,
    label: `Expires after 60 days unused — ${health === "danger" ? "reconnect soon" : "check the keep-alive job"}`,
  };
}

/** What each granted scope lets Factory do, in the words an admin reads on the Xero page. */
const SCOPE_WORDS: Record<string, string> = {
  openid: "Know which Xero user connected",
  profile: "Read that user's name",
  email: "Read that user's email address",
  offline_access: "Stay connected without you signing in again",
  "accounting.contacts": "Create and update contacts",
  "accounting.contacts.read": "Read contacts",
  "accounting.invoices": "Create and update quotes, invoices, bills, purchase orders and items",
  "accounting.invoices.read": "Read quotes, invoices, bills, purchase orders and items",
  "accounting.settings": "Read and change the organisation's accounts, tax rates and settings",
  "accounting.settings.read": "Read the organisation's accounts, tax rates and settings",
};

export function describeScopes(scopes: string[]): { scope: string; words: string }[] {
  return scopes.map((scope) => ({ scope, words: SCOPE_WORDS[scope] ?? scope }));
}

export function accessTokenValid(expiresAt: Date | null, now = new Date()): boolean {
  return expiresAt !== null && expiresAt.getTime() > now.getTime();
}

/**
 * "Calls left today" as the Xero pages show it: what Xero's last answer said is left
 * (`X-DayLimit-Remaining`), out of the organisation's daily limit once Factory has learned it
 * (lib/xero/rate-limit.ts, learnedDailyLimit). Xero's tiers differ (docs/xero/api-behaviour.md#rate-limits),
 * so without a learned limit no total is named.
 */
export function describeCallsLeftToday(callsLeft: number, dayLimit: number | null): string {
  const left = callsLeft.toLocaleString("en-NZ");
  const told = dayLimit === null ? left : `${left} of ${dayLimit.toLocaleString("en-NZ")}`;
  return dayKeptForSends(callsLeft, dayLimit ?? XERO_CALL_BUDGET.perDay)
    ? `${told}, kept for sending: checking Xero for payments and changes waits until more are free`
    : told;
}
