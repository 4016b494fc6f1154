import type { Db } from "../../lib/db/client";

/** One timed query: what the list page (or search box) sends. */
export interface Scenario {
  name: string;
  run: (db: Db) => Promise<unknown>;
}

/** Seeds one kind of record in bulk, then names the queries to time against it. */
export interface BenchSuite {
  name: string;
  seed: (db: Db) => Promise<void>;
  scenarios: Scenario[];
}

export interface Timing {
  p50: number;
  p95: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Runs a scenario a few times to warm caches, then `iterations` times, and reports milliseconds. */
export async function time(db: Db, scenario: Scenario, iterations: number): Promise<Timing> {
  for (let i = 0; i < 3; i++) await scenario.run(db);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await scenario.run(db);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples.at(-1) ?? 0 };
}
