import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "@/lib/db/client";
import {
  admitXeroCall,
  finishXeroCall,
  forgetXeroCall,
  learnDayLimit,
  pauseXeroCalls,
  pruneXeroCalls,
  readCallBudgetUse,
  type CallBudget,
} from "@/lib/db/queries/xero-rate-budget";
import { XeroError } from "./api/errors";

/**
 * Xero's limits per organisation: 5 calls in flight, 60 a minute, 5,000 a day, rolling windows
 * (developer.xero.com/documentation/guides/oauth2/limits; docs/xero/api-behaviour.md#rate-limits). The windows are kept in
 * Postgres so every web process and worker, on any machine, spends one shared budget. 5,000 a day
 * is the most Xero allows; the organisation's own daily limit is learned from Xero's
 * `X-DayLimit-Remaining` on every answer (learnDayLimit), since smaller tiers allow fewer.
 */
export const XERO_CALL_BUDGET: CallBudget = {
  concurrent: 5,
  perMinute: 60,
  perDay: 5000,
  minuteMs: 60_000,
  dayMs: 86_400_000,
  // Calls count from when they finish (after Xero counted them), so this only absorbs clock
  // differences between Postgres and Xero: one second a minute, under 2 % of the budget.
  marginMs: 1000,
  // A call's own timeout (30 s in session.ts) plus room; a killed process frees its slot after this.
  leaseMs: 45_000,
};

let budget: CallBudget = XERO_CALL_BUDGET;

/**
 * Replaces the budget for this process: benchmarks and tests compress Xero's windows to match a
 * simulator started with compressed windows. Production never calls it.
 */
export function setXeroCallBudget(next: Partial<CallBudget>): void {
  budget = { ...XERO_CALL_BUDGET, ...next };
  if (next.minuteMs !== undefined && next.marginMs === undefined) {
    budget.marginMs = Math.ceil(next.minuteMs / 60);
  }
}

export function currentXeroCallBudget(): CallBudget {
  return budget;
}

/** How long a caller waits in line for a slot before giving the work back to be rescheduled. */
export const MAX_ADMISSION_WAIT_MS = 20_000;

/** Seat polling while all 5 slots are busy: short, with jitter so waiting processes don't stampede. */
const CONCURRENT_POLL_MS = 15;

const WAIT_REASONS = {
  paused: "Waiting for Xero's Retry-After",
  day: "Waiting for Xero's daily call limit",
  minute: "Waiting for Xero's minute limit",
  concurrent: "Waiting for a free Xero connection slot",
} as const;

/** What a call tells the limiter about Xero's answer. */
export interface XeroCallSlot {
  /** Xero's `X-DayLimit-Remaining` on the answer. */
  noteDayRemaining(remaining: number): void;
}

/**
 * Runs one Xero call once the organisation's shared budget allows it. A 429 pauses every process for
 * Xero's Retry-After. When the wait would be longer than `maxWaitMs` (a daily limit, a long
 * Retry-After) it throws a retryable rate-limit {@link XeroError} without calling Xero, so a worker
 * can put the job back instead of holding it. A call that never reached Xero (an `unreachable`
 * {@link XeroError}) is taken off the ledger: Xero did not count it.
 */
export async function limitXeroCall<T>(
  db: Db,
  tenantId: string,
  call: (slot: XeroCallSlot) => Promise<T>,
  options: { maxWaitMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.maxWaitMs ?? MAX_ADMISSION_WAIT_MS);
  let callId: number | undefined;
  while (callId === undefined) {
    const admission = await admitXeroCall(db, tenantId, budget);
    if (admission.admitted) {
      callId = admission.callId;
      break;
    }
    const waitMs = Math.max(admission.waitMs, CONCURRENT_POLL_MS * (0.5 + Math.random()));
    if (Date.now() + waitMs > deadline) {
      throw new XeroError({
        kind: "rate_limit",
        message: WAIT_REASONS[admission.reason],
        retryAfterSeconds: Math.ceil(waitMs / 1000),
        rateLimitProblem: admission.reason,
      });
    }
    await sleep(waitMs);
  }
  if (callId % 500 === 0) await pruneXeroCalls(db, budget.dayMs);
  let dayRemaining: number | undefined;
  let reached = true;
  try {
    return await call({ noteDayRemaining: (remaining) => (dayRemaining = remaining) });
  } catch (error) {
    if (error instanceof XeroError && error.unreachable) reached = false;
    if (error instanceof XeroError && error.kind === "rate_limit" && error.status === 429) {
      await pauseXeroCalls(db, tenantId, error.retryAfterSeconds ?? 60, error.rateLimitProblem ?? "429");
    }
    throw error;
  } finally {
    if (!reached) {
      await forgetXeroCall(db, callId);
    } else {
      if (dayRemaining !== undefined) await learnDayLimit(db, tenantId, callId, dayRemaining, budget);
      await finishXeroCall(db, callId);
    }
  }
}

/** The organisation's shared budget at this moment, by the windows the limiter admits by. */
export interface XeroBudgetNow {
  minuteUsed: number;
  minuteLeft: number;
  dayUsed: number;
  dayLeft: number;
  inFlight: number;
  /** Seconds every process still waits for Xero's Retry-After. */
  pausedSeconds: number;
}

/** Reads the budget without spending any of it (metrics, pages); the same answer in any process. */
export async function xeroBudgetNow(db: Db, tenantId: string): Promise<XeroBudgetNow> {
  const use = await readCallBudgetUse(db, tenantId, budget);
  return {
    minuteUsed: use.minute,
    minuteLeft: Math.max(0, budget.perMinute - use.minute),
    dayUsed: use.day,
    dayLeft: Math.max(0, use.perDay - use.day),
    inFlight: use.inFlight,
    pausedSeconds: use.pausedMs / 1000,
  };
}
