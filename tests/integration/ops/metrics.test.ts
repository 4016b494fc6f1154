import { afterEach, describe, expect, it, vi } from "vitest";
import { syncSuite } from "../sync/support/suite";

const { sim, ctx } = await syncSuite("ops_metrics", { worker: { timeoutMs: 5000 } });
const { simAdmin, waitFor } = await import("../sync/support/sync-db");
const { getSyncState } = await import("@/lib/db/queries/sync-states");
const { getXeroConnection } = await import("@/lib/db/queries/xero-connection");
const { createQuote } = await import("@/lib/factory/quotes");
const fixtures = await import("../documents/fixtures");

const TOKEN = "metrics-token-for-the-test-0123456789";

afterEach(() => {
  vi.unstubAllEnvs();
  (globalThis as { factoryDb?: unknown }).factoryDb = undefined;
});

/** GET /api/metrics against this file's database, the route loaded afresh with `env`. */
async function scrape(
  authorization: string | undefined,
  env: Record<string, string> = { METRICS_TOKEN: TOKEN },
) {
  vi.stubEnv("DATABASE_URL", ctx.url);
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  (globalThis as { factoryDb?: unknown }).factoryDb = undefined;
  const { GET } = await import("@/app/api/metrics/route");
  return GET(
    new Request("http://factory.test/api/metrics", {
      headers: authorization === undefined ? {} : { authorization },
    }),
  );
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text → samples. */
function parse(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`Not a sample: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      ) as Record<string, string>;
      return { name: match[1] ?? "", labels, value: Number(match[3]) };
    });
}

/** The value of the one sample with this name whose labels include `labels`; 0 when there is none. */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([key, v]) => s.labels[key] === v),
  );
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value ?? 0;
}

async function metrics(): Promise<Sample[]> {
  const response = await scrape(`Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return parse(await response.text());
}

async function accountingRequests(): Promise<{ method: string; path: string; status: number }[]> {
  const { requests } = (await simAdmin(sim, "GET", "/sim/requests")) as {
    requests: { method: string; path: string; status: number }[];
  };
  return requests.filter((r) => r.path.startsWith("/api.xro/2.0"));
}

async function sendQuotes(count: number): Promise<void> {
  const quotes = [];
  for (let i = 0; i < count; i++) {
    quotes.push(
      await createQuote(
        ctx.db,
        fixtures.quoteForm(ctx.customerId, {
          lines: [fixtures.line({ quantity: "1", unitPrice: "10", taxRateId: ctx.gstId })],
        }),
        ctx.userId,
      ),
    );
  }
  for (const quote of quotes) {
    await waitFor(
      `${quote.number} sent`,
      async () => (await getSyncState(ctx.db, "quote", quote.id))?.state === "sent",
      20_000,
    );
  }
}

describe("/api/metrics", () => {
  it("does not exist without METRICS_TOKEN, and refuses a missing or wrong token", async () => {
    expect((await scrape(`Bearer ${TOKEN}`, {})).status).toBe(404);
    for (const authorization of [
      undefined,
      "",
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN}x`,
      `Basic ${TOKEN}`,
      TOKEN,
    ]) {
      const response = await scrape(authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
      expect(await response.text()).not.toContain("factory_");
    }
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(200);
  });

  it("counts what sending documents did: states, attempts, 429s, Xero calls, the budget and refreshes", async () => {
    const before = await metrics();
    const requestsBefore = (await accountingRequests()).length;

    // Three quotes; Xero answers the first create with a 429, so one of them waits and goes again.
    await simAdmin(sim, "POST", "/sim/faults", {
      kind: "rate-limit",
      retryAfterSeconds: 1,
      times: 1,
      method: "PUT",
      pathPrefix: "/api.xro/2.0/Quotes",
    });
    await sendQuotes(3);
    // Xero ends the access token early: the next send refreshes it once and goes on.
    await simAdmin(sim, "POST", "/sim/tokens/expire");
    await sendQuotes(1);

    const after = await metrics();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      value(after, name, labels) - value(before, name, labels);
    const requests = (await accountingRequests()).slice(requestsBefore);

    // From the database: the same in any web process.
    expect(value(after, "factory_sync_documents", { type: "quote", state: "sent" })).toBe(4);
    expect(delta("factory_sync_attempts_total", { outcome: "success" })).toBe(4);
    expect(delta("factory_sync_attempts_total", { outcome: "waiting" })).toBe(1);
    expect(delta("factory_sync_rate_limited_total")).toBe(1);
    expect(value(after, "factory_queue_jobs", { queue: "xero-send-document", state: "waiting" })).toBe(0);
    expect(value(after, "factory_queue_oldest_waiting_seconds", { queue: "xero-send-document" })).toBe(0);
    expect(value(after, "factory_xero_connection", { state: "connected" })).toBe(1);
    expect(value(after, "factory_xero_connection", { state: "needs_reconnect" })).toBe(0);
    // The ledger counted every call that reached Xero (the simulator's log), the 429 and the 401 included.
    expect(requests.length).toBeGreaterThanOrEqual(6);
    expect(delta("factory_xero_calls", { window: "day" })).toBe(requests.length);
    expect(value(after, "factory_xero_rate_budget_remaining", { window: "minute" })).toBe(
      60 - value(after, "factory_xero_calls", { window: "minute" }),
    );
    // The day's limit is learned from Xero's X-DayLimit-Remaining. What is left is what Xero last said,
    // less at most the calls Xero answered with 429: Xero does not count those (its limits page), while
    // Factory's ledger keeps them when it can't tell, to stay on the safe side.
    const connection = await getXeroConnection(ctx.db);
    const dayLeft = value(after, "factory_xero_rate_budget_remaining", { window: "day" });
    expect(dayLeft).toBeLessThanOrEqual(connection!.callsLeftToday!);
    expect(dayLeft).toBeGreaterThanOrEqual(
      connection!.callsLeftToday! - delta("factory_sync_rate_limited_total"),
    );
    expect(value(after, "factory_xero_calls_in_flight")).toBe(0);
    expect(value(after, "factory_xero_token_last_refresh_timestamp_seconds")).toBeGreaterThan(
      Date.now() / 1000 - 60,
    );

    // Counted in this process (the worker runs here), labelled as such.
    const processOnly = after.filter((s) => s.name.startsWith("factory_process_xero"));
    expect(
      processOnly.every((s) => s.labels.scope === "process" && /:\d+$/.test(s.labels.process ?? "")),
    ).toBe(true);
    expect(delta("factory_process_xero_calls_total", { status: "429" })).toBe(1);
    expect(delta("factory_process_xero_calls_total", { status: "401" })).toBe(1);
    expect(delta("factory_process_xero_calls_total", { status: "200" })).toBe(
      requests.filter((r) => r.status === 200).length,
    );
    expect(delta("factory_process_xero_rate_limited_total")).toBe(1);
    expect(delta("factory_process_xero_token_refreshes_total", { outcome: "refreshed" })).toBe(1);
    // The database's figures carry no process label.
    expect(after.filter((s) => s.name.startsWith("factory_sync_")).every((s) => !s.labels.process)).toBe(
      true,
    );
  }, 60_000);
});
