import type { Db, Executor } from "@/lib/db/client";
import {
  admitXeroCall,
  finishXeroCall,
  forgetXeroCall,
  getLearnedDayLimit,
  learnDayLimit,
  onXeroCallFinished,
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
  // A call counts until a window after its answer arrived, and both ends are read on Postgres's
  // clock (admitXeroCall), so an offset between that clock and Xero's cancels out. What does not:
  // clocks ticking at slightly different rates (NTP allows 500 ppm, 30 ms a minute) and where Xero
  // draws a window's edge (undocumented). A tenth of a second covers both with room; it is 0.17 % of
  // the minute's budget.
  marginMs: 100,
  // A call's own timeout (30 s in session.ts) plus room; a killed process frees its slot after this.
  leaseMs: 45_000,
};

let budget: CallBudget = XERO_CALL_BUDGET;

/**
 * Replaces the budget for this process: benchmarks and tests compress Xero's windows to match a
 * simulator started with compressed windows. Production never calls it. The margin stays absolute:
 * what it covers does not shrink with the window.
 */
export function setXeroCallBudget(next: Partial<CallBudget>): void {
  budget = { ...XERO_CALL_BUDGET, ...next };
}

export function currentXeroCallBudget(): CallBudget {
  return budget;
}

/**
 * The organisation's daily call limit as Factory has learned it from Xero's answers (never more than
 * 5,000), or null while it does not know it; for the pages that show "calls left today".
 */
export function learnedDailyLimit(db: Executor, tenantId: string): Promise<number | null> {
  return getLearnedDayLimit(db, tenantId, budget);
}

/** How long a caller waits in line for a slot before giving the work back to be rescheduled. */
export const MAX_ADMISSION_WAIT_MS = 20_000;

/**
 * The longest a wait for a free slot sleeps without news: a finished call wakes waiters at once
 * (in this process directly, in others by Postgres NOTIFY), so this only bounds a lost
 * notification, or a database where LISTEN is unavailable.
 */
const SLOT_WAIT_BACKSTOP_MS = 250;

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
  /**
   * The answer has arrived (its status line and body are in, before the SDK reads the body): the
   * call's count in the windows runs from here. Only the first note counts; without one, the
   * limiter takes the moment the call returned.
   */
  noteAnswered(): void;
}

/** Waiters for a free slot in this process, per organisation; woken when any process frees one. */
const slotWaiters = new Map<string, Set<() => void>>();
const listening = new WeakMap<Db, Promise<unknown>>();

function wakeSlotWaiters(tenantId: string): void {
  const waiters = slotWaiters.get(tenantId);
  if (!waiters) return;
  slotWaiters.delete(tenantId);
  for (const wake of waiters) wake();
}

/** Listens once per database for slots other processes free; a failure leaves the backstop. */
function listenForFreedSlots(db: Db): Promise<unknown> {
  let listener = listening.get(db);
  if (!listener) {
    listener = onXeroCallFinished(db, wakeSlotWaiters).catch((error: unknown) => {
      console.warn(
        "[xero] slot notifications unavailable, waiting by polling:",
        error instanceof Error ? error.message : error,
      );
    });
    listening.set(db, listener);
  }
  return listener;
}

/** Sleeps until a slot of `tenantId` is freed anywhere, or `ms` has passed. */
function waitForFreedSlot(tenantId: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const waiters = slotWaiters.get(tenantId) ?? new Set<() => void>();
    slotWaiters.set(tenantId, waiters);
    const wake = () => {
      clearTimeout(timer);
      waiters.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    waiters.add(wake);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs one Xero call once the organisation's shared budget allows it. A wait for the minute window
 * or a pause sleeps until the moment the ledger says the call may go; a wait for one of the 5 slots
 * in flight ends as soon as any process frees one. A 429 pauses every process for Xero's
 * Retry-After. For the daily limit, or when the wait would be longer than `maxWaitMs` (a long
 * Retry-After, a slot that stays busy), it throws a retryable rate-limit {@link XeroError} without
 * calling Xero, so a worker can put the job back instead of holding it. A call that never reached Xero (an
 * `unreachable` {@link XeroError}) is taken off the ledger: Xero did not count it.
 */
export async function limitXeroCall<T>(
  db: Db,
  tenantId: string,
  call: (slot: XeroCallSlot) => Promise<T>,
  options: { maxWaitMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.maxWaitMs ?? MAX_ADMISSION_WAIT_MS);
  let admitted: { callId: number; admittedAt: number } | undefined;
  while (!admitted) {
    const admission = await admitXeroCall(db, tenantId, budget);
    if (admission.admitted) {
      admitted = admission;
      break;
    }
    const now = Date.now();
    // The daily limit gives the work back at once, however soon it opens: in Xero's real day that
    // is hours, no worker should sleep through it, and the document shows why it waits and until
    // when. A slot in flight may free at any moment, so that wait gives up only at the deadline;
    // a window or a pause says exactly how long, so those give up at once if it is too long.
    const givesUp =
      admission.reason === "day" ||
      (admission.reason === "concurrent" ? now >= deadline : now + admission.waitMs > deadline);
    if (givesUp) {
      throw new XeroError({
        kind: "rate_limit",
        message: WAIT_REASONS[admission.reason],
        retryAfterSeconds: Math.max(1, Math.ceil(admission.waitMs / 1000)),
        rateLimitProblem: admission.reason,
      });
    }
    if (admission.reason === "concurrent") {
      await listenForFreedSlots(db);
      await waitForFreedSlot(
        tenantId,
        Math.max(1, Math.min(admission.waitMs, deadline - now, SLOT_WAIT_BACKSTOP_MS)),
      );
    } else {
      // Timers never fire early by more than their rounding; 1 ms keeps a rounding miss from spinning.
      await sleep(Math.max(1, admission.waitMs));
    }
  }
  const { callId, admittedAt } = admitted;
  if (callId % 500 === 0) await pruneXeroCalls(db, budget.dayMs + budget.marginMs);
  let dayRemaining: number | undefined;
  let answeredAt: number | undefined;
  let reached = true;
  try {
    return await call({
      noteDayRemaining: (remaining) => (dayRemaining = remaining),
      noteAnswered: () => (answeredAt ??= performance.now()),
    });
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
      await finishXeroCall(db, callId, (answeredAt ?? performance.now()) - admittedAt);
    }
    wakeSlotWaiters(tenantId);
    if (reached && dayRemaining !== undefined) {
      await learnDayLimit(db, tenantId, callId, dayRemaining, budget);
    }
  }
}

/**
 * Whether what is left of the organisation's day is kept for sends: under a quarter of its limit.
 * Read-back polls (lib/sync/read-back.ts) wait then: a poll costs a call per resource even when
 * nothing changed, and what it reads can wait (its cursors keep the place); a send can't wait so well.
 */
export function dayKeptForSends(dayLeft: number, dayLimit: number): boolean {
  return dayLeft < dayLimit / 4;
}

/** The organisation's shared budget at this moment, by the windows the limiter admits by. */
export interface XeroBudgetNow {
  minuteUsed: number;
  minuteLeft: number;
  dayUsed: number;
  dayLeft: number;
  /** The day's limit in force: the organisation's own as learned from Xero, else Xero's 5,000. */
  dayLimit: number;
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
    dayLimit: use.perDay,
    inFlight: use.inFlight,
    pausedSeconds: use.pausedMs / 1000,
  };
}
