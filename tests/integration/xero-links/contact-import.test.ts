import "./simulator-env";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRowCounts, listImportRows, setImportRowsAction } from "@/lib/db/queries/contact-imports";
import { createParty } from "@/lib/factory/parties";
import {
  beginImport,
  cancelContactImport,
  continueStalledImport,
  fetchNextImportPage,
  importNextBatch,
  startContactImport,
  type ImportProgress,
} from "@/lib/linking/contact-import";
import { partyInput } from "../records/record-fixtures";
import { admin, connectedDb, sim, type ConnectedDb } from "./connected-db";

let ctx: ConnectedDb;

beforeAll(async () => {
  ctx = await connectedDb("import");
  await admin(sim, "POST", `/sim/orgs/${ctx.tenantId}/contacts/seed`, {
    count: 10_000,
    prefix: "Bulk Contact",
  });
}, 120_000);
afterAll(async () => {
  await ctx.close();
});

async function requestsSoFar(): Promise<number> {
  return (await admin<{ lastId: number }>(sim, "GET", "/sim/requests?limit=1")).lastId;
}

/** Drives a run the way the wizard does: fetch every page, then import every batch. */
async function runImport(
  sides: "customers" | "suppliers" | "both",
  beforeImport?: (importId: string) => Promise<void>,
) {
  const run = await startContactImport(ctx.db, { sides, includeArchived: false, userId: ctx.userId });
  let progress: ImportProgress;
  do progress = await fetchNextImportPage(ctx.db, run.id);
  while (progress.run.status === "fetching");
  await beforeImport?.(run.id);
  await beginImport(ctx.db, run.id);
  do progress = await importNextBatch(ctx.db, run.id, ctx.userId);
  while (progress.run.status === "importing");
  return { run: progress.run, counts: await importRowCounts(ctx.db, run.id) };
}

/** Staff skip one contact in bulk by search; they would skip it again on a second run. */
function skipContact7(importId: string) {
  return setImportRowsAction(
    ctx.db,
    importId,
    { filter: { search: "Bulk Contact 00007", action: "all", outcome: "all" } },
    { action: "skip" },
  );
}

async function customerTotals() {
  const [row] = await ctx.db.execute<{ total: number; linked: number; distinct_links: number }>(sql`
    select count(*)::int as total, count(xero_contact_id)::int as linked,
      count(distinct xero_contact_id)::int as distinct_links from customers`);
  return row;
}

describe("importing 10,000 contacts", () => {
  it("refuses a second import while one is open, and allows one after cancelling", async () => {
    const first = await startContactImport(ctx.db, {
      sides: "both",
      includeArchived: false,
      userId: ctx.userId,
    });
    const attempts = await Promise.allSettled([
      startContactImport(ctx.db, { sides: "customers", includeArchived: false, userId: ctx.userId }),
      startContactImport(ctx.db, { sides: "suppliers", includeArchived: true, userId: ctx.userId }),
    ]);
    for (const attempt of attempts) {
      expect(attempt.status).toBe("rejected");
      if (attempt.status === "rejected")
        expect(String(attempt.reason)).toMatch(/Another contact import is in progress/);
    }
    await cancelContactImport(ctx.db, first.id);
  });

  it("is carried on by the worker when the browser went away", async () => {
    const run = await startContactImport(ctx.db, {
      sides: "customers",
      includeArchived: false,
      userId: null,
    });
    await fetchNextImportPage(ctx.db, run.id);
    expect(await continueStalledImport(ctx.db)).toBeNull();
    await ctx.db.execute(sql`update xero_contact_imports set updated_at = now() - interval '1 minute'`);
    expect(await continueStalledImport(ctx.db)).toBe("reviewing");
    await cancelContactImport(ctx.db, run.id);
  });

  it("resumes fetching from the page it had not stored when Xero drops out", async () => {
    const run = await startContactImport(ctx.db, {
      sides: "customers",
      includeArchived: false,
      userId: null,
    });
    await fetchNextImportPage(ctx.db, run.id);
    await admin(sim, "POST", "/sim/faults", { kind: "error", status: 503, times: 1 });
    await expect(fetchNextImportPage(ctx.db, run.id)).rejects.toThrow();
    const resumed = await fetchNextImportPage(ctx.db, run.id);
    expect(resumed.run).toMatchObject({ nextPage: 3, lastError: null });
    expect(resumed.done).toBe(2000);
    await cancelContactImport(ctx.db, run.id);
  });

  it("imports with the fewest calls and no duplicates, matching existing customers", async () => {
    const existing = await createParty(
      ctx.db,
      "customer",
      partyInput({ name: "bulk contact 00042 LIMITED" }),
      ctx.userId,
    );
    const before = await customerTotals();
    const requestsBefore = await requestsSoFar();

    const { run, counts } = await runImport("customers", async (importId) => {
      expect(await skipContact7(importId)).toBe(1);
      const page = await listImportRows(ctx.db, importId, {
        search: "00042",
        action: "all",
        outcome: "all",
        page: 1,
        pageSize: 50,
      });
      expect(page.rows[0]).toMatchObject({
        action: "link",
        targetId: existing.party.id,
        reason: "same name",
      });
    });

    // 10,000 seeded contacts plus the demo organisation's active ones: 11 pages of 1,000.
    expect(run.apiCalls).toBe(Math.ceil((run.contactCount ?? 0) / 1000));
    expect((await requestsSoFar()) - requestsBefore).toBe(run.apiCalls);
    expect(counts.outcomes.failed).toBe(0);
    expect(counts.outcomes.linked).toBe(1);
    const after = await customerTotals();
    expect(after?.linked).toBe(after?.distinct_links);
    expect((after?.total ?? 0) - (before?.total ?? 0)).toBe(counts.outcomes.created);
    expect(counts.outcomes.created).toBeGreaterThanOrEqual(9_998);
  }, 120_000);

  it("changes nothing when run again", async () => {
    const before = await customerTotals();
    const { counts } = await runImport("customers", async (importId) => {
      await skipContact7(importId);
    });
    expect(counts.outcomes.created).toBe(0);
    expect(counts.outcomes.linked).toBe(0);
    expect(counts.outcomes.failed).toBe(0);
    expect(counts.actions.already_linked).toBe(before?.linked);
    expect(await customerTotals()).toEqual(before);
  }, 120_000);
});
