import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { freePort } from "../support/test-database";

/**
 * Contact import benchmark: 10,000 Xero contacts imported through the wizard's engine (fetch every
 * page, propose, import every batch) against the simulator, then type-ahead search latency.
 * Prints API calls used, wall time, peak memory and search p50/p95.
 *
 *   npx tsx tests/bench/import-bench.ts        (TEST_DATABASE_URL=postgres://… uses that server)
 *
 * The simulator runs in its own process, so the memory figures are Factory's alone. Xero's rate
 * limits are lifted on both sides (XERO_SIM_LIMITS=off, a compressed call budget): they would only
 * add waiting, and the call count is what shows the import is frugal with them.
 */
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 10_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 60);

const port = await freePort();
const simUrl = `http://localhost:${port}`;
const sim = spawn(process.execPath, ["xero-sim/main.ts"], {
  env: { ...process.env, XERO_SIM_PORT: String(port), XERO_SIM_LIMITS: "off" },
  stdio: ["ignore", "ignore", "inherit"],
});
for (let tries = 0; ; tries++) {
  try {
    if ((await fetch(`${simUrl}/.well-known/openid-configuration`)).ok) break;
  } catch {
    if (tries > 100) throw new Error("the simulator did not start");
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}

// lib/env reads these once, when first imported: set them before importing anything from lib/.
process.env.XERO_IDENTITY_URL = simUrl;
process.env.XERO_API_URL = simUrl;
process.env.TOKEN_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
delete process.env.XERO_CLIENT_ID;

const { createDb } = await import("../../lib/db/client");
const { users } = await import("../../lib/db/schema");
const { activateOrganisation, completeConsent } = await import("../../lib/xero/connect");
const { buildConsentUrl } = await import("../../lib/xero/api/identity");
const { setXeroCallBudget } = await import("../../lib/xero/rate-limit");
const { beginImport, fetchNextImportPage, importNextBatch, startContactImport } =
  await import("../../lib/linking/contact-import");
const { searchXeroContacts } = await import("../../lib/linking/contacts");
const { createTestDatabase } = await import("../support/test-database");
const { consent } = await import("../integration/xero-sim/harness");

async function simJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${simUrl}${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await response.json()) as T;
}
const requestCount = async () => (await simJson<{ lastId: number }>("GET", "/sim/requests?limit=1")).lastId;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const database = await createTestDatabase("import_bench");
const { db, close } = createDb(database.url, { max: 6 });
try {
  setXeroCallBudget({ concurrent: 1000, perMinute: 1_000_000, perDay: 1_000_000 });
  const [user] = await db
    .insert(users)
    .values({ email: `${randomUUID()}@bench.test`, name: "Bench", passwordHash: "x", role: "admin" })
    .returning({ id: users.id });
  const state = randomUUID();
  const { location } = await consent(await buildConsentUrl(state), {
    organisations: ["Demo Fabrication NZ"],
  });
  const { tokens, tenants } = await completeConsent(location, state);
  const tenantId = tenants[0]?.tenantId ?? "";
  await activateOrganisation(db, { tokens, tenantId, userId: user?.id ?? "", confirmSwitch: true });
  await simJson("POST", `/sim/orgs/${tenantId}/contacts/seed`, { count: CONTACTS, prefix: "Bench Contact" });

  global.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 20);

  const callsBefore = await requestCount();
  const started = performance.now();
  const run = await startContactImport(db, { sides: "customers", includeArchived: false, userId: null });
  let progress = await fetchNextImportPage(db, run.id);
  while (progress.run.status === "fetching") progress = await fetchNextImportPage(db, run.id);
  const fetched = performance.now();
  await beginImport(db, run.id);
  do progress = await importNextBatch(db, run.id, null);
  while (progress.run.status === "importing");
  const finished = performance.now();
  clearInterval(sampler);
  const calls = (await requestCount()) - callsBefore;
  const contacts = progress.run.contactCount ?? 0;

  console.log(
    `\nImport of ${contacts.toLocaleString("en-NZ")} Xero contacts (${CONTACTS.toLocaleString("en-NZ")} seeded + the demo organisation's)`,
  );
  console.log(
    `  API calls used     ${calls} (fewest possible at 1,000 per page: ${Math.ceil(contacts / 1000)})`,
  );
  console.log(
    `  wall time          ${((finished - started) / 1000).toFixed(1)} s (fetch + proposals ${((fetched - started) / 1000).toFixed(1)} s, import ${((finished - fetched) / 1000).toFixed(1)} s)`,
  );
  console.log(
    `  peak memory        rss ${mb(peakRss)} (baseline ${mb(baseline.rss)}), heap ${mb(peakHeap)} (baseline ${mb(baseline.heapUsed)})`,
  );
  console.log(`  records created    ${progress.done.toLocaleString("en-NZ")} rows done`);

  const terms = [
    "bench contact 0",
    "harbour",
    "00042",
    "generated",
    "ltd",
    "accounts@",
    "zz-nothing",
    "kiwi",
  ];
  for (let i = 0; i < 3; i++) await searchXeroContacts(db, terms[i] ?? "x");
  const samples: number[] = [];
  for (let i = 0; i < SEARCHES; i++) {
    const t = performance.now();
    await searchXeroContacts(db, terms[i % terms.length] ?? "x");
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `\nType-ahead search (searchTerm, 20 per page) over ${contacts.toLocaleString("en-NZ")} contacts, ${SEARCHES} searches`,
  );
  console.log(
    `  p50 ${percentile(samples, 50).toFixed(1)} ms   p95 ${percentile(samples, 95).toFixed(1)} ms   max ${(samples.at(-1) ?? 0).toFixed(1)} ms`,
  );
} finally {
  await close();
  await database.drop();
  sim.kill("SIGTERM");
}
