import { sql } from "drizzle-orm";
import type { Db, Executor } from "../client";

/** How many calls an organisation may have in flight, per minute and per day, and the windows' lengths. */
export interface CallBudget {
  concurrent: number;
  perMinute: number;
  perDay: number;
  minuteMs: number;
  dayMs: number;
  /**
   * Added to the windows for what reading both ends of a call on one clock cannot cancel (clock
   * rates, how Xero draws a window's edge); see XERO_CALL_BUDGET in lib/xero/rate-limit.ts.
   */
  marginMs: number;
  /** How long an unfinished call holds its slot: a killed process can't hold it longer. */
  leaseMs: number;
}

export type Admission =
  | {
      admitted: true;
      callId: number;
      /**
       * `performance.now()` just before the call's row was written: the row's `started_at` (the
       * database's clock) is no earlier than this moment, so a duration measured from it on this
       * process's monotonic clock and added to `started_at` is never short (finishXeroCall).
       */
      admittedAt: number;
    }
  | {
      admitted: false;
      /**
       * How long until the limit named by `reason` lets a call through: exact for the minute and
       * day windows and for a pause; for `concurrent`, until the oldest call in flight loses its
       * lease (a call that finishes before then frees its slot sooner and says so:
       * {@link onXeroCallFinished}).
       */
      waitMs: number;
      reason: "paused" | "concurrent" | "minute" | "day";
    };

/**
 * When a call stops being "made now": when its answer arrived; while it is in flight, now (it is
 * still counted as just made); for a call whose process died, when its lease ran out (its request
 * had been sent by then, or never was). A call counts in a window of length `w` while this is later
 * than `clock_timestamp() - w`.
 */
const CALL_ENDED = sql.raw("coalesce(finished_at, least(clock_timestamp(), lease_until))");

/** Postgres NOTIFY channel on which a finished (or forgotten) call frees its slot; payload: the tenant id. */
const CALL_FINISHED_CHANNEL = "xero_call_finished";

/**
 * Takes one call slot for `tenantId` if every limit allows it, all in one transaction holding the
 * organisation's budget row, so processes on any machine are admitted one at a time. Every time is
 * the database's clock, so machines with drifting clocks still agree.
 *
 * A call counts in the minute and day windows from its admission until a window (plus
 * `budget.marginMs`) after its answer arrived. Xero counts a call when it receives it, somewhere
 * between our start and its answer, and documents no more (docs/xero/api-behaviour.md#rate-limits);
 * the answer is the one bound no network or scheduling delay can push past, so a call we admit can
 * never reach Xero inside the window of a call we stopped counting. What this costs is one call's
 * round trip per window: finishXeroCall records the moment the answer arrived, not the moment the
 * process got round to writing it down.
 */
