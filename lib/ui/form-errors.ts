import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

/**
 * Puts a failed action's field errors next to their fields and returns the message for the form's
 * banner. Takes only `setError`, so it works with forms whose schema transforms their values too.
 */
export function applyActionErrors<T extends FieldValues>(
  form: { setError: UseFormSetError<T> },
  result: { message: string; fieldErrors?: Record<string, string[] | undefined> },
): string {
  for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
    if (messages?.[0]) form.setError(field as Path<T>, { message: messages[0] });
  }
  return result.message;
}
