import { describe, expect, it } from "vitest";
import { clearFailures, lockedForMs, recordFailure, throttleKeys } from "@/lib/auth/throttle";
import { testDb } from "../../support/db";

describe("sign-in throttling", () => {
  it("lets five failures through, then locks the email for growing periods", async () => {
    const db = testDb();
    const keys = throttleKeys(`guess-${crypto.randomUUID()}@test`, `ip-${crypto.randomUUID()}`);
    const now = new Date("2026-11-25T10:00:00Z");
    for (let i = 0; i < 5; i++) await recordFailure(db, keys, now);
    expect(await lockedForMs(db, keys, now)).toBe(0);

    await recordFailure(db, keys, now);
    expect(await lockedForMs(db, keys, now)).toBe(30_000);
    await recordFailure(db, keys, now);
    expect(await lockedForMs(db, keys, now)).toBe(60_000);
    expect(await lockedForMs(db, keys, new Date(now.getTime() + 60_000))).toBe(0);
  });

  it("caps the lock at fifteen minutes", async () => {
    const db = testDb();
    const keys = throttleKeys(`cap-${crypto.randomUUID()}@test`, `ip-${crypto.randomUUID()}`);
    const now = new Date("2026-11-25T10:00:00Z");
    for (let i = 0; i < 20; i++) await recordFailure(db, keys, now);
    expect(await lockedForMs(db, keys, now)).toBe(15 * 60_000);
  });

  it("locks an IP address that guesses across many emails", async () => {
    const db = testDb();
    const ip = `ip-${crypto.randomUUID()}`;
    const now = new Date("2026-11-25T10:00:00Z");
    for (let i = 0; i < 21; i++) await recordFailure(db, throttleKeys(`user${i}-${ip}@test`, ip), now);
    expect(await lockedForMs(db, throttleKeys(`fresh-${ip}@test`, ip), now)).toBeGreaterThan(0);
  });

  it("forgets an email's failures after a successful sign-in", async () => {
    const db = testDb();
    const email = `ok-${crypto.randomUUID()}@test`;
    const keys = throttleKeys(email, `ip-${crypto.randomUUID()}`);
    for (let i = 0; i < 6; i++) await recordFailure(db, keys);
    await clearFailures(db, email);
    expect(await lockedForMs(db, [keys[0]!])).toBe(0);
  });

  it("starts counting afresh after a quiet window", async () => {
    const db = testDb();
    const keys = throttleKeys(`window-${crypto.randomUUID()}@test`, `ip-${crypto.randomUUID()}`);
    const start = new Date("2026-11-25T10:00:00Z");
    for (let i = 0; i < 5; i++) await recordFailure(db, keys, start);
    const later = new Date(start.getTime() + 16 * 60_000);
    await recordFailure(db, keys, later);
    expect(await lockedForMs(db, keys, later)).toBe(0);
  });
});
