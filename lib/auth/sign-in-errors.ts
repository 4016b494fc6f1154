import { z } from "zod";

/**
 * Why a Xero sign-in or sign-up came back to /sign-in without a session: the short code in the URL
 * (`?error=…`, plus `&email=…` where the message names it) and the words the page shows. next-auth's
 * own codes arrive the same way (`pages.error` is /sign-in).
 */
const MESSAGES = {
  xero_no_user: (email) =>
    `No active Factory user has the email ${email ?? "Xero gave"}. Ask an admin to add you.`,
  xero_unverified: () => "Xero’s answer could not be verified, so you are not signed in. Try again.",
  xero_no_email: () =>
    "Xero did not share your email address, so Factory can’t tell who you are. Allow it and try again.",
  xero_email_unverified: (email) =>
    `Xero has not verified ${email ?? "your email address"} yet. Verify it in Xero, then try again.`,
  xero_unavailable: () => "Xero can’t be reached right now. Try again soon, or use your email and password.",
  already_set_up: () => "Factory already has its administrator. Sign in instead.",
  sign_up_cancelled: () => "You cancelled on Xero’s page, so nothing was set up.",
  sign_up_failed: () => "Signing up with Xero didn’t complete. Try again.",
  // next-auth's codes for the Sign in with Xero round trip.
  OAuthCallbackError: () => "Xero didn’t sign you in (you may have cancelled). Try again.",
  AccessDenied: () => "Xero sign-in was refused.",
  Configuration: () => "Signing in with Xero didn’t complete. Try again, or use your email and password.",
} satisfies Record<string, (email: string | undefined) => string>;

export type SignInErrorCode = keyof typeof MESSAGES;

const emailSchema = z.email();

/** The path back to the sign-in page with this refusal. */
export function signInErrorPath(code: SignInErrorCode, email?: string | null): string {
  const params = new URLSearchParams({ error: code });
  if (email) params.set("email", email);
  return `/sign-in?${params}`;
}

/**
 * The message for a code from the URL, or null. Anyone can craft the link, so only a well-formed
 * email is repeated, and unknown codes read as a failed sign-in.
 */
export function signInErrorMessage(error: string | undefined, email: string | undefined): string | null {
  if (!error) return null;
  const safeEmail = emailSchema.safeParse(email).success ? email : undefined;
  const message = Object.hasOwn(MESSAGES, error)
    ? MESSAGES[error as SignInErrorCode]
    : MESSAGES.Configuration;
  return message(safeEmail);
}
