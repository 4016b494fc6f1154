import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { E2E_AUTH_DIR, e2eAppEnv } from "../support/config";
import { expect, serverState, test } from "../support/fixtures";

/** The admin's signed-in cookies, as a Cookie header. */
function adminCookie(): string {
  const stored = JSON.parse(readFileSync(path.join(E2E_AUTH_DIR, "admin.json"), "utf8")) as {
    cookies: { name: string; value: string }[];
  };
  return stored.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/**
 * A second `npm start` (scripts/start.ts: migrations, the in-app sync worker, and the web process
 * scripts/web-server.ts as its child) on a free port, against the e2e database; its output, the web
 * child's included, is collected so the test can wait for what it says.
 */
function startWebProcess() {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/start.ts")], {
    env: { ...e2eAppEnv(serverState()), PORT: "0", SHUTDOWN_TIMEOUT_SECONDS: "60" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

test("SIGTERM to npm start: the web process refuses new connections, finishes the request in flight, and all exits 0", async ({
  sql,
}) => {
  const web = startWebProcess();
  try {
    await expect.poll(web.output, { timeout: 60_000 }).toMatch(/listening on port \d+/);
    const port = /listening on port (\d+)/.exec(web.output())?.[1];
    const origin = `http://localhost:${port}`;
    expect((await fetch(`${origin}/api/health`)).status).toBe(200);

    // The customers list will wait on this lock: a request deterministically in flight.
    const locker = await sql.reserve();
    await locker`begin`;
    await locker`lock table customers in access exclusive mode`;
    let inFlight: Promise<{ status: number; requestId: string | null; body: string }> | undefined;
    try {
      inFlight = fetch(`${origin}/customers`, {
        headers: { cookie: adminCookie(), "x-request-id": "e2e-shutdown-1" },
      }).then(async (response) => ({
        status: response.status,
        requestId: response.headers.get("x-request-id"),
        body: await response.text(),
      }));
      await expect
        .poll(
          async () =>
            (
              await sql<{ n: number }[]>`
                select count(*)::int as n from pg_stat_activity
                where wait_event_type = 'Lock' and pid <> pg_backend_pid() and query ilike '%customers%'`
            )[0]?.n ?? 0,
        )
        .toBeGreaterThan(0);

      web.child.kill("SIGTERM");
      await expect.poll(web.output).toContain("no longer accepting connections; finishing 1 request(s)");
      // Stopped listening: a load balancer's next connection is refused and goes elsewhere.
      await expect(fetch(`${origin}/api/health`)).rejects.toThrow();
      expect(web.child.exitCode).toBeNull();
    } finally {
      await locker`commit`;
      locker.release();
    }

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("Customers");
    expect(answer.body).toContain("</html>");
    expect(answer.requestId).toBe("e2e-shutdown-1");
    expect(await web.exited).toBe(0);
    // The request's log line carries its id, and the user Next's handler signed in (one request
    // context across the front and Next's own copy of the logger).
    const requestLine = web
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === "request" && line.path === "/customers");
    expect(requestLine).toMatchObject({ requestId: "e2e-shutdown-1", status: 200, method: "GET" });
    expect(requestLine?.userId).toEqual(expect.any(String));
    expect(web.output()).toContain("Web server stopped.");
    expect(web.output()).toContain("Stopped with no document left mid-send.");
  } finally {
    if (web.child.exitCode === null) web.child.kill("SIGKILL");
  }
});
