import { sql } from "drizzle-orm";
import type { Executor } from "../client";
import { NUMBER_PREFIXES, numberCounters, type NumberSeries } from "../schema";

/** C-00001, SO-00042: the prefix, then at least five digits. */
export function formatNumber(series: NumberSeries, value: number): string {
  return `${NUMBER_PREFIXES[series]}-${String(value).padStart(5, "0")}`;
}

/**
 * The next number of a series, e.g. "SO-00042". Call it inside the transaction that creates the
 * record: the counter row stays locked until that transaction ends, so concurrent creates queue up
 * and each gets the next number, and a create that rolls back hands its number back (no gaps).
 * The upsert starts a series on first use, so no seed row is needed.
 */
export async function takeNumber(tx: Executor, series: NumberSeries): Promise<string> {
  const [row] = await tx
    .insert(numberCounters)
    .values({ series, lastValue: 1 })
    .onConflictDoUpdate({
      target: numberCounters.series,
      set: { lastValue: sql`${numberCounters.lastValue} + 1` },
    })
    .returning({ value: numberCounters.lastValue });
  if (!row) throw new Error(`number counter ${series} returned no row`);
  return formatNumber(series, row.value);
}
