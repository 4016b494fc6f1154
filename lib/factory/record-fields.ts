import { z } from "zod";

/**
 * Zod building blocks for record forms. Each trims, caps its length with a message that says the
 * limit (so a pasted 1 MB text is refused next to its field) and turns an empty optional field into
 * null for the database.
 */
export function requiredText(label: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `Use at most ${max.toLocaleString("en-NZ")} characters`);
}

/**
 * Optional free text: trimmed and capped, with a message that names the field and its limit. It checks
 * and never transforms, so it parses its own output to the same value (document forms parse on the
 * client and the action parses the same object again); record forms that store "" as null say so with
 * {@link nullIfEmpty}.
 */
export function optionalText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max.toLocaleString("en-NZ")} characters.`);
}

/** An optional text column: nothing typed is stored as null, not "". */
export function nullIfEmpty(field: z.ZodString) {
  return field.transform((value) => value || null);
}

export function optionalEmail() {
  return z
    .string()
    .trim()
    .max(254, "Use at most 254 characters")
    .refine((value) => value === "" || z.email().safeParse(value).success, "Enter a valid email address")
    .transform((value) => value || null);
}

/** A client-generated key that makes a double-submitted create return the first record. */
export const idempotencyKey = z.uuid("Reload the page and try again");

/** The version the form was loaded at; the save is refused if the record has moved on. */
export const recordVersion = z.coerce.number().int().positive();
