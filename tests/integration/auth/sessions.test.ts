import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { insertUserSession, listUserSessions, revokeUserSession } from "@/lib/db/queries/user-sessions";
import { insertUser, updateUser } from "@/lib/db/queries/users";
import { auditEvents, userSessions } from "@/lib/db/schema";
import { testDb } from "../../support/db";

/**
 * The session cookie only names a session; whether it still counts is decided by its row. These tests
 * stand in for the cookie by mocking what next-auth decoded from it.
 */
const cookie = vi.hoisted(() => ({ value: null as { user: { id: string }; sessionId?: string } | null }));
vi.mock("@/lib/auth/config", () => ({ auth: () => Promise.resolve(cookie.value) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { getCurrentUser } = await import("@/lib/auth/session");
const db = testDb();

async function userWithSession(role: "admin" | "staff" = "staff") {
  const user = await insertUser(db, {
    email: `session-${randomUUID()}@example.test`,
    name: "Session Tester",
    passwordHash: "not-a-real-hash",
    role,
  });
  const session = await insertUserSession(db, {
    userId: user.id,
    ipAddress: "203.0.113.9",
    userAgent: "test",
  });
  return { user, session };
}

describe("server-side sessions", () => {
  beforeEach(() => {
    cookie.value = null;
  });

  it("accepts a cookie whose session is open", async () => {
    const { user, session } = await userWithSession();
    cookie.value = { user: { id: user.id }, sessionId: session.id };
    expect(await getCurrentUser()).toMatchObject({ id: user.id, role: "staff" });
  });

  it("refuses a cookie after its session was signed out", async () => {
    const { user, session } = await userWithSession();
    cookie.value = { user: { id: user.id }, sessionId: session.id };
    await revokeUserSession(db, session.id);
    expect(await getCurrentUser()).toBeNull();
  });

  it("refuses a cookie that names no session (one issued before sessions were kept)", async () => {
    const { user } = await userWithSession();
    cookie.value = { user: { id: user.id } };
    expect(await getCurrentUser()).toBeNull();
  });

  it("refuses a session presented with another user's id", async () => {
    const { session } = await userWithSession();
    const other = await userWithSession();
    cookie.value = { user: { id: other.user.id }, sessionId: session.id };
    expect(await getCurrentUser()).toBeNull();
  });

  it("refuses a session unused for longer than the cookie lives", async () => {
    const { user, session } = await userWithSession();
    await db
      .update(userSessions)
      .set({ lastSeenAt: new Date(Date.now() - 8 * 60 * 60_000 - 1000) })
      .where(eq(userSessions.id, session.id));
    cookie.value = { user: { id: user.id }, sessionId: session.id };
    expect(await getCurrentUser()).toBeNull();
  });

  it("records when a session was last seen, at most once a minute", async () => {
    const { user, session } = await userWithSession();
    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000);
    await db.update(userSessions).set({ lastSeenAt: twoMinutesAgo }).where(eq(userSessions.id, session.id));
    cookie.value = { user: { id: user.id }, sessionId: session.id };
    await getCurrentUser();
    const [seen] = await listUserSessions(db, user.id);
    expect(seen!.lastSeenAt.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
  });

  it("ends every session of a user whose role changes, is deactivated or whose password is reset", async () => {
    const { user, session } = await userWithSession();
    const second = await insertUserSession(db, { userId: user.id, ipAddress: null, userAgent: null });
    await updateUser(db, user.id, { role: "admin", revokeSessions: true });
    for (const id of [session.id, second.id]) {
      cookie.value = { user: { id: user.id }, sessionId: id };
      expect(await getCurrentUser()).toBeNull();
    }
  });
});

describe("sign out everywhere", () => {
  it("lets an admin end every session of another user, audited", async () => {
    const { user: adminUser, session: adminSession } = await userWithSession("admin");
    const { user, session } = await userWithSession();
    const other = await insertUserSession(db, { userId: user.id, ipAddress: null, userAgent: null });
    const { signOutUserEverywhere } = await import("@/app/(dashboard)/settings/users/actions");

    cookie.value = { user: { id: adminUser.id }, sessionId: adminSession.id };
    expect(await signOutUserEverywhere({ userId: user.id })).toEqual({ ok: true, data: undefined });

    const rows = await listUserSessions(db, user.id);
    expect(rows.map((row) => row.id).sort()).toEqual([session.id, other.id].sort());
    expect(rows.every((row) => row.revokedAt !== null)).toBe(true);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.entityId, user.id));
    expect(audit).toMatchObject({
      userId: adminUser.id,
      action: "signed_out_everywhere",
      after: { sessions: 2 },
    });
    // The admin's own session is untouched.
    expect(await getCurrentUser()).toMatchObject({ id: adminUser.id });
  });

  it("refuses an unknown account and writes nothing", async () => {
    const { user: adminUser, session: adminSession } = await userWithSession("admin");
    const { signOutUserEverywhere } = await import("@/app/(dashboard)/settings/users/actions");
    cookie.value = { user: { id: adminUser.id }, sessionId: adminSession.id };
    const missing = randomUUID();
    expect(await signOutUserEverywhere({ userId: missing })).toEqual({
      ok: false,
      message: "That account no longer exists.",
    });
    expect(await db.select().from(auditEvents).where(eq(auditEvents.entityId, missing))).toHaveLength(0);
  });
});
