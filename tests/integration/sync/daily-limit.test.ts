import { describe, expect, it } from "vitest";
import { syncSuite } from "./support/suite";

/**
 * Xero's daily limit (docs/xero/api-behaviour.md#rate-limits): a 429 with `X-Rate-Limit-Problem: day`
 * and a Retry-After until the day's window has room again. The simulator's day is compressed to
 * DAY_MS and the worker's budget with it, as the benchmark compresses the minute; the day then
 * opens by itself, DAY_MS after the calls that filled it, exactly when Xero's Retry-After said.
 * The limit is the organisation's own, lowered through the simulator's admin API to the calls it
 * has already made today (an organisation on a smaller tier than Factory last saw), so Factory
 * meets it as a 429 from Xero, not from its own ledger.
 */
const DAY_MS = 8000;
const { sim, ctx } = await syncSuite("sync_daily_limit", {
  limits: { dayWindowMs: DAY_MS },
  worker: { timeoutMs: 5000, callBudget: { dayMs: DAY_MS } },
});

const { simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { getSyncState, listSyncLog } = await import("@/lib/db/queries/sync-states");
const { syncView } = await import("@/lib/sync/view");
const { createQuote } = await import("@/lib/factory/quotes");
const fixtures = await import("../documents/fixtures");

interface Usage {
  day: number;
  perDay: number;
}

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  rateLimitProblem?: string;
  requestBody?: { Quotes?: { Reference?: string }[] };
}

describe("Xero's daily limit", () => {
  it("holds documents sent past it without spending their attempts, and sends each once when the day opens", async () => {
    const usage = (await simAdmin(sim, "GET", `/sim/orgs/${ctx.tenantId}/limits`)) as Usage;
    expect(usage.day).toBeGreaterThan(0);
    await simAdmin(sim, "POST", `/sim/orgs/${ctx.tenantId}/limits`, { perDay: usage.day });
    await simAdmin(sim, "DELETE", "/sim/requests");

    const quotes = await Promise.all(
      [1, 2, 3].map(() =>
        createQuote(
          ctx.db,
          fixtures.quoteForm(ctx.customerId, {
            lines: [fixtures.line({ quantity: "2", unitPrice: "10", taxRateId: ctx.gstId })],
          }),
          ctx.userId,
        ),
      ),
    );

    // Held: queued with the daily limit as the reason and its next attempt shown, no attempt spent.
    for (const quote of quotes) {
      const held = await waitFor(`${quote.number} held by the daily limit`, async () => {
        const state = await getSyncState(ctx.db, "quote", quote.id);
        return state?.state === "queued" &&
          state.nextAttemptAt &&
          /daily call limit/.test(state.lastError ?? "")
          ? state
          : undefined;
      });
      expect(held.attempts).toBe(0);
      expect(held.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now());
      const view = syncView("quote", quote.id, held, null);
      expect(view).toMatchObject({ waiting: "rate_limit", sendLabel: "Retry now" });
      expect(view.message).toMatch(/^Waiting for Xero's daily call limit/);
    }
    const { requests: refused } = (await simAdmin(sim, "GET", "/sim/requests")) as {
      requests: LoggedRequest[];
    };
    expect(refused.filter((r) => r.status === 429).map((r) => r.rateLimitProblem)).toContain("day");
    expect(refused.filter((r) => r.status === 200)).toEqual([]);

    for (const quote of quotes) {
      await waitFor(
        `${quote.number} sent once the day opened`,
        async () => (await getSyncState(ctx.db, "quote", quote.id))?.state === "sent",
        DAY_MS + 20_000,
      );
    }

    // Exactly once in Xero, and never failed nor counted as a retry on the way.
    const inXero = await simRecords(sim, ctx.tenantId, "quotes");
    const { requests } = (await simAdmin(sim, "GET", "/sim/requests")) as { requests: LoggedRequest[] };
    for (const quote of quotes) {
      expect(inXero.filter((q) => q.Reference === quote.number)).toHaveLength(1);
      const accepted = requests.filter(
        (r) =>
          r.method === "PUT" &&
          r.status === 200 &&
          r.requestBody?.Quotes?.some((q) => q.Reference === quote.number),
      );
      expect(accepted).toHaveLength(1);
      const log = (await listSyncLog(ctx.db, { recordId: quote.id })).reverse();
      expect(log.map((entry) => entry.outcome)).not.toContain("failed");
      expect(log.at(-1)).toMatchObject({ outcome: "success", attempt: 1 });
      for (const wait of log.slice(0, -1)) {
        expect(wait).toMatchObject({ outcome: "waiting", attempt: 1 });
        expect(wait.message).toMatch(/^Waiting for Xero's daily call limit/);
      }
    }
  });
});
