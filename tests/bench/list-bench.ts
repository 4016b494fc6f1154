import { createDb } from "../../lib/db/client";
import { createTestDatabase } from "../support/test-database";
import { time, type BenchSuite } from "./bench-kit";
import { customersSuite } from "./suites/customers";
import { documentsSuite } from "./suites/documents";

/**
 * List-page benchmark: seeds a fresh database with 100,000 rows per suite and prints p50/p95 of
 * the list, count and search queries the pages send. Run with `npx tsx tests/bench/list-bench.ts`
 * (TEST_DATABASE_URL=postgres://… uses that server; otherwise an embedded PostgreSQL).
 * Add a suite (tests/bench/suites/) to SUITES to measure more lists.
 */
const SUITES: BenchSuite[] = [customersSuite, documentsSuite];
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40);

const database = await createTestDatabase("bench");
const { db, close } = createDb(database.url, { max: 4 });
try {
  for (const suite of SUITES) {
    const seeding = performance.now();
    await suite.seed(db);
    console.log(`\n${suite.name}: seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    console.log(
      `${"query".padEnd(44)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}`,
    );
    for (const scenario of suite.scenarios) {
      const { p50, p95, max } = await time(db, scenario, ITERATIONS);
      console.log(
        `${scenario.name.padEnd(44)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${max.toFixed(1).padStart(8)}`,
      );
    }
  }
} finally {
  await close();
  await database.drop();
}
