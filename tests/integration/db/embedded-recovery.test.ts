import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { freePort } from "../../support/test-database";

const dataDir = path.resolve(".test-data", `embedded-crash-${process.pid}-${Date.now()}`);

function holdServer(port: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/support/processes/hold-embedded-postgres.ts", dataDir, String(port)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.on("exit", (code) => reject(new Error(`helper exited with ${code}`)));
  });
  return { child, ready };
}

describe("embedded PostgreSQL after a crash", () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("starts again after its starter was killed with SIGKILL, keeping the data", async () => {
    const port = await freePort();
    const { child, ready } = holdServer(port);
    await ready;
    const orphanPid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));

    const server = await startEmbeddedPostgres({ dataDir, port, database: "crash" });
    try {
      expect(() => process.kill(orphanPid, 0)).toThrow();
      const sql = postgres(server.url, { max: 1, onnotice: () => {} });
      const rows = await sql<{ note: string }[]>`select note from marks`;
      await sql.end();
      expect(rows.map((row) => row.note)).toEqual(["written before the crash"]);
    } finally {
      await server.stop();
    }
  });

  it("ignores a lock file that names a process that is gone", async () => {
    const port = await freePort();
    writeFileSync(path.join(dataDir, "postmaster.pid"), "999999\n");
    const server = await startEmbeddedPostgres({ dataDir, port, database: "crash" });
    await server.stop();
  });
});
