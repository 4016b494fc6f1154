import { inArray, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { signInAttempts } from "../schema";

/** How one throttle key counts failures: `free` failures per `windowMs`, then locks that double. */
export interface SignInLockPolicy {
  free: number;
  windowMs: number;
  firstLockMs: number;
  maxLockMs: number;
}

/** The latest lock among `keys`; undefined when none is locked at `now`. */
export async function findSignInLock(
  db: Executor,
  keys: string[],
  now: Date,
): Promise<{ key: string; lockedUntil: Date } | undefined> {
  const rows = await db
    .select({ key: signInAttempts.key, lockedUntil: signInAttempts.lockedUntil })
    .from(signInAttempts)
    .where(inArray(signInAttempts.key, keys));
  let latest: { key: string; lockedUntil: Date } | undefined;
  for (const row of rows) {
    if (row.lockedUntil && row.lockedUntil > now && (!latest || row.lockedUntil > latest.lockedUntil))
      latest = { key: row.key, lockedUntil: row.lockedUntil };
  }
  return latest;
}

/**
 * Counts one failed sign-in against `key` and, past the policy's free failures, locks it; returns the
 * count and the lock it set, if any. One statement, so concurrent failures can't lose a count.
 */
export async function countFailedSignIn(
  db: Executor,
  key: string,
  policy: SignInLockPolicy,
  now: Date,
): Promise<{ failures: number; lockedUntil: Date | null }> {
  // Raw SQL parameters go to postgres.js untyped, so timestamps travel as ISO strings.
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - policy.windowMs).toISOString();
  const fresh = sql`${signInAttempts.windowStartedAt} < ${windowStart}::timestamptz
    and coalesce(${signInAttempts.lockedUntil}, ${windowStart}::timestamptz) <= ${at}::timestamptz`;
  const failures = sql`case when ${fresh} then 1 else ${signInAttempts.failures} + 1 end`;
  const rows = await db.execute<{ failures: number; locked_until: string | Date | null }>(sql`
    insert into ${signInAttempts} (key, failures, window_started_at, locked_until)
    values (${key}, 1, ${at}::timestamptz, null)
    on conflict (key) do update set
      failures = ${failures},
      window_started_at = case when ${fresh} then ${at}::timestamptz else ${signInAttempts.windowStartedAt} end,
      locked_until = case
        when ${failures} > ${policy.free} then ${at}::timestamptz + least(${policy.maxLockMs}::bigint,
          ${policy.firstLockMs}::bigint * power(2, ${failures} - ${policy.free} - 1)::bigint)
          * interval '1 millisecond'
        when ${fresh} then null
        else ${signInAttempts.lockedUntil} end
    returning failures, locked_until
  `);
  const row = rows[0];
  const lockedUntil = row?.locked_until ? new Date(row.locked_until) : null;
  return {
    failures: row?.failures ?? 1,
    lockedUntil: lockedUntil && row!.failures > policy.free ? lockedUntil : null,
  };
}

/** Forgets the failures counted against `keys` (after a successful sign-in). */
export async function clearSignInAttempts(db: Executor, keys: string[]): Promise<void> {
  await db.delete(signInAttempts).where(inArray(signInAttempts.key, keys));
}
