import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { runMigrations } from "@/lib/db/migrate";

/** An empty database on the test server, as a fresh deployment's. */
const serverUrl = inject("databaseUrl");
const name = `factory_migrate_race_${Date.now()}_${process.pid}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;

afterAll(async () => {
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
});

describe("migrations at start-up", () => {
  it("may run from several processes at once on a fresh database: one applies them, the others wait", async () => {
    // npm start and npm run worker each migrate on start; a deployment starts several at once.
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => runMigrations(url.toString())));
    expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const [applied] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
    await sql.end();
    const journal = (await import("../../../drizzle/meta/_journal.json")).default as { entries: unknown[] };
    expect(applied?.n).toBe(journal.entries.length);
  });
});
