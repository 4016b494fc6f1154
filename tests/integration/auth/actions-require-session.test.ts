import { globSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ADMIN_REQUIRED, SIGN_IN_REQUIRED } from "@/lib/auth/action";
import type { SessionUser } from "@/lib/auth/session";

/**
 * Every exported server action in app/ must refuse a caller without a session, and admin actions a
 * staff member, before touching anything. New actions are picked up automatically.
 */
const currentUser = vi.hoisted(() => ({ value: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: () => Promise.resolve(currentUser.value),
  requireUser: () => Promise.reject(new Error("pages are not under test here")),
  requireAdmin: () => Promise.reject(new Error("pages are not under test here")),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

/** The sign-in action is the one way in, so it is the one action open to signed-out visitors. */
const PUBLIC_ACTIONS = new Set(["app/(auth)/sign-in/actions.ts#signInWithPassword"]);
/** Admin-only action modules: every action in them must refuse staff. */
const ADMIN_MODULES = [/^app\/\(dashboard\)\/settings\//, /^app\/\(dashboard\)\/xero\/(?!sync-log)/];

const files = globSync("app/**/actions.ts").sort();

async function actionsOf(file: string) {
  const actions = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
  return Object.entries(actions).filter(
    (entry): entry is [string, (input: unknown) => Promise<unknown>] => typeof entry[1] === "function",
  );
}

describe("server actions", () => {
  beforeEach(() => {
    currentUser.value = null;
  });

  it("finds the action modules", () => {
    expect(files.length).toBeGreaterThan(1);
  });

  for (const file of files) {
    it(`${file}: every action refuses a signed-out caller`, async () => {
      for (const [name, action] of await actionsOf(file)) {
        if (PUBLIC_ACTIONS.has(`${file}#${name}`)) continue;
        await expect(action({}), `${name}`).resolves.toEqual({ ok: false, message: SIGN_IN_REQUIRED });
      }
    });

    if (ADMIN_MODULES.some((pattern) => pattern.test(file))) {
      it(`${file}: every action refuses staff`, async () => {
        currentUser.value = { id: crypto.randomUUID(), email: "staff@test", name: "Staff", role: "staff" };
        for (const [name, action] of await actionsOf(file)) {
          await expect(action({}), `${name}`).resolves.toEqual({ ok: false, message: ADMIN_REQUIRED });
        }
      });
    }
  }
});
