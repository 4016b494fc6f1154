/** The fields of a PostgreSQL error that callers branch on (postgres.js puts them on the error). */
interface PgErrorFields {
  code: string;
  constraint_name?: string;
}

/** Drizzle wraps driver errors in DrizzleQueryError; the PostgreSQL error is somewhere down `cause`. */
function pgErrorOf(error: unknown): PgErrorFields | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as Partial<PgErrorFields>).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return current as unknown as PgErrorFields;
  }
  return undefined;
}

/** True for a unique-constraint violation, optionally of one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = pgErrorOf(error);
  return pg?.code === "23505" && (constraint === undefined || pg.constraint_name === constraint);
}

/** True when a row could not be deleted because another row still refers to it. */
export function isForeignKeyViolation(error: unknown): boolean {
  return pgErrorOf(error)?.code === "23503";
}
