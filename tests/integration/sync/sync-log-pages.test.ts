import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import {
  formatSyncLogCursor,
  listSyncLogPage,
  parseSyncLogCursor,
  type SyncLogCursor,
  type SyncLogPage,
} from "@/lib/db/queries/sync-log-pages";
import type { SyncLogFilter } from "@/lib/db/queries/sync-states";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";

let database: TestDatabase;
let db: Db;
let closeDb: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase("sync_log_pages");
  ({ db, close: closeDb } = createDb(database.url, { max: 2 }));
  // 200 attempts at 100 instants a few microseconds apart, two logged in the same microsecond each
  // time; every other one failed.
  await db.execute(sql`
    insert into sync_log (record_type, record_id, record_number, operation, outcome, duration_ms, attempt, at)
    select 'quote', gen_random_uuid(), 'Q-' || i, 'create',
      (case when i % 2 = 0 then 'failed' else 'success' end)::sync_outcome, 100, 1,
      timestamptz '2026-11-20 10:00:00Z' + make_interval(secs => (i / 2) * 0.000003)
    from generate_series(1, 200) i`);
}, 60_000);

afterAll(async () => {
  await closeDb();
  await database.drop();
});

/** Every entry, newest first, as the log orders it. */
async function everyId(filter: SyncLogFilter = {}): Promise<string[]> {
  const outcome = filter.outcome ? sql`where outcome = ${filter.outcome}` : sql``;
  const rows = await db.execute<{ id: string }>(
    sql`select id from sync_log ${outcome} order by at desc, id desc`,
  );
  return rows.map((row) => row.id);
}

async function walkOlder(filter: SyncLogFilter = {}): Promise<SyncLogPage[]> {
  const pages: SyncLogPage[] = [];
  let before: SyncLogCursor | undefined;
  do {
    const page = await listSyncLogPage(db, filter, { pageSize: 50, before });
    pages.push(page);
    before = page.older;
  } while (before && pages.length < 10);
  return pages;
}

const ids = (page: SyncLogPage) => page.rows.map((row) => row.id);

describe("the sync log in pages", () => {
  it("shows 200 attempts as four pages of 50, each exactly once, newest first, despite equal times", async () => {
    const pages = await walkOlder();
    expect(pages.map((page) => page.rows.length)).toEqual([50, 50, 50, 50]);
    expect(pages.flatMap(ids)).toEqual(await everyId());
    expect(pages[0]?.newer).toBeUndefined();
    expect(pages.slice(1).every((page) => page.newer)).toBe(true);
    expect(pages[3]?.older).toBeUndefined();
  });

  it("walks back from the last page to the first through the same pages", async () => {
    const forward = await walkOlder();
    const backward: SyncLogPage[] = [forward[3]!];
    for (let after = forward[3]?.newer; after; after = backward.at(-1)?.newer) {
      backward.push(await listSyncLogPage(db, {}, { pageSize: 50, after }));
    }
    expect(backward.map(ids).reverse()).toEqual(forward.map(ids));
    expect(backward.at(-1)?.newer).toBeUndefined();
  });

  it("keeps a filter across pages", async () => {
    const pages = await walkOlder({ outcome: "failed" });
    expect(pages.map((page) => page.rows.length)).toEqual([50, 50]);
    expect(pages.flatMap(ids)).toEqual(await everyId({ outcome: "failed" }));
    expect(pages.flatMap((page) => page.rows).every((row) => row.outcome === "failed")).toBe(true);
  });

  it("reads its cursor back from a link, and takes a damaged one for the first page", async () => {
    const [first] = await walkOlder();
    const cursor = first!.older!;
    expect(cursor.at).toMatch(/\.\d{6}Z$/);
    expect(parseSyncLogCursor(formatSyncLogCursor(cursor))).toEqual(cursor);
    for (const junk of [
      "",
      "2026-11-20",
      `${cursor.at}_nope`,
      `x${formatSyncLogCursor(cursor)}`,
      "'; drop table",
    ])
      expect(parseSyncLogCursor(junk)).toBeUndefined();
  });
});
