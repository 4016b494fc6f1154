import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import {
  admitXeroCall,
  finishXeroCall,
  forgetXeroCall,
  getLearnedDayLimit,
  learnDayLimit,
  onXeroCallFinished,
  pauseXeroCalls,
} from "@/lib/db/queries/xero-rate-budget";
import { XeroError } from "@/lib/xero/api/errors";
import { currentXeroCallBudget, limitXeroCall, setXeroCallBudget } from "@/lib/xero/rate-limit";
import { createTestDatabase } from "../../support/test-database";

/**
 * The shared rate limiter (lib/xero/rate-limit.ts) on a database of its own, with Xero's windows
 * compressed; each test uses an organisation of its own. `other` is a second pool standing for
 * another process.
 */
const database = await createTestDatabase("rate_limit");
const { db, close } = createDb(database.url, { max: 10 });
const { db: other, close: closeOther } = createDb(database.url, { max: 4 });

afterAll(async () => {
  setXeroCallBudget({});
  await close();
  await closeOther();
  await database.drop();
});

const WINDOW_MS = 1000;
beforeEach(() => setXeroCallBudget({ perMinute: 2, minuteMs: WINDOW_MS, concurrent: 2, leaseMs: 5000 }));

/** The organisation's calls on the ledger, as epoch milliseconds of the database's clock. */
async function ledger(tenantId: string) {
  const rows = await db.execute<{ started: number; finished: number | null }>(sql`
    select extract(epoch from started_at) * 1000 as started, extract(epoch from finished_at) * 1000 as finished
    from xero_api_calls where tenant_id = ${tenantId} order by id`);
  return rows.map((r) => ({
    started: Number(r.started),
    finished: r.finished === null ? null : Number(r.finished),
  }));
}

describe("a call's place in the windows", () => {
  it("counts from when its answer arrived, not from when the caller got round to returning", async () => {
    const tenant = randomUUID();
    await limitXeroCall(db, tenant, async (slot) => {
      await sleep(50);
      slot.noteAnswered();
      // What follows the answer (the SDK reading a batch's body, say) is not Xero's time.
      await sleep(400);
    });
    const [call] = await ledger(tenant);
    const answeredAfter = (call?.finished ?? Infinity) - (call?.started ?? 0);
    expect(answeredAfter).toBeGreaterThanOrEqual(50);
    expect(answeredAfter).toBeLessThan(400);
  });

  it("lets a call go once the window and the margin have passed since an earlier call's answer, never before", async () => {
    const tenant = randomUUID();
    const { marginMs } = currentXeroCallBudget();
    for (let i = 0; i < 4; i++) await limitXeroCall(db, tenant, async () => {});
    const calls = await ledger(tenant);
    for (let i = 2; i < calls.length; i++) {
      const earlier = calls[i - 2]?.finished ?? Infinity;
      const waited = (calls[i]?.started ?? 0) - (earlier + WINDOW_MS + marginMs);
      expect(waited).toBeGreaterThanOrEqual(0);
      // Woken at that moment, not polled for: a quarter of the window is plenty on a busy machine.
      expect(waited).toBeLessThan(WINDOW_MS / 4);
    }
  });

  it("stops counting a call whose process died once its lease has run out and a window has passed", async () => {
    const tenant = randomUUID();
    const budget = { ...currentXeroCallBudget(), perMinute: 1 };
    await db.execute(sql`
      insert into xero_api_calls (tenant_id, started_at, lease_until)
      values (${tenant}, clock_timestamp() - interval '10 seconds', clock_timestamp() - interval '4 seconds')`);
    // Never finished: without the lease it would hold the minute's only slot all day.
    expect(await admitXeroCall(db, tenant, budget)).toMatchObject({ admitted: true });
  });

  it("forgets a call that never reached Xero: it leaves the windows at once", async () => {
    const tenant = randomUUID();
    await expect(
      limitXeroCall(db, tenant, () =>
        Promise.reject(
          new XeroError({
            kind: "transient",
            message: "Xero unreachable (ECONNREFUSED)",
            unreachable: true,
          }),
        ),
      ),
    ).rejects.toThrow("Xero unreachable");
    expect(await ledger(tenant)).toEqual([]);
  });
});

