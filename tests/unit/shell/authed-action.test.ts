import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { DomainError, RecordError } from "@/lib/errors";
import { toXeroError, XeroError, type XeroErrorKind } from "@/lib/xero/api/errors";

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

  // No action wraps its calls by hand any more, so a refusal of any kind must come back as the form's
  // result here; were one missed, the person would see an error page instead of the message.
  const xeroKinds: XeroErrorKind[] = ["auth", "validation", "locked", "rate_limit", "not_found", "transient"];
  it.each([
    ["an action's own refusal", new ActionError("Not now", { name: ["Taken"] }), { name: ["Taken"] }],
    [
      "a Factory rule's refusal with field errors",
      new RecordError("Check the highlighted fields.", { sku: ["Another product already uses SKU A1"] }),
      { sku: ["Another product already uses SKU A1"] },
    ],
    ["a Factory rule's refusal", new RecordError("This quote no longer exists."), undefined],
    ["any other domain error", new DomainError("Refused"), undefined],
    ...xeroKinds.map(
      (kind) =>
        [`a Xero ${kind} error`, new XeroError({ kind, message: `Xero: ${kind}` }), undefined] as const,
    ),
    [
      "a Xero 400 as toXeroError builds it",
      toXeroError(
        JSON.stringify({
          response: {
            statusCode: 400,
            body: { Elements: [{ ValidationErrors: [{ Message: "Email address must be valid." }] }] },
          },
        }),
      ),
      undefined,
    ],
  ] as const)("turns %s into the form's result", async (_what, error, fieldErrors) => {
    const action = authedAction(schema, () => Promise.reject(error));
    const result = await action({ name: "x", lines: [] });
    expect(result).toStrictEqual({ ok: false, message: error.message, fieldErrors });
  });

  it("lets anything that is not a domain error through, as the bug it is", async () => {
    const broken = authedAction(schema, () => Promise.reject(new Error("bug")));
    await expect(broken({ name: "x", lines: [] })).rejects.toThrow("bug");
    const typo = authedAction(schema, () => Promise.reject(new TypeError("x is undefined")));
    await expect(typo({ name: "x", lines: [] })).rejects.toBeInstanceOf(TypeError);
  });

  it("refuses staff on an admin action without running it", async () => {
    const handler = vi.fn(() => Promise.resolve(1));
    const result = await authedAction(schema, handler, { role: "admin" })({ name: "x", lines: [] });
    expect(result).toEqual({ ok: false, message: "Only an administrator can do this." });
    expect(handler).not.toHaveBeenCalled();
  });
});
