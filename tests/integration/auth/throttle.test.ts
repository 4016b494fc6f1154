import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  clearFailedSignIns,
  recordFailedSignIn,
  signInLockedForMs,
  type SignInAttempt,
} from "@/lib/auth/throttle";
import { auditEvents } from "@/lib/db/schema";
import { testDb } from "../../support/db";

const db = testDb();
const now = new Date("2026-11-25T10:00:00Z");
const attempt = (email: string, address: string, knownAddress = false): SignInAttempt => ({
  email,
  address,
  knownAddress,
});
const someEmail = (label: string) => `${label}-${randomUUID()}@test`;
const someAddress = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 8)}`;

describe("sign-in throttling", () => {
  it("lets five failures of one email from one address through, then locks that pair for growing periods", async () => {
    const guess = attempt(someEmail("pair"), someAddress());
    for (let i = 0; i < 5; i++) await recordFailedSignIn(db, guess, now);
    expect(await signInLockedForMs(db, guess, now)).toBe(0);

    await recordFailedSignIn(db, guess, now);
    expect(await signInLockedForMs(db, guess, now)).toBe(30_000);
    await recordFailedSignIn(db, guess, now);
    expect(await signInLockedForMs(db, guess, now)).toBe(60_000);
    expect(await signInLockedForMs(db, guess, new Date(now.getTime() + 60_000))).toBe(0);
  });

  it("caps the lock at fifteen minutes", async () => {
    const guess = attempt(someEmail("cap"), someAddress());
    for (let i = 0; i < 20; i++) await recordFailedSignIn(db, guess, now);
    expect(await signInLockedForMs(db, guess, now)).toBe(15 * 60_000);
  });

  it("does not lock the user out from another address when someone guesses their password", async () => {
    const email = someEmail("victim");
    for (let i = 0; i < 12; i++) await recordFailedSignIn(db, attempt(email, "attacker"), now);
    expect(await signInLockedForMs(db, attempt(email, "attacker"), now)).toBeGreaterThan(0);
    expect(await signInLockedForMs(db, attempt(email, someAddress()), now)).toBe(0);
  });

  it("locks an address that sprays passwords across many emails", async () => {
    const address = someAddress();
    for (let i = 0; i < 21; i++) await recordFailedSignIn(db, attempt(someEmail(`spray${i}`), address), now);
    expect(await signInLockedForMs(db, attempt(someEmail("fresh"), address), now)).toBeGreaterThan(0);
  });

  it("puts a ceiling on guesses at one email spread over many addresses, sparing the user's own address", async () => {
    const email = someEmail("ceiling");
    for (let i = 0; i < 51; i++) await recordFailedSignIn(db, attempt(email, someAddress()), now);
    expect(await signInLockedForMs(db, attempt(email, someAddress()), now)).toBeGreaterThan(0);
    expect(await signInLockedForMs(db, attempt(email, someAddress(), true), now)).toBe(0);
  });

  it("forgets the email's failures after a successful sign-in, but not the address's across emails", async () => {
    const address = someAddress();
    const email = someEmail("ok");
    for (let i = 0; i < 6; i++) await recordFailedSignIn(db, attempt(email, address), now);
    for (let i = 0; i < 14; i++) await recordFailedSignIn(db, attempt(someEmail("other"), address), now);
    await clearFailedSignIns(db, attempt(email, address));
    expect(await signInLockedForMs(db, attempt(email, address), now)).toBe(0);
    await recordFailedSignIn(db, attempt(someEmail("more"), address), now);
    expect(await signInLockedForMs(db, attempt(email, address), now)).toBeGreaterThan(0);
  });

  it("starts counting afresh after a quiet window", async () => {
    const guess = attempt(someEmail("window"), someAddress());
    for (let i = 0; i < 5; i++) await recordFailedSignIn(db, guess, now);
    const later = new Date(now.getTime() + 16 * 60_000);
    await recordFailedSignIn(db, guess, later);
    expect(await signInLockedForMs(db, guess, later)).toBe(0);
  });

  it("audits every lock it sets", async () => {
    const guess = attempt(someEmail("audit"), someAddress());
    for (let i = 0; i < 7; i++) await recordFailedSignIn(db, guess, now);
    const key = `pair:${guess.email}|${guess.address}`;
    const audits = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "sign_in"), eq(auditEvents.entityId, key)));
    expect(audits).toHaveLength(2);
    expect(audits.map((audit) => audit.after)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ scope: "pair", failures: 6, lockedUntil: "2026-11-25T10:00:30.000Z" }),
        expect.objectContaining({ scope: "pair", failures: 7, lockedUntil: "2026-11-25T10:01:00.000Z" }),
      ]),
    );
    expect(audits[0]).toMatchObject({ action: "sign_in_locked", userId: null });
  });
});