export async function admitXeroCall(db: Db, tenantId: string, budget: CallBudget): Promise<Admission> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into xero_rate_budgets (tenant_id) values (${tenantId}) on conflict do nothing`,
    );
    // Its own statement: a locking clause inside a CTE locks only the rows its reader keeps, and
    // every admission must queue on this row whatever the pause says.
    await tx.execute(sql`select 1 from xero_rate_budgets where tenant_id = ${tenantId} for update`);
    const minuteSecs = (budget.minuteMs + budget.marginMs) / 1000;
    const daySecs = (budget.dayMs + budget.marginMs) / 1000;
    const [row] = await tx.execute<{
      paused_ms: number | null;
      pause_reason: string | null;
      day_limit: number | null;
      day_limit_age_ms: number | null;
      in_flight: number;
      lease_free_ms: number | null;
      minute: number;
      day: number;
      minute_free_ms: number | null;
    }>(sql`
      with budget as (
        select paused_until, pause_reason, day_limit, day_limit_at from xero_rate_budgets where tenant_id = ${tenantId}
      ), calls as (
        select finished_at, lease_until, ${CALL_ENDED} as ended from xero_api_calls
        where tenant_id = ${tenantId}
          and started_at > clock_timestamp() - make_interval(secs => ${daySecs + budget.leaseMs / 1000})
      )
      select
        (select extract(epoch from (paused_until - clock_timestamp())) * 1000 from budget
          where paused_until > clock_timestamp())::float8 as paused_ms,
        (select pause_reason from budget) as pause_reason,
        (select day_limit from budget) as day_limit,
        (select extract(epoch from (clock_timestamp() - day_limit_at)) * 1000 from budget)::float8 as day_limit_age_ms,
        (select count(*) from calls where finished_at is null and lease_until > clock_timestamp())::int as in_flight,
        (select extract(epoch from (min(lease_until) - clock_timestamp())) * 1000 from calls
          where finished_at is null and lease_until > clock_timestamp())::float8 as lease_free_ms,
        (select count(*) from calls where ended > clock_timestamp() - make_interval(secs => ${minuteSecs}))::int as minute,
        (select count(*) from calls where ended > clock_timestamp() - make_interval(secs => ${daySecs}))::int as day,
        (select extract(epoch from (min(ended) + make_interval(secs => ${minuteSecs}) - clock_timestamp())) * 1000
          from calls where ended > clock_timestamp() - make_interval(secs => ${minuteSecs}))::float8 as minute_free_ms
    `);
    if (!row) throw new Error("The rate budget query returned no row");
    if (row.paused_ms !== null && row.paused_ms > 0) {
      // A pause for Xero's daily limit is that limit to whoever meets it, not just "a Retry-After".
      return {
        admitted: false,
        waitMs: row.paused_ms,
        reason: row.pause_reason === "day" ? "day" : "paused",
      };
    }
    const perDay = dailyLimit(budget, row.day_limit, row.day_limit_age_ms);
    if (row.day >= perDay) {
      return { admitted: false, waitMs: await dayFreeMs(tx, tenantId, budget, row, perDay), reason: "day" };
    }
    if (row.minute >= budget.perMinute) {
      return { admitted: false, waitMs: row.minute_free_ms ?? budget.minuteMs, reason: "minute" };
    }
    if (row.in_flight >= budget.concurrent) {
      return { admitted: false, waitMs: row.lease_free_ms ?? 0, reason: "concurrent" };
    }
    const admittedAt = performance.now();
    const [call] = await tx.execute<{ id: number }>(sql`
      insert into xero_api_calls (tenant_id, started_at, lease_until)
      values (${tenantId}, clock_timestamp(), clock_timestamp() + make_interval(secs => ${budget.leaseMs / 1000}))
      returning id`);
    if (!call) throw new Error("The call ledger insert returned no row");
    return { admitted: true, callId: Number(call.id), admittedAt };
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
 * How long until the day window has room: until enough of the calls in it leave it (a day after
 * each ended). With no call of ours left to age out (Xero counted calls we have no record of),
 * until the learned limit is a day old and no longer applies.
 */
async function dayFreeMs(
  tx: Executor,
  tenantId: string,
  budget: CallBudget,
  row: { day: number; day_limit_age_ms: number | null },
  perDay: number,
): Promise<number> {
  const daySecs = (budget.dayMs + budget.marginMs) / 1000;
  const [oldest] = await tx.execute<{ free_ms: number }>(sql`
    with calls as (
      select ${CALL_ENDED} as ended from xero_api_calls
      where tenant_id = ${tenantId}
        and started_at > clock_timestamp() - make_interval(secs => ${daySecs + budget.leaseMs / 1000})
    )
    select (extract(epoch from (ended + make_interval(secs => ${daySecs}) - clock_timestamp())) * 1000)::float8 as free_ms
    from calls
    where ended > clock_timestamp() - make_interval(secs => ${daySecs})
    order by ended offset ${Math.max(0, row.day - perDay)} limit 1`);
  if (oldest) return Math.max(0, oldest.free_ms);
  return Math.max(0, budget.dayMs - (row.day_limit_age_ms ?? 0));
}

/**
 * Learns the organisation's daily limit from Xero's `X-DayLimit-Remaining` on the answer to call
 * `callId`: the calls Xero had surely counted when it answered (ours in the day window whose answer
 * had arrived before this one started, plus this one) and what it says is left. Calls in flight at
 * the time are left out, so the estimate errs low, never high (by at most the 5 calls in flight).
 */
export async function learnDayLimit(
  db: Executor,
  tenantId: string,
  callId: number,
  remaining: number,
  budget: CallBudget,
): Promise<void> {
  const daySecs = (budget.dayMs + budget.marginMs) / 1000;
  await db.execute(sql`
    with this_call as (select started_at from xero_api_calls where id = ${callId}),
    counted as (
      select count(*)::int as n from xero_api_calls, this_call
      where xero_api_calls.tenant_id = ${tenantId}
        and xero_api_calls.finished_at <= this_call.started_at
        and xero_api_calls.finished_at > clock_timestamp() - make_interval(secs => ${daySecs})
    )
    insert into xero_rate_budgets (tenant_id, day_limit, day_limit_at)
    select ${tenantId}, counted.n + 1 + ${remaining}, clock_timestamp() from counted
    on conflict (tenant_id) do update set day_limit = excluded.day_limit, day_limit_at = excluded.day_limit_at`);
}

/**
 * The organisation's daily call limit as Factory knows it: learned from Xero's
 * `X-DayLimit-Remaining` within the last day window, never more than `budget.perDay`. Null while
 * nothing has been learned, or what was is over a day old: Factory then does not know the
 * organisation's tier (Xero's smaller tiers allow fewer calls, docs/xero/api-behaviour.md#rate-limits).
 */
export async function getLearnedDayLimit(
  db: Executor,
  tenantId: string,
  budget: CallBudget,
): Promise<number | null> {
  const [row] = await db.execute<{ day_limit: number | null; day_limit_age_ms: number | null }>(sql`
    select day_limit, (extract(epoch from (clock_timestamp() - day_limit_at)) * 1000)::float8 as day_limit_age_ms
    from xero_rate_budgets where tenant_id = ${tenantId}`);
  if (!row || row.day_limit === null || row.day_limit_age_ms === null) return null;
  if (row.day_limit_age_ms > budget.dayMs) return null;
  return dailyLimit(budget, row.day_limit, row.day_limit_age_ms);
}

/** Drops a call that never reached Xero (no connection was made): Xero did not count it, nor do we. */
export async function forgetXeroCall(db: Executor, callId: number): Promise<void> {
  await db.execute(sql`
    with gone as (delete from xero_api_calls where id = ${callId} returning tenant_id)
    select pg_notify(${CALL_FINISHED_CHANNEL}, tenant_id) from gone`);
}

/**
 * Frees a call's in-flight slot and records when its answer arrived: `answeredAfterMs` after
 * {@link Admission}'s `admittedAt` on the caller's monotonic clock (without it: now). The call's
 * count in the minute and day windows runs from there. Every process waiting for a slot is told.
 */
export async function finishXeroCall(db: Executor, callId: number, answeredAfterMs?: number): Promise<void> {
  const answeredAt =
    answeredAfterMs === undefined
      ? sql`clock_timestamp()`
      : sql`least(clock_timestamp(), started_at + make_interval(secs => ${Math.max(0, answeredAfterMs) / 1000}))`;
  await db.execute(sql`
    with done as (
      update xero_api_calls set finished_at = ${answeredAt} where id = ${callId} returning tenant_id
    )
    select pg_notify(${CALL_FINISHED_CHANNEL}, tenant_id) from done`);
}

/**
 * Calls `onFinished(tenantId)` whenever any process finishes or forgets a call, i.e. frees a slot,
 * over Postgres LISTEN on a connection of its own. Returns a function that stops listening.
 */
export async function onXeroCallFinished(
  db: Db,
  onFinished: (tenantId: string) => void,
): Promise<() => Promise<void>> {
  const client = (db as unknown as { $client?: { listen?: unknown } }).$client;
  if (!client || typeof client.listen !== "function") throw new Error("This database client cannot LISTEN");
  const listen = client.listen as (
    channel: string,
    onNotify: (payload: string) => void,
  ) => Promise<{ unlisten: () => Promise<void> }>;
  const subscription = await listen.call(client, CALL_FINISHED_CHANNEL, onFinished);
  return () => subscription.unlisten();
}

/**
 * Every process waits until then (Xero's Retry-After); a later pause never shortens an earlier one,
 * and the reason is the one of the pause that ends last.
 */
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
      pause_reason = case
        when xero_rate_budgets.paused_until > excluded.paused_until then xero_rate_budgets.pause_reason
        else excluded.pause_reason end,
      paused_until = greatest(xero_rate_budgets.paused_until, excluded.paused_until)`);
}

