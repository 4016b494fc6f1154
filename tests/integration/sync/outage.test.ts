import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startXeroSim, type RunningXeroSim } from "@/xero-sim/server";
import { simEnv } from "./support/sim-env";

/**
 * Outages longer than any retry limit: the simulator stopped (calls refused at the socket), Xero
 * answering 503 for longer than the old policy's eight retries, and a 429 storm. The worker's
 * delays are compressed (0.2 s doubling to 1 s) and pg-boss's own retry limit is 2, so a policy
 * that counted retries would have given up many times over.
 */
const stateDir = mkdtempSync(path.join(tmpdir(), "factory-outage-"));
const stateFile = path.join(stateDir, "sim.json");
let sim: RunningXeroSim = await startXeroSim({ port: 0, quiet: true, stateFile });
Object.assign(process.env, simEnv(sim.url));
delete process.env.XERO_CLIENT_ID;

const { syncDb, simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { startSyncWorker } = await import("@/lib/sync/worker");
const { getSyncState, listSyncLog } = await import("@/lib/db/queries/sync-states");
const { sendDocumentsNow } = await import("@/lib/sync/enqueue");
const { createQuote } = await import("@/lib/factory/quotes");
const { xeroApiCalls } = await import("@/lib/db/schema");
const { count } = await import("drizzle-orm");
const fixtures = await import("../documents/fixtures");

type Ctx = Awaited<ReturnType<typeof syncDb>>;
type SyncState = NonNullable<Awaited<ReturnType<typeof getSyncState>>>;
let ctx: Ctx;
let stop: () => Promise<void>;

/** More attempts than the old policy allowed (8 retries) before it marked a document failed. */
const PAST_OLD_POLICY = 10;

beforeAll(async () => {
  ctx = await syncDb("sync_outage");
  stop = await startSyncWorker({
    databaseUrl: ctx.url,
    appUrl: "http://factory.test",
    timeoutMs: 1500,
    retry: { retryDelay: 0.2, retryDelayMax: 1, retryLimit: 2 },
  });
}, 60_000);

afterAll(async () => {
  await stop();
  await ctx.close();
  await sim.close();
  rmSync(stateDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await simAdmin(sim, "DELETE", "/sim/faults");
});

const newQuote = () =>
  createQuote(
    ctx.db,
    fixtures.quoteForm(ctx.customerId, {
      lines: [fixtures.line({ quantity: "2", unitPrice: "10", taxRateId: ctx.gstId })],
    }),
    ctx.userId,
  );

const ledgerSize = async () => (await ctx.db.select({ n: count() }).from(xeroApiCalls))[0]?.n ?? 0;

/** Waits until every quote is waiting for Xero after at least `attempts` attempts. */
async function allWaiting(ids: string[], attempts: number): Promise<SyncState[]> {
  const states: SyncState[] = [];
  for (const id of ids) {
    states.push(
      await waitFor(
        `quote ${id} waiting for Xero after ${attempts} attempts`,
        async () => {
          const state = await getSyncState(ctx.db, "quote", id);
          return state?.state === "waiting_for_xero" && state.attempts >= attempts ? state : undefined;
        },
        60_000,
      ),
    );
  }
  return states;
}

async function allSent(ids: string[]): Promise<void> {
  for (const id of ids) {
    await waitFor(
      `quote ${id} sent`,
      async () => (await getSyncState(ctx.db, "quote", id))?.state === "sent",
      60_000,
    );
  }
}

/** Each quote is in the simulator exactly once, and its sync log never said failed nor counted back. */
async function expectEachOnceInXero(quotes: { id: string; number: string }[]): Promise<void> {
  const inXero = await simRecords(sim, ctx.tenantId, "quotes");
  for (const quote of quotes) {
    expect(inXero.filter((q) => q.Reference === quote.number)).toHaveLength(1);
    const log = (await listSyncLog(ctx.db, { recordId: quote.id })).reverse();
    expect(log.map((entry) => entry.outcome)).not.toContain("failed");
    expect(log.at(-1)?.outcome).toBe("success");
    const attempts = log.map((entry) => entry.attempt);
    expect(attempts).toEqual([...attempts].sort((a, b) => a - b));
  }
}

describe("an outage longer than any retry limit", () => {
  it("keeps documents waiting while Xero is unreachable, spends no rate budget, and sends each once when it is back", async () => {
    const port = sim.port;
    await sim.close();
    const ledgerBefore = await ledgerSize();
    const quotes = await Promise.all([1, 2, 3, 4, 5, 6].map(() => newQuote()));
    const ids = quotes.map((q) => q.id);

    const waiting = await allWaiting(ids, PAST_OLD_POLICY);
    for (const state of waiting) {
      expect(state.lastError).toMatch(/^Xero unreachable \(.*ECONNREFUSED/);
      expect(state.nextAttemptAt).not.toBeNull();
    }
    // Dozens of attempts, none of which reached Xero: none stays on the shared ledger. (An attempt
    // is on it from its admission until its connection is refused, a few milliseconds; a leak would
    // stay for the day.)
    await waitFor("no attempt left on the ledger", async () => (await ledgerSize()) === ledgerBefore);
    const log = await listSyncLog(ctx.db, { recordId: ids[0] });
    expect(log.length).toBeGreaterThanOrEqual(PAST_OLD_POLICY);
    for (const entry of log) {
      expect(entry).toMatchObject({ outcome: "retrying", httpStatus: null });
      expect(entry.message).toMatch(/^Xero unreachable/);
    }

    sim = await startXeroSim({ port, quiet: true, stateFile });
    await allSent(ids);
    await expectEachOnceInXero(quotes);
    // The ledger holds exactly the calls the simulator answered since it came back.
    const { requests } = (await simAdmin(sim, "GET", "/sim/requests?limit=1000")) as {
      requests: { path: string }[];
    };
    const answered = requests.filter((r) => r.path.startsWith("/api.xro/2.0")).length;
    expect(await ledgerSize()).toBe(ledgerBefore + answered);
  });

  it("keeps documents waiting through 503s past the old retry limit, with Xero's message, then sends each once", async () => {
    await simAdmin(sim, "POST", "/sim/faults", {
      kind: "error",
      status: 503,
      pathPrefix: "/api.xro/2.0/Quotes",
    });
    const quotes = await Promise.all([1, 2, 3].map(() => newQuote()));
    const ids = quotes.map((q) => q.id);
    for (const state of await allWaiting(ids, PAST_OLD_POLICY)) {
      expect(state.lastError).toBe("Simulated fault");
    }
    await simAdmin(sim, "DELETE", "/sim/faults");
    await allSent(ids);
    await expectEachOnceInXero(quotes);
  });

  it("Retry now sends a waiting document at once, and its attempt count goes on from where it was", async () => {
    await simAdmin(sim, "POST", "/sim/faults", {
      kind: "error",
      status: 500,
      pathPrefix: "/api.xro/2.0/Quotes",
    });
    const quote = await newQuote();
    const [before] = await allWaiting([quote.id], 3);
    await simAdmin(sim, "DELETE", "/sim/faults");
    await ctx.db.transaction((tx) => sendDocumentsNow(tx, "quote", [quote.id]));
    await allSent([quote.id]);
    await expectEachOnceInXero([quote]);
    const [success] = await listSyncLog(ctx.db, { recordId: quote.id });
    expect(success?.attempt).toBeGreaterThan(before?.attempts ?? 0);
  });
});

describe("a 429 storm", () => {
  it("waits out Retry-After without spending attempts, and sends once", async () => {
    await simAdmin(sim, "POST", "/sim/faults", {
      kind: "rate-limit",
      retryAfterSeconds: 1,
      times: 5,
      pathPrefix: "/api.xro/2.0/Quotes",
    });
    const quote = await newQuote();
    await allSent([quote.id]);
    await expectEachOnceInXero([quote]);
    const log = (await listSyncLog(ctx.db, { recordId: quote.id })).reverse();
    const waits = log.filter((entry) => entry.outcome === "waiting");
    expect(waits).toHaveLength(5);
    for (const entry of waits) {
      expect(entry).toMatchObject({ httpStatus: 429, attempt: 1 });
      expect(entry.message).toMatch(/^Waiting for Xero's minute limit/);
    }
    // Five 429s, and the send that went through is still the first attempt.
    expect(log.at(-1)).toMatchObject({ outcome: "success", attempt: 1 });
  });
});
