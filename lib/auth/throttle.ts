import type { Executor } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import {
  clearSignInAttempts,
  countFailedSignIn,
  findSignInLock,
  type SignInLockPolicy,
} from "@/lib/db/queries/sign-in-attempts";

/**
 * Slows password guessing without handing anyone a way to lock a user out. Failed sign-ins count
 * against three keys, each of which locks for 30 seconds, doubling up to 15 minutes, once its free
 * failures inside the window are spent:
 * - the email and address together (5 free per 15 minutes): guessing one account from one place;
 * - the address across emails (20 free per 15 minutes): spraying one password over many accounts;
 * - the email across addresses (50 free per hour): a slow ceiling on a guess spread over many
 *   addresses. It spares addresses the account has signed in from in the last 30 days, so an
 *   attacker elsewhere can't lock the user out of their own office.
 * The address is the one resolved through the trusted proxy hops (client-address.ts), which a
 * client cannot choose. Every lock set is audited.
 */
const MINUTE = 60_000;
const LOCK = { firstLockMs: 30_000, maxLockMs: 15 * MINUTE };
export const SIGN_IN_POLICIES = {
  pair: { free: 5, windowMs: 15 * MINUTE, ...LOCK },
  address: { free: 20, windowMs: 15 * MINUTE, ...LOCK },
  email: { free: 50, windowMs: 60 * MINUTE, ...LOCK },
} satisfies Record<string, SignInLockPolicy>;
export const KNOWN_ADDRESS_DAYS = 30;

type Scope = keyof typeof SIGN_IN_POLICIES;

export interface SignInAttempt {
  email: string;
  address: string;
  /** The address is one the account signed in from recently (see KNOWN_ADDRESS_DAYS). */
  knownAddress: boolean;
}

function keysOf(attempt: SignInAttempt): Partial<Record<Scope, string>> {
  const email = attempt.email.trim().toLowerCase();
  return {
    pair: `pair:${email}|${attempt.address}`,
    address: `address:${attempt.address}`,
    ...(attempt.knownAddress ? {} : { email: `email:${email}` }),
  };
}

/** Milliseconds until this attempt may be tried; 0 when nothing it counts against is locked. */
export async function signInLockedForMs(
  db: Executor,
  attempt: SignInAttempt,
  now = new Date(),
): Promise<number> {
  const lock = await findSignInLock(db, Object.values(keysOf(attempt)), now);
  return lock ? lock.lockedUntil.getTime() - now.getTime() : 0;
}

/** Counts a failed sign-in against each of its keys, and audits any lock that sets. */
export async function recordFailedSignIn(
  db: Executor,
  attempt: SignInAttempt,
  now = new Date(),
): Promise<void> {
  for (const [scope, key] of Object.entries(keysOf(attempt)) as [Scope, string][]) {
    const counted = await countFailedSignIn(db, key, SIGN_IN_POLICIES[scope], now);
    if (!counted.lockedUntil) continue;
    await recordAudit(db, {
      userId: null,
      entityType: "sign_in",
      entityId: key,
      action: "sign_in_locked",
      after: {
        scope,
        email: attempt.email.trim().toLowerCase(),
        address: attempt.address,
        failures: counted.failures,
        lockedUntil: counted.lockedUntil.toISOString(),
      },
    });
  }
}

/**
 * After a successful sign-in: forgets the failures of this email from this address and across
 * addresses. The address's count across emails stays, or one good account would reset a spray.
 */
export async function clearFailedSignIns(db: Executor, attempt: SignInAttempt): Promise<void> {
  const keys = keysOf({ ...attempt, knownAddress: false });
  await clearSignInAttempts(db, [keys.pair!, keys.email!]);
}

export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
