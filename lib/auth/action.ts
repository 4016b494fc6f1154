import { z } from "zod";
import type { UserRole } from "@/lib/db/schema";
import { DomainError } from "@/lib/errors";
import { getCurrentUser, type SessionUser } from "./session";

export type ActionResult<T = undefined> =
  { ok: true; data: T } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/** An action's own refusal (a check only the action makes); lib/ throws its own {@link DomainError}s. */
export class ActionError extends DomainError {
  constructor(message: string, fieldErrors?: Record<string, string[]>) {
    super(message, fieldErrors);
    this.name = "ActionError";
  }
}

export const SIGN_IN_REQUIRED = "Your session has ended. Sign in again to continue.";
export const ADMIN_REQUIRED = "Only an administrator can do this.";

/**
 * Field errors keyed by their full path ("lines.2.quantity"), the names react-hook-form gives its
 * fields, so a nested error lands next to the right line rather than on the whole list.
 */
function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

/**
 * Every server action goes through here: it re-checks the session and role on the server (the proxy's
 * redirect is a convenience, not the security), parses the input with the form's own zod schema, and
 * turns failures into a result the form can show next to its fields: every {@link DomainError} (a
 * Factory rule's, Xero's, the action's own) becomes `{ ok: false, message, fieldErrors }` here, so no
 * action translates errors by hand. Anything else is a bug and is thrown.
 */
export function authedAction<Schema extends z.ZodType, T>(
  schema: Schema,
  handler: (input: z.output<Schema>, ctx: { user: SessionUser }) => Promise<T>,
  options: { role?: UserRole } = {},
): (input: z.input<Schema> | FormData) => Promise<ActionResult<T>> {
  return async (raw) => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, message: SIGN_IN_REQUIRED };
    if (options.role === "admin" && user.role !== "admin") return { ok: false, message: ADMIN_REQUIRED };

    const parsed = schema.safeParse(raw instanceof FormData ? Object.fromEntries(raw) : raw);
    if (!parsed.success)
      return { ok: false, message: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) };
    try {
      return { ok: true, data: await handler(parsed.data, { user }) };
    } catch (error) {
      if (error instanceof DomainError)
        return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
      throw error;
    }
  };
}
