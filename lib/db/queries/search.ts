import { ilike, or, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * A case-insensitive substring match of `term` in any of `columns`, with LIKE's wildcards (% and _)
 * and its escape character taken literally, so a search for "50%" finds "50%" and not everything.
 * The value is bound as a parameter, never spliced into SQL. Trigram (pg_trgm) indexes on the
 * columns keep it fast on large tables.
 */
export function matchesSearch(term: string, columns: AnyColumn[]): SQL | undefined {
  const pattern = `%${term.replace(/[\\%_]/g, "\\$&")}%`;
  return or(...columns.map((column) => ilike(column, pattern)));
}

export interface Page<Row> {
  rows: Row[];
  total: number;
}
