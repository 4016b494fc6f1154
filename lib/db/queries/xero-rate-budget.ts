import { sql } from "drizzle-orm";
import type { Db, Executor } from "../client";

/** How many calls an organisation may have in flight, per minute and per day, and the windows' lengths. */
export interface CallBudget {
  concurrent: number;
  perMinute: number;
  perDay: number;
  minuteMs: number;
  dayMs: number;
  /** Added to the minute window so Xero, which counts on arrival, never sees one call too many. */
  marginMs: number;
  /** How long an unfinished call holds its slot: a killed process can't hold it longer. */
  leaseMs: number;
}

export type Admission =
  | { admitted: true; callId: number }
  | { admitted: false; waitMs: number; reason: "paused" | "concurrent" | "minute" | "day" };

/**
 * Takes one call slot for `tenantId` if every limit allows it, all in one transaction holding the
 * organisation's budget row, so processes on any machine are admitted one at a time. Every time is
 * the database's clock, so machines with drifting clocks still agree. A call counts in the minute
 * window until a minute after it *finished* (or for as long as it is in flight): Xero counts a call
 * when it arrives, somewhere between our start and our finish, and only the finish is a bound that
 * no network or scheduling delay can push past.
 */
export async function admitXeroCall(db: Db, tenantId: string, budget: CallBudget): Promise<Admission> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into xero_rate_budgets (tenant_id) values (${tenantId}) on conflict do nothing`,
    );
    // Its own statement: a locking clause inside a CTE locks only the rows its reader keeps, and
    // every admission must queue on this row whatever the pause says.
    await tx.execute(sql`select 1 from xero_rate_budgets where tenant_id = ${tenantId} for update`);
    const minuteMs = budget.minuteMs + budget.marginMs;
    const [row] = await tx.execute<{
      paused_ms: number | null;
      day_limit: number | null;
      day_limit_age_ms: number | null;
      in_flight: number;
      minute: number;
      day: number;
      minute_free_ms: number | null;
    }>(sql`
      with budget as (
        select paused_until, day_limit, day_limit_at from xero_rate_budgets where tenant_id = ${tenantId}
      ), calls as (
        select started_at, finished_at, lease_until from xero_api_calls
        where tenant_id = ${tenantId} and started_at > clock_timestamp() - make_interval(secs => ${budget.dayMs / 1000})
      )
      select
        (select extract(epoch from (paused_until - clock_timestamp())) * 1000 from budget
          where paused_until > clock_timestamp())::float8 as paused_ms,
        (select day_limit from budget) as day_limit,
        (select extract(epoch from (clock_timestamp() - day_limit_at)) * 1000 from budget)::float8 as day_limit_age_ms,
        (select count(*) from calls where finished_at is null and lease_until > clock_timestamp())::int as in_flight,
        (select count(*) from calls
          where coalesce(finished_at, clock_timestamp()) > clock_timestamp() - make_interval(secs => ${minuteMs / 1000}))::int as minute,
        (select count(*) from calls)::int as day,
        (select extract(epoch from (min(coalesce(finished_at, clock_timestamp())) + make_interval(secs => ${minuteMs / 1000}) - clock_timestamp())) * 1000
          from calls where coalesce(finished_at, clock_timestamp()) > clock_timestamp() - make_interval(secs => ${minuteMs / 1000}))::float8 as minute_free_ms
    `);
    if (!row) throw new Error("The rate budget query returned no row");
    if (row.paused_ms !== null && row.paused_ms > 0)
      return { admitted: false, waitMs: row.paused_ms, reason: "paused" };
    const perDay = dailyLimit(budget, row.day_limit, row.day_limit_age_ms);
    if (row.day >= perDay) {
      return { admitted: false, waitMs: await dayFreeMs(tx, tenantId, budget, row, perDay), reason: "day" };
    }
    if (row.minute >= budget.perMinute) {
      return { admitted: false, waitMs: row.minute_free_ms ?? budget.minuteMs, reason: "minute" };
    }
    if (row.in_flight >= budget.concurrent) return { admitted: false, waitMs: 0, reason: "concurrent" };
    const [call] = await tx.execute<{ id: number }>(sql`
      insert into xero_api_calls (tenant_id, started_at, lease_until)
      values (${tenantId}, clock_timestamp(), clock_timestamp() + make_interval(secs => ${budget.leaseMs / 1000}))
      returning id`);
    if (!call) throw new Error("The call ledger insert returned no row");
    return { admitted: true, callId: Number(call.id) };
  });
}

/**
 * The day's limit: Xero's own, as its `X-DayLimit-Remaining` implied it within the last day window
 * (a smaller tier allows fewer calls), never more than the documented 5,000 (`budget.perDay`).
 */
function dailyLimit(budget: CallBudget, learned: number | null, learnedAgeMs: number | null): number {
  if (learned === null || learnedAgeMs === null || learnedAgeMs > budget.dayMs) return budget.perDay;
  return Math.min(budget.perDay, learned);
}

/**
 * How long until the day window has room: until enough of the oldest calls leave it. With no call
 * of ours left to age out (Xero counted calls we have no record of), until the learned limit is a
 * day old and no longer applies.
 */
async function dayFreeMs(
  tx: Executor,
  tenantId: string,
  budget: CallBudget,
  row: { day: number; day_limit_age_ms: number | null },
  perDay: number,
): Promise<number> {
  const [oldest] = await tx.execute<{ free_ms: number }>(sql`
    select (extract(epoch from (started_at + make_interval(secs => ${budget.dayMs / 1000}) - clock_timestamp())) * 1000)::float8 as free_ms
    from xero_api_calls
    where tenant_id = ${tenantId} and started_at > clock_timestamp() - make_interval(secs => ${budget.dayMs / 1000})
    order by started_at offset ${Math.max(0, row.day - perDay)} limit 1`);
  if (oldest) return Math.max(0, oldest.free_ms);
  return Math.max(0, budget.dayMs - (row.day_limit_age_ms ?? 0));
}

/**
 * Learns the organisation's daily limit from Xero's `X-DayLimit-Remaining` on the answer to call
 * `callId`: the calls Xero had surely counted when it answered (ours that had finished before this
 * one started, plus this one) and what it says is left. Calls still in flight at the time are left
 * out, so the estimate errs low, never high (by at most the 5 calls in flight).
 */
export async function learnDayLimit(
  db: Executor,
  tenantId: string,
  callId: number,
  remaining: number,
  budget: CallBudget,
): Promise<void> {
  await db.execute(sql`
    with this_call as (select started_at from xero_api_calls where id = ${callId}),
    counted as (
      select count(*)::int as n from xero_api_calls, this_call
      where xero_api_calls.tenant_id = ${tenantId}
        and xero_api_calls.finished_at <= this_call.started_at
        and xero_api_calls.started_at > clock_timestamp() - make_interval(secs => ${budget.dayMs / 1000})
    )
    insert into xero_rate_budgets (tenant_id, day_limit, day_limit_at)
    select ${tenantId}, counted.n + 1 + ${remaining}, clock_timestamp() from counted
    on conflict (tenant_id) do update set day_limit = excluded.day_limit, day_limit_at = excluded.day_limit_at`);
}

/** Drops a call that never reached Xero (no connection was made): Xero did not count it, nor do we. */
export async function forgetXeroCall(db: Executor, callId: number): Promise<void> {
  await db.execute(sql`delete from xero_api_calls where id = ${callId}`);
}

/** Frees a call's in-flight slot; its start stays counted in the minute and day windows. */
export async function finishXeroCall(db: Executor, callId: number): Promise<void> {
  await db.execute(sql`update xero_api_calls set finished_at = clock_timestamp() where id = ${callId}`);
}

/** Every process waits until then (Xero's Retry-After); a later pause never shortens an earlier one. */
export async function pauseXeroCalls(
  db: Executor,
  tenantId: string,
  seconds: number,
  reason: string,
): Promise<void> {
  await db.execute(sql`
    insert into xero_rate_budgets (tenant_id, paused_until, pause_reason)
    values (${tenantId}, clock_timestamp() + make_interval(secs => ${seconds}), ${reason})
    on conflict (tenant_id) do update set
      paused_until = greatest(xero_rate_budgets.paused_until, excluded.paused_until),
      pause_reason = excluded.pause_reason`);
}

/** Drops ledger rows older than the day window; they no longer count against anything. */
export async function pruneXeroCalls(db: Executor, dayMs: number): Promise<void> {
  await db.execute(
    sql`delete from xero_api_calls where started_at < clock_timestamp() - make_interval(secs => ${dayMs / 1000})`,
  );
}

/** Calls started in the last `windowMs`, for the benchmark and the overview. */
export async function countRecentXeroCalls(
  db: Executor,
  tenantId: string,
  windowMs: number,
): Promise<number> {
  const [row] = await db.execute<{ count: number }>(sql`
    select count(*)::int as count from xero_api_calls
    where tenant_id = ${tenantId} and started_at > clock_timestamp() - make_interval(secs => ${windowMs / 1000})`);
  return row?.count ?? 0;
}

/** What an organisation has spent of its budget at this moment. */
export interface CallBudgetUse {
  inFlight: number;
  /** Calls in the minute window (margin included), counted as {@link admitXeroCall} counts them. */
  minute: number;
  /** Calls in the day window. */
  day: number;
  /** The day's limit in force: Xero's learned one, or `budget.perDay`. */
  perDay: number;
  /** How long every process still waits for Xero's Retry-After; 0 when not paused. */
  pausedMs: number;
}

/**
 * Reads, without taking a slot or a lock, what {@link admitXeroCall} would count now: the same
 * windows on the same ledger, for metrics and pages. Any process reading it gets the same answer.
 */
export async function readCallBudgetUse(
  db: Executor,
  tenantId: string,
  budget: CallBudget,
): Promise<CallBudgetUse> {
  const minuteMs = budget.minuteMs + budget.marginMs;
  const [row] = await db.execute<{
    paused_ms: number | null;
    day_limit: number | null;
    day_limit_age_ms: number | null;
    in_flight: number;
    minute: number;
    day: number;
  }>(sql`
    with calls as (
      select started_at, finished_at, lease_until from xero_api_calls
      where tenant_id = ${tenantId} and started_at > clock_timestamp() - make_interval(secs => ${budget.dayMs / 1000})
    )
    select
      (select extract(epoch from (paused_until - clock_timestamp())) * 1000 from xero_rate_budgets
        where tenant_id = ${tenantId} and paused_until > clock_timestamp())::float8 as paused_ms,
      (select day_limit from xero_rate_budgets where tenant_id = ${tenantId}) as day_limit,
      (select extract(epoch from (clock_timestamp() - day_limit_at)) * 1000 from xero_rate_budgets
        where tenant_id = ${tenantId})::float8 as day_limit_age_ms,
      (select count(*) from calls where finished_at is null and lease_until > clock_timestamp())::int as in_flight,
      (select count(*) from calls
        where coalesce(finished_at, clock_timestamp()) > clock_timestamp() - make_interval(secs => ${minuteMs / 1000}))::int as minute,
      (select count(*) from calls)::int as day`);
  return {
    inFlight: row?.in_flight ?? 0,
    minute: row?.minute ?? 0,
    day: row?.day ?? 0,
    perDay: dailyLimit(budget, row?.day_limit ?? null, row?.day_limit_age_ms ?? null),
    pausedMs: Math.max(0, row?.paused_ms ?? 0),
  };
}
