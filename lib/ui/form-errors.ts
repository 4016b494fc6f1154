import type { FieldValues, Path, UseFormReturn } from "react-hook-form";

/**
 * Puts a failed action's field errors next to their fields and returns the message for the form's
 * banner (null when every error found its field).
 */
export function applyActionErrors<T extends FieldValues>(
  form: UseFormReturn<T>,
  result: { message: string; fieldErrors?: Record<string, string[] | undefined> },
): string {
  for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
    if (messages?.[0]) form.setError(field as Path<T>, { message: messages[0] });
  }
  return result.message;
}
