import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { authenticate } from "@/lib/auth/sign-in";
import { listUserSessions } from "@/lib/db/queries/user-sessions";
import { insertUser, updateUser } from "@/lib/db/queries/users";
import { testDb } from "../../support/db";

const db = testDb();
const password = "right-password-1";

async function createUser() {
  return insertUser(db, {
    email: `auth-${randomUUID()}@example.test`,
    name: "Auth Tester",
    role: "staff",
    passwordHash: await hashPassword(password),
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

describe("authenticate", () => {
  it("starts a session that records where and in what browser", async () => {
    const user = await createUser();
    const result = await authenticate(db, {
      email: user.email.toUpperCase(),
      password,
      address: "203.0.113.7",
      userAgent: "Firefox",
    });
    expect(result?.user.id).toBe(user.id);
    const [session] = await listUserSessions(db, user.id);
    expect(session).toMatchObject({ id: result!.sessionId, ipAddress: "203.0.113.7", userAgent: "Firefox" });
  });

  it("refuses a wrong password, an unknown email and a deactivated account", async () => {
    const user = await createUser();
    const address = `addr-${randomUUID()}`;
    expect(
      await authenticate(db, { email: user.email, password: "wrong", address, userAgent: null }),
    ).toBeNull();
    expect(
      await authenticate(db, { email: `nobody-${randomUUID()}@test`, password, address, userAgent: null }),
    ).toBeNull();
    await updateUser(db, user.id, { active: false });
    expect(await authenticate(db, { email: user.email, password, address, userAgent: null })).toBeNull();
    expect(await listUserSessions(db, user.id)).toHaveLength(0);
  });

  it("takes as long for an unknown email as for a known one with a wrong password", async () => {
    const user = await createUser();
    const attempt = (email: string) =>
      authenticate(db, { email, password: "wrong", address: `t-${randomUUID()}`, userAgent: null });
    await attempt(`warm-${randomUUID()}@test`); // the dummy hash is made once, on first use
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await timed(() => attempt(user.email)));
      unknown.push(await timed(() => attempt(`nobody-${randomUUID()}@test`)));
    }
    // Without the dummy verification an unknown email skipped argon2 and took about half as long.
    expect(median(unknown) / median(known)).toBeGreaterThan(0.75);
  });
});
