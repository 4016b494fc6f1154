import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "@/xero-sim/config";
import { RateLimiter } from "@/xero-sim/ops/limits";

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);

describe("rate limiter", () => {
  it("rolls the minute window: a call leaves it exactly one window after it was made", () => {
    const limiter = new RateLimiter({ ...DEFAULT_LIMITS, perMinute: 2 });
    expect(limiter.admit("org", T0).ok).toBe(true);
    expect(limiter.admit("org", T0 + 10_000).ok).toBe(true);
    const refused = limiter.admit("org", T0 + 20_000);
    expect(refused).toMatchObject({ ok: false, problem: "minute", retryAfterSeconds: 40 });
    expect(limiter.admit("org", T0 + 59_999).ok).toBe(false);
    expect(limiter.admit("org", T0 + 60_000).ok).toBe(true);
  });

  it("does not count refused calls", () => {
    const limiter = new RateLimiter({ ...DEFAULT_LIMITS, perMinute: 1, perDay: 3 });
    expect(limiter.admit("org", T0).ok).toBe(true);
    for (let i = 1; i <= 5; i++) expect(limiter.admit("org", T0 + i).ok).toBe(false);
    expect(limiter.headers("org", T0 + 10)["x-daylimit-remaining"]).toBe("2");
  });

  it("frees an in-flight slot on release, once", () => {
    const limiter = new RateLimiter({ ...DEFAULT_LIMITS, concurrent: 1 });
    const first = limiter.admit("org", T0);
    expect(limiter.admit("org", T0)).toMatchObject({ ok: false, problem: "concurrent" });
    if (!first.ok) throw new Error("first call refused");
    first.release();
    first.release();
    const second = limiter.admit("org", T0);
    expect(second.ok).toBe(true);
    expect(limiter.admit("org", T0)).toMatchObject({ ok: false, problem: "concurrent" });
  });

  it("keeps organisations apart but shares the per-app minute", () => {
    const limiter = new RateLimiter({ ...DEFAULT_LIMITS, perMinute: 1, appPerMinute: 2 });
    expect(limiter.admit("a", T0).ok).toBe(true);
    expect(limiter.admit("b", T0).ok).toBe(true);
    expect(limiter.admit("c", T0)).toMatchObject({ ok: false, problem: "appminute", retryAfterSeconds: 60 });
    expect(limiter.headers("c", T0)).toEqual({
      "x-appminlimit-remaining": "0",
      "x-minlimit-remaining": "1",
      "x-daylimit-remaining": "5000",
    });
  });

  it("reports a day-limit Retry-After in seconds until the oldest call is a day old", () => {
    const limiter = new RateLimiter({ ...DEFAULT_LIMITS, perDay: 1 });
    limiter.admit("org", T0);
    expect(limiter.admit("org", T0 + 3_600_000)).toMatchObject({ problem: "day", retryAfterSeconds: 82_800 });
  });

  it("gives one organisation a smaller daily limit: headers count down from it, and calls made before it was lowered keep the day closed until enough of them leave", () => {
    const limiter = new RateLimiter({ ...DEFAULT_LIMITS, dayWindowMs: 10_000 });
    for (let i = 0; i < 3; i++) expect(limiter.admit("org", T0 + i * 1000).ok).toBe(true);
    // The organisation moves to a tier of 2 calls a day with 3 already made: closed until two have left.
    limiter.setDailyLimit("org", 2);
    expect(limiter.headers("org", T0 + 3000)["x-daylimit-remaining"]).toBe("0");
    expect(limiter.admit("org", T0 + 3000)).toMatchObject({
      ok: false,
      problem: "day",
      retryAfterSeconds: 8,
    });
    expect(limiter.admit("org", T0 + 10_500).ok).toBe(false);
    expect(limiter.admit("org", T0 + 11_000).ok).toBe(true);
    expect(limiter.usage("org", T0 + 11_000)).toEqual({ inFlight: 4, minute: 4, day: 2, perDay: 2 });
    // Other organisations keep the default.
    expect(limiter.headers("other", T0)["x-daylimit-remaining"]).toBe("5000");
  });

  it("empties the windows but keeps an organisation's own daily limit", () => {
    const limiter = new RateLimiter({ ...DEFAULT_LIMITS });
    limiter.setDailyLimit("org", 1);
    expect(limiter.admit("org", T0).ok).toBe(true);
    expect(limiter.admit("org", T0 + 1)).toMatchObject({ ok: false, problem: "day" });
    limiter.emptyWindows();
    expect(limiter.admit("org", T0 + 2).ok).toBe(true);
    expect(limiter.admit("org", T0 + 3)).toMatchObject({ ok: false, problem: "day" });
    limiter.reset();
    expect(limiter.usage("org", T0 + 4).perDay).toBe(5000);
  });
});
