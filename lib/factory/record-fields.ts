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

export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `Use at most ${max.toLocaleString("en-NZ")} characters`)
    .transform((value) => value || null);
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
