import { globSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ADMIN_REQUIRED, SIGN_IN_REQUIRED } from "@/lib/auth/action";
import type { SessionUser } from "@/lib/auth/session";

/**
 * Every exported server action in app/ must refuse a caller without a session, and admin actions a
 * staff member, before touching anything. The modules under test are every file under app/ that opens
 * with a "use server" directive, whatever its name; a "use server" anywhere else in a file (an action
 * defined inline in a component) fails the test, because this guard could not call it.
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

/** Admin-only actions in modules staff use too (voiding a document): each must refuse staff. */
const ADMIN_ACTIONS = new Set([
  "app/(dashboard)/invoices/actions.ts#voidInvoiceAction",
  "app/(dashboard)/bills/actions.ts#voidBillAction",
  "app/(dashboard)/credit-notes/actions.ts#voidCreditNoteAction",
]);

/** A directive is the first statement: only comments and blank lines may come before it. */
const LEADING_DIRECTIVE = /^(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*["']use server["']/;
/** A directive statement on a line of its own, wherever it is (a mention in a comment is not one). */
const ANY_DIRECTIVE = /^\s*["']use server["'];?\s*$/m;

const sources = globSync("app/**/*.{ts,tsx}")
  .sort()
  .map((file) => ({ file, text: readFileSync(file, "utf8") }));
const files = sources.filter(({ text }) => LEADING_DIRECTIVE.test(text)).map(({ file }) => file);

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

  it("finds every action module, whatever its file is called", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "app/(auth)/sign-in/actions.ts",
        "app/(dashboard)/_documents/lookup-actions.ts",
        "app/(dashboard)/_xero/contact-link-actions.ts",
        "app/(dashboard)/_xero/item-link-actions.ts",
      ]),
    );
  });

  it('finds no server action this guard cannot call (an inline "use server")', () => {
    const inline = sources
      .filter(({ text }) => ANY_DIRECTIVE.test(text) && !LEADING_DIRECTIVE.test(text))
      .map(({ file }) => file);
    expect(inline).toEqual([]);
  });

  for (const file of files) {
    it(`${file}: every action refuses a signed-out caller`, async () => {
      const actions = await actionsOf(file);
      expect(actions.length, "exported actions").toBeGreaterThan(0);
      for (const [name, action] of actions) {
        if (PUBLIC_ACTIONS.has(`${file}#${name}`)) continue;
        await expect(action({}), `${name}`).resolves.toEqual({ ok: false, message: SIGN_IN_REQUIRED });
      }
    });

    const adminActions = [...ADMIN_ACTIONS].filter((id) => id.startsWith(`${file}#`));
    if (adminActions.length > 0) {
      it(`${file}: its admin actions refuse staff`, async () => {
        currentUser.value = { id: crypto.randomUUID(), email: "staff@test", name: "Staff", role: "staff" };
        const actions = new Map(await actionsOf(file));
        for (const id of adminActions) {
          const action = actions.get(id.split("#")[1]!);
          expect(action, id).toBeDefined();
          await expect(action!({}), id).resolves.toEqual({ ok: false, message: ADMIN_REQUIRED });
        }
      });
    }

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
