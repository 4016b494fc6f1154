import { describe, expect, it } from "vitest";
import { backoffDelayMs, judgeFailure, NothingToSend, SendLater, type RetryPolicy } from "@/lib/sync/outcome";
import { XeroError } from "@/lib/xero/api/errors";
import { MappingError } from "@/lib/xero/mappers";

const POLICY: RetryPolicy = { firstDelayMs: 2000, maxDelayMs: 600_000 };
const low = () => 0;
const high = () => 1;

describe("backoffDelayMs", () => {
  it("doubles from the first delay, with half of each wait random", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, POLICY, high))).toEqual([2000, 4000, 8000, 16_000]);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, POLICY, low))).toEqual([1000, 2000, 4000, 8000]);
  });

  it("is capped, and keeps going at the cap however many attempts failed", () => {
    expect(backoffDelayMs(9, POLICY, high)).toBe(512_000);
    expect(backoffDelayMs(10, POLICY, high)).toBe(600_000);
    expect(backoffDelayMs(500, POLICY, high)).toBe(600_000);
    expect(backoffDelayMs(500, POLICY, low)).toBe(300_000);
  });

  it("treats attempt 0 (nothing counted yet) as the first", () => {
    expect(backoffDelayMs(0, POLICY, high)).toBe(2000);
  });
});

describe("judgeFailure", () => {
  const transient = (message: string, status = 0, unreachable = false) =>
    new XeroError({ kind: "transient", status, message, unreachable });

  it("never fails a document for an outage, a 5xx or a timeout: it waits for Xero, attempt after attempt", () => {
    for (const error of [
      transient("Xero unreachable (connect ECONNREFUSED 127.0.0.1:4010)", 0, true),
      transient("Simulated fault", 500),
      transient("timeout of 30000ms exceeded"),
    ]) {
      for (const attempt of [1, 8, 9, 1000]) {
        const verdict = judgeFailure(error, attempt, POLICY, high);
        expect(verdict).toMatchObject({
          state: "waiting_for_xero",
          outcome: "retrying",
          message: error.message,
          countsAsAttempt: true,
        });
        expect(verdict.retryInMs).toBe(backoffDelayMs(attempt, POLICY, high));
      }
    }
    expect(judgeFailure(transient("Simulated fault", 503), 1, POLICY).status).toBe(503);
  });

  it("treats an unexpected error the same way: it waits, with its message shown", () => {
    expect(judgeFailure(new Error("connection terminated"), 3, POLICY, high)).toMatchObject({
      state: "waiting_for_xero",
      message: "connection terminated",
      retryInMs: 8000,
    });
  });

  it("waits out Xero's Retry-After on a 429 without counting an attempt or growing the backoff", () => {
    const storm = new XeroError({
      kind: "rate_limit",
      status: 429,
      message: "Rate limit exceeded: day",
      retryAfterSeconds: 66_975,
      rateLimitProblem: "day",
    });
    for (const attempt of [1, 7]) {
      expect(judgeFailure(storm, attempt, POLICY, low)).toMatchObject({
        state: "queued",
        outcome: "waiting",
        message: "Waiting for Xero's daily call limit (Rate limit exceeded: day)",
        retryInMs: 66_975_000,
        countsAsAttempt: false,
      });
    }
    expect(judgeFailure(storm, 1, POLICY, high).retryInMs).toBe(66_977_000);
  });

  it("waits for our own share of the budget the same way", () => {
    const budget = new XeroError({
      kind: "rate_limit",
      message: "Waiting for Xero's minute limit",
      retryAfterSeconds: 42,
      rateLimitProblem: "minute",
    });
    expect(judgeFailure(budget, 2, POLICY, low)).toMatchObject({
      state: "queued",
      message: "Waiting for Xero's minute limit",
      retryInMs: 42_000,
      countsAsAttempt: false,
    });
  });

  it("keeps Xero's definite refusals for a person, with nothing scheduled", () => {
    const refusal = new XeroError({
      kind: "validation",
      status: 400,
      message: "Account code '999' is not valid",
    });
    expect(judgeFailure(refusal, 1, POLICY)).toMatchObject({
      state: "failed",
      outcome: "failed",
      message: "Account code '999' is not valid",
      status: 400,
      retryInMs: null,
    });
    expect(judgeFailure(new MappingError("GST 15% has no Xero tax type"), 1, POLICY)).toMatchObject({
      state: "failed",
      retryInMs: null,
    });
    expect(
      judgeFailure(new XeroError({ kind: "locked", status: 400, message: "paid" }), 1, POLICY),
    ).toMatchObject({ state: "locked", retryInMs: null });
    expect(
      judgeFailure(new XeroError({ kind: "not_found", status: 404, message: "gone" }), 1, POLICY),
    ).toMatchObject({ state: "locked", retryInMs: null });
  });

  it("holds for a reconnect and skips what has nothing to send, without scheduling", () => {
    expect(
      judgeFailure(new XeroError({ kind: "auth", status: 403, message: "revoked" }), 1, POLICY),
    ).toMatchObject({ state: "waiting_reconnect", retryInMs: null });
    expect(judgeFailure(new NothingToSend("already invoiced"), 1, POLICY)).toMatchObject({
      state: "not_sent",
      outcome: "skipped",
      retryInMs: null,
    });
  });

  it("comes back soon, without counting an attempt, when it has to wait its turn", () => {
    const verdict = judgeFailure(new SendLater("Waiting for order SO-00001 to reach Xero."), 6, POLICY, high);
    expect(verdict).toMatchObject({ state: "queued", countsAsAttempt: false });
    expect(verdict.retryInMs).toBe(4000);
  });
});