describe("waiting for a slot", () => {
  it("hands a slot in flight to a caller in another process once it is freed, not before", async () => {
    setXeroCallBudget({ perMinute: 100, minuteMs: WINDOW_MS, concurrent: 2, leaseMs: 5000 });
    const tenant = randomUUID();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = [1, 2].map(() => limitXeroCall(other, tenant, () => gate));
    await expect.poll(async () => (await ledger(tenant)).length).toBe(2);
    const third = limitXeroCall(db, tenant, async () => {});
    setTimeout(release, 200);
    await Promise.all([...held, third]);
    const [first, second, waited] = await ledger(tenant);
    const freed = Math.min(first?.finished ?? Infinity, second?.finished ?? Infinity);
    expect(waited?.started).toBeGreaterThanOrEqual(freed);
    expect((waited?.started ?? Infinity) - freed).toBeLessThan(150);
  });

  it("tells every process listening when any process finishes or forgets a call", async () => {
    const tenant = randomUUID();
    const heard: string[] = [];
    const stop = await onXeroCallFinished(db, (tenantId) => heard.push(tenantId));
    try {
      const budget = currentXeroCallBudget();
      const first = await admitXeroCall(other, tenant, budget);
      const second = await admitXeroCall(other, tenant, budget);
      if (!first.admitted || !second.admitted) throw new Error("not admitted");
      await finishXeroCall(other, first.callId, 5);
      await forgetXeroCall(other, second.callId);
      await expect.poll(() => heard).toEqual([tenant, tenant]);
    } finally {
      await stop();
    }
  });

  it("holds every caller for a pause Xero's daily limit caused, naming that limit", async () => {
    const tenant = randomUUID();
    await pauseXeroCalls(db, tenant, 30, "day");
    // A later, shorter pause (a minute 429) does not change what everyone is waiting for.
    await pauseXeroCalls(db, tenant, 1, "minute");
    const refused = limitXeroCall(db, tenant, async () => {}, { maxWaitMs: 1000 });
    await expect(refused).rejects.toMatchObject({
      kind: "rate_limit",
      rateLimitProblem: "day",
      message: "Waiting for Xero's daily call limit",
    });
    const error: unknown = await refused.catch((reason: unknown) => reason);
    expect(error instanceof XeroError && error.retryAfterSeconds).toBeGreaterThan(25);
  });

  it("gives the work back for the daily limit at once, however soon the day opens, without calling Xero", async () => {
    const tenant = randomUUID();
    await pauseXeroCalls(db, tenant, 2, "day");
    let called = false;
    await expect(
      limitXeroCall(db, tenant, () => {
        called = true;
        return Promise.resolve();
      }),
    ).rejects.toMatchObject({ rateLimitProblem: "day", retryAfterSeconds: 2 });
    expect(called).toBe(false);
  });
});

describe("the learned daily limit", () => {
  it("is unknown until Xero said how many calls are left, then follows X-DayLimit-Remaining", async () => {
    const tenant = randomUUID();
    const budget = currentXeroCallBudget();
    expect(await getLearnedDayLimit(db, tenant, budget)).toBeNull();
    await limitXeroCall(db, tenant, (slot) => Promise.resolve(slot.noteDayRemaining(999)));
    // One call made, 999 left: a 1,000-a-day organisation (Xero's Starter tier).
    expect(await getLearnedDayLimit(db, tenant, budget)).toBe(1000);
  });

  it("is never more than Xero's documented 5,000, and forgotten once a day old", async () => {
    const tenant = randomUUID();
    const budget = { ...currentXeroCallBudget(), dayMs: 2000 };
    const admission = await admitXeroCall(db, tenant, budget);
    if (!admission.admitted) throw new Error("not admitted");
    await finishXeroCall(db, admission.callId);
    await learnDayLimit(db, tenant, admission.callId, 9000, budget);
    expect(await getLearnedDayLimit(db, tenant, budget)).toBe(5000);
    await db.execute(
      sql`update xero_rate_budgets set day_limit_at = clock_timestamp() - interval '3 seconds' where tenant_id = ${tenant}`,
    );
    expect(await getLearnedDayLimit(db, tenant, budget)).toBeNull();
  });
});
