import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";

const currentUser = vi.hoisted(() => ({ value: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: () => Promise.resolve(currentUser.value) }));

const { ActionError, authedAction } = await import("@/lib/auth/action");

const schema = z.object({
  name: z.string().min(1, "Enter a name"),
  lines: z.array(z.object({ quantity: z.number().positive("Must be more than zero") })),
});

describe("authedAction", () => {
  beforeEach(() => {
    currentUser.value = { id: "u1", email: "a@b.test", name: "A", role: "staff" };
  });

  it("keys nested field errors by their full path, as the form names its fields", async () => {
    const action = authedAction(schema, () => Promise.resolve("saved"));
    const result = await action({ name: "", lines: [{ quantity: 1 }, { quantity: -2 }] });
    expect(result).toEqual({
      ok: false,
      message: "Some fields need attention.",
      fieldErrors: { name: ["Enter a name"], "lines.1.quantity": ["Must be more than zero"] },
    });
  });

  it("runs the handler with the parsed input and the user", async () => {
    const handler = vi.fn(() => Promise.resolve(42));
    const result = await authedAction(schema, handler)({ name: "Ok", lines: [] });
    expect(result).toEqual({ ok: true, data: 42 });
    expect(handler).toHaveBeenCalledWith({ name: "Ok", lines: [] }, { user: currentUser.value });
  });

  it("turns an ActionError into a result and lets other errors through", async () => {
    const refused = authedAction(schema, () =>
      Promise.reject(new ActionError("Not now", { name: ["Taken"] })),
    );
    expect(await refused({ name: "x", lines: [] })).toEqual({
      ok: false,
      message: "Not now",
      fieldErrors: { name: ["Taken"] },
    });
    const broken = authedAction(schema, () => Promise.reject(new Error("bug")));
    await expect(broken({ name: "x", lines: [] })).rejects.toThrow("bug");
  });

  it("refuses staff on an admin action without running it", async () => {
    const handler = vi.fn(() => Promise.resolve(1));
    const result = await authedAction(schema, handler, { role: "admin" })({ name: "x", lines: [] });
    expect(result).toEqual({ ok: false, message: "Only an administrator can do this." });
    expect(handler).not.toHaveBeenCalled();
  });
});
