import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * `npm test`: everything, in the order that fails fastest — lint and format, types, unit and
 * integration tests (vitest, against a fresh Postgres database), a production build, the browser
 * tests (Playwright in Chromium), then the many-processes test (vitest's `cluster` project: two web
 * processes serving the build and two workers on one database). Ends with one "N passed, N failed" line.
 */
const results = path.resolve(".test-data");
mkdirSync(results, { recursive: true });
const vitestJson = path.join(results, "vitest-results.json");
const playwrightJson = path.join(results, "playwright-results.json");
const clusterJson = path.join(results, "cluster-results.json");
for (const file of [vitestJson, playwrightJson, clusterJson]) rmSync(file, { force: true });

function step(title: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n\x1b[1m▶ ${title}\x1b[0m`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const ok = result.status === 0;
  console.log(`${ok ? "✔" : "✘"} ${title} (${Math.round((Date.now() - started) / 1000)} s)`);
  return ok;
}

const npx = (bin: string) => path.resolve("node_modules/.bin", bin);
const steps: [string, () => boolean][] = [
  ["Lint", () => step("Lint (ESLint)", npx("eslint"), ["--max-warnings=0", "."])],
  ["Format", () => step("Format (Prettier)", npx("prettier"), ["--check", "."])],
  ["Types", () => step("Types (tsc)", npx("tsc"), ["--noEmit"])],
  [
    "Unit and integration",
    () =>
      step("Unit and integration tests (vitest)", npx("vitest"), [
        "run",
        "--project=unit",
        "--project=integration",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${vitestJson}`,
      ]),
  ],
  [
    "Build",
    () =>
      step("Production build for the browser tests", npx("next"), ["build"], {
        NEXT_DIST_DIR: ".next-test",
        NEXT_SKIP_TYPECHECK: "1",
      }),
  ],
  [
    "Browser",
    () =>
      step("Browser tests (Playwright)", npx("playwright"), ["test", "--reporter=list,json"], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
      }),
  ],
  [
    "Cluster",
    () =>
      step("Many processes, one database (vitest, serves the build)", npx("vitest"), [
        "run",
        "--project=cluster",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${clusterJson}`,
      ]),
  ],
];

/** Steps with test counts of their own: a failure there still lets the later steps run. */
const COUNTED = ["Unit and integration", "Browser", "Cluster"];

const failedSteps: string[] = [];
for (const [name, run] of steps) {
  if (!run()) {
    failedSteps.push(name);
    if (!COUNTED.includes(name)) break; // later steps can't mean much after this one
  }
}

function counts(): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  for (const file of [vitestJson, clusterJson]) {
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
    };
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  if (existsSync(playwrightJson)) {
    const report = JSON.parse(readFileSync(playwrightJson, "utf8")) as {
      stats: { expected: number; unexpected: number; flaky: number };
    };
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
  }
  return { passed, failed };
}

const { passed, failed } = counts();
// A failed lint, type or build step counts as one failure of its own: it has no test count.
const failedChecks = failedSteps.filter((name) => !COUNTED.includes(name)).length;
if (failedSteps.length > 0) console.log(`\nFailed: ${failedSteps.join(", ")}`);
console.log(`\n${passed} passed, ${failed + failedChecks} failed`);
process.exit(failedSteps.length > 0 ? 1 : 0);
