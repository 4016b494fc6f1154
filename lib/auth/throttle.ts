import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { signInAttempts } from "@/lib/db/schema";

/**
 * Slows down password guessing: after FREE_FAILURES failed sign-ins inside WINDOW for one email (or
 * IP_FREE_FAILURES for one IP address), each further failure locks that key for twice as long as the
 * last, from 30 seconds up to 15 minutes. A successful sign-in clears the email's counter.
 */
const WINDOW_MS = 15 * 60_000;
const FREE_FAILURES = 5;
const IP_FREE_FAILURES = 20;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

export const throttleKeys = (email: string, ip: string) => [
  `email:${email.trim().toLowerCase()}`,
  `ip:${ip}`,
];

/** Milliseconds until any of the keys may try again; 0 when none is locked. */
export async function lockedForMs(db: Executor, keys: string[], now = new Date()): Promise<number> {
  const rows = await db
    .select({ lockedUntil: signInAttempts.lockedUntil })
    .from(signInAttempts)
    .where(sql`${signInAttempts.key} in ${keys}`);
  return Math.max(0, ...rows.map((row) => (row.lockedUntil ? row.lockedUntil.getTime() - now.getTime() : 0)));
}

export async function recordFailure(db: Executor, keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    const free = key.startsWith("ip:") ? IP_FREE_FAILURES : FREE_FAILURES;
    // Raw SQL parameters go to postgres.js untyped, so timestamps travel as ISO strings.
    const at = now.toISOString();
    const windowStart = new Date(now.getTime() - WINDOW_MS).toISOString();
    // One statement per key, so concurrent failures can't lose a count.
    await db.execute(sql`
      insert into ${signInAttempts} (key, failures, window_started_at, locked_until)
      values (${key}, 1, ${at}::timestamptz, null)
      on conflict (key) do update set
        failures = case when ${signInAttempts.windowStartedAt} < ${windowStart}::timestamptz
                        and coalesce(${signInAttempts.lockedUntil}, ${windowStart}::timestamptz) <= ${at}::timestamptz
                   then 1 else ${signInAttempts.failures} + 1 end,
        window_started_at = case when ${signInAttempts.windowStartedAt} < ${windowStart}::timestamptz
                                 and coalesce(${signInAttempts.lockedUntil}, ${windowStart}::timestamptz) <= ${at}::timestamptz
                            then ${at}::timestamptz else ${signInAttempts.windowStartedAt} end
    `);
    await db.execute(sql`
      update ${signInAttempts} set locked_until = ${at}::timestamptz
        + least(${MAX_LOCK_MS}::bigint, ${FIRST_LOCK_MS}::bigint * power(2, failures - ${free} - 1)::bigint)
          * interval '1 millisecond'
      where key = ${key} and failures > ${free}
    `);
  }
}

export async function clearFailures(db: Executor, email: string): Promise<void> {
  await db.delete(signInAttempts).where(eq(signInAttempts.key, `email:${email.trim().toLowerCase()}`));
}

export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
