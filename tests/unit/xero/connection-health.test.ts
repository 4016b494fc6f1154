import { describe, expect, it } from "vitest";
import {
  describeCallsLeftToday,
  describeScopes,
  refreshTokenAge,
  refreshTokenBadge,
} from "@/lib/xero/connection-health";

const daysAgo = (days: number, now: Date) => new Date(now.getTime() - days * 86_400_000);

describe("refresh token age", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  it.each([
    [0, "ok"],
    [29, "ok"],
    [30, "warning"],
    [52, "warning"],
    [53, "danger"],
  ] as const)("%i days old is %s", (days, health) => {
    expect(refreshTokenAge(daysAgo(days, now), now)).toEqual({ days, health });
  });
});

describe("refresh token badge", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  it("is Healthy only while Xero accepts the connection", () => {
    expect(refreshTokenBadge("connected", daysAgo(2, now), now)).toMatchObject({
      tone: "success",
      label: "Healthy",
    });
    // A young token Xero has refused (revoked, disconnected in Xero) is not healthy.
    expect(refreshTokenBadge("needs_reconnect", daysAgo(2, now), now)).toEqual({
      days: 2,
      tone: "danger",
      label: "No longer accepted by Xero — reconnect",
    });
  });

  it("warns about age while connected", () => {
    expect(refreshTokenBadge("connected", daysAgo(53, now), now)).toMatchObject({
      tone: "danger",
      label: "Expires after 60 days unused — reconnect soon",
    });
  });
});

describe("scopes in words", () => {
  it("explains known scopes and keeps unknown ones as they are", () => {
    expect(describeScopes(["offline_access", "payroll.employees"])).toEqual([
      { scope: "offline_access", words: "Stay connected without you signing in again" },
      { scope: "payroll.employees", words: "payroll.employees" },
    ]);
  });
});

describe("calls left today", () => {
  it("names the organisation's own daily limit once learned, a smaller tier's too", () => {
    expect(describeCallsLeftToday(812, 1000)).toBe("812 of 1,000");
    expect(describeCallsLeftToday(4321, 5000)).toBe("4,321 of 5,000");
  });

  it("names no total while the limit is not known", () => {
    expect(describeCallsLeftToday(4321, null)).toBe("4,321");
  });

  it("says when the rest of the day is kept for sending and checking Xero waits (under a quarter left)", () => {
    const kept = ", kept for sending: checking Xero for payments and changes waits until more are free";
    expect(describeCallsLeftToday(249, 1000)).toBe(`249 of 1,000${kept}`);
    expect(describeCallsLeftToday(250, 1000)).toBe("250 of 1,000");
    // Without a learned limit, a quarter of Xero's most (5,000).
    expect(describeCallsLeftToday(1249, null)).toBe(`1,249${kept}`);
    expect(describeCallsLeftToday(1250, null)).toBe("1,250");
  });
});
