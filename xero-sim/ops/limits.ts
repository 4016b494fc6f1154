import type { LimitOptions } from "../config.ts";

/** Timestamps of accepted calls inside a rolling window (Xero's limits are rolling, not calendar). */
class RollingWindow {
  #times: number[] = [];
  #head = 0;
  readonly lengthMs: number;

  constructor(lengthMs: number) {
    this.lengthMs = lengthMs;
  }

  count(now: number): number {
    while (this.#head < this.#times.length && (this.#times[this.#head] ?? 0) <= now - this.lengthMs)
      this.#head++;
    if (this.#head > 1024 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head);
      this.#head = 0;
    }
    return this.#times.length - this.#head;
  }

  add(now: number): void {
    this.#times.push(now);
  }

  /**
   * Seconds until one more call is allowed under `limit`: until the oldest call leaves the window,
   * or, when the window holds more than the limit (an organisation's limit lowered), until enough
   * of its oldest calls have left it.
   */
  retryAfterSeconds(now: number, limit: number): number {
    const count = this.count(now);
    const freeing = this.#times[this.#head + Math.max(0, count - limit)] ?? now;
    return Math.max(1, Math.ceil((freeing + this.lengthMs - now) / 1000));
  }
}

interface TenantBudget {
  inFlight: number;
  minute: RollingWindow;
  day: RollingWindow;
  /** The organisation's own daily limit (a smaller Xero tier), if set; else `options.perDay`. */
  perDay?: number;
}

/** What an organisation has spent, for the admin API. */
export interface TenantUsage {
  inFlight: number;
  minute: number;
  day: number;
  perDay: number;
}

export type Admission =
  | { ok: true; headers: Record<string, string>; release: () => void }
  | { ok: false; headers: Record<string, string>; problem: string; retryAfterSeconds: number };

/**
 * Xero's API limits: per organisation 5 concurrent calls, 60 per minute and 5,000 per day, and
 * 10,000 per minute per app (developer.xero.com/documentation/guides/oauth2/limits). Rejected
 * calls do not count against the windows.
 */
export class RateLimiter {
  #tenants = new Map<string, TenantBudget>();
  #app: RollingWindow;
  readonly options: LimitOptions;

  constructor(options: LimitOptions) {
    this.options = options;
    this.#app = new RollingWindow(options.minuteWindowMs);
  }

  #budget(tenantId: string): TenantBudget {
    let budget = this.#tenants.get(tenantId);
    if (!budget) {
      budget = {
        inFlight: 0,
        minute: new RollingWindow(this.options.minuteWindowMs),
        day: new RollingWindow(this.options.dayWindowMs),
      };
      this.#tenants.set(tenantId, budget);
    }
    return budget;
  }

  headers(tenantId?: string, now = Date.now()): Record<string, string> {
    const o = this.options;
    const headers: Record<string, string> = {
      "x-appminlimit-remaining": String(Math.max(0, o.appPerMinute - this.#app.count(now))),
    };
    if (tenantId) {
      const b = this.#budget(tenantId);
      headers["x-minlimit-remaining"] = String(Math.max(0, o.perMinute - b.minute.count(now)));
      headers["x-daylimit-remaining"] = String(Math.max(0, this.#perDay(b) - b.day.count(now)));
    }
    return headers;
  }

  admit(tenantId: string, now = Date.now()): Admission {
    const o = this.options;
    const b = this.#budget(tenantId);
    const reject = (problem: string, retryAfterSeconds: number): Admission => ({
      ok: false,
      problem,
      retryAfterSeconds,
      headers: this.headers(tenantId, now),
    });
    const perDay = this.#perDay(b);
    if (b.inFlight >= o.concurrent) return reject("concurrent", 1);
    if (b.minute.count(now) >= o.perMinute)
      return reject("minute", b.minute.retryAfterSeconds(now, o.perMinute));
    if (b.day.count(now) >= perDay) return reject("day", b.day.retryAfterSeconds(now, perDay));
    if (this.#app.count(now) >= o.appPerMinute)
      return reject("appminute", this.#app.retryAfterSeconds(now, o.appPerMinute));
    b.inFlight++;
    // An unlimited window (benchmarks) records nothing, so memory stays flat however long it runs.
    if (Number.isFinite(o.perMinute)) b.minute.add(now);
    if (Number.isFinite(perDay)) b.day.add(now);
    if (Number.isFinite(o.appPerMinute)) this.#app.add(now);
    let released = false;
    return {
      ok: true,
      headers: this.headers(tenantId, now),
      release: () => {
        if (!released) b.inFlight--;
        released = true;
      },
    };
  }

  #perDay(budget: TenantBudget): number {
    return budget.perDay ?? this.options.perDay;
  }

  /**
   * Gives one organisation its own daily limit, as Xero's smaller tiers do (docs/xero/api-behaviour.md#rate-limits:
   * 1,000 a day on Starter); `undefined` goes back to `options.perDay`. Calls already made stay in
   * the window, so a limit below them closes the day until enough of them have left it.
   */
  setDailyLimit(tenantId: string, perDay: number | undefined): void {
    this.#budget(tenantId).perDay = perDay;
  }

  usage(tenantId: string, now = Date.now()): TenantUsage {
    const b = this.#budget(tenantId);
    return {
      inFlight: b.inFlight,
      minute: b.minute.count(now),
      day: b.day.count(now),
      perDay: this.#perDay(b),
    };
  }

  /** Forgets every call made (the windows open), keeping each organisation's own daily limit. */
  emptyWindows(): void {
    const dailyLimits = [...this.#tenants].map(([tenantId, budget]) => [tenantId, budget.perDay] as const);
    this.#tenants.clear();
    for (const [tenantId, perDay] of dailyLimits)
      if (perDay !== undefined) this.setDailyLimit(tenantId, perDay);
    this.#app = new RollingWindow(this.options.minuteWindowMs);
  }

  /** Back to the start: no calls, no organisation's own daily limit. */
  reset(): void {
    this.#tenants.clear();
    this.#app = new RollingWindow(this.options.minuteWindowMs);
  }
}