/** Drops ledger rows that ended before the day window; they no longer count against anything. */
export async function pruneXeroCalls(db: Executor, dayMs: number): Promise<void> {
  await db.execute(sql`
    delete from xero_api_calls
    where coalesce(finished_at, lease_until) < clock_timestamp() - make_interval(secs => ${dayMs / 1000})`);
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
  const minuteSecs = (budget.minuteMs + budget.marginMs) / 1000;
  const daySecs = (budget.dayMs + budget.marginMs) / 1000;
  const [row] = await db.execute<{
    paused_ms: number | null;
    day_limit: number | null;
    day_limit_age_ms: number | null;
    in_flight: number;
    minute: number;
    day: number;
  }>(sql`
    with calls as (
      select finished_at, lease_until, ${CALL_ENDED} as ended from xero_api_calls
      where tenant_id = ${tenantId}
        and started_at > clock_timestamp() - make_interval(secs => ${daySecs + budget.leaseMs / 1000})
    )
    select
      (select extract(epoch from (paused_until - clock_timestamp())) * 1000 from xero_rate_budgets
        where tenant_id = ${tenantId} and paused_until > clock_timestamp())::float8 as paused_ms,
      (select day_limit from xero_rate_budgets where tenant_id = ${tenantId}) as day_limit,
      (select extract(epoch from (clock_timestamp() - day_limit_at)) * 1000 from xero_rate_budgets
        where tenant_id = ${tenantId})::float8 as day_limit_age_ms,
      (select count(*) from calls where finished_at is null and lease_until > clock_timestamp())::int as in_flight,
      (select count(*) from calls where ended > clock_timestamp() - make_interval(secs => ${minuteSecs}))::int as minute,
      (select count(*) from calls where ended > clock_timestamp() - make_interval(secs => ${daySecs}))::int as day`);
  return {
    inFlight: row?.in_flight ?? 0,
    minute: row?.minute ?? 0,
    day: row?.day ?? 0,
    perDay: dailyLimit(budget, row?.day_limit ?? null, row?.day_limit_age_ms ?? null),
    pausedMs: Math.max(0, row?.paused_ms ?? 0),
  };
}
