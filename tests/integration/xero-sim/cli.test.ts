import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `npm run xero:sim` runs xero-sim/main.ts under plain Node (type stripping, no bundler), so this
 * starts it exactly that way: it also proves every module is erasable TypeScript.
 */
let child: ChildProcessByStdio<null, Readable, Readable>;
let url = "";

beforeAll(async () => {
  child = spawn(process.execPath, ["xero-sim/main.ts"], {
    env: {
      ...process.env,
      XERO_SIM_PORT: "0",
      XERO_SIM_REDIRECT_URIS: "http://localhost:3999/cb, http://127.0.0.1:3000/api/xero/callback",
      XERO_SIM_MINUTE_WINDOW_MS: "1000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /simulator on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
});

afterAll(async () => {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
});

describe("npm run xero:sim", () => {
  it("serves discovery with the origin as issuer", async () => {
    const doc = (await (await fetch(`${url}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(doc.issuer).toBe(url);
    expect(url).toMatch(/^http:\/\/localhost:\d+$/);
  });

  it("accepts the default callback and each XERO_SIM_REDIRECT_URIS entry, and nothing else", async () => {
    const authorize = (redirectUri: string) =>
      fetch(
        `${url}/identity/connect/authorize?${new URLSearchParams({
          client_id: "demo-client",
          redirect_uri: redirectUri,
          response_type: "code",
          scope: "openid offline_access accounting.contacts",
          state: "s",
        }).toString()}`,
        { redirect: "manual" },
      );
    expect((await authorize("http://localhost:3000/api/xero/callback")).status).toBe(200);
    expect((await authorize("http://localhost:3999/cb")).status).toBe(200);
    expect((await authorize("http://127.0.0.1:3000/api/xero/callback")).status).toBe(200);
    expect((await authorize("http://localhost:4000/cb")).status).toBe(400);
  });

  it("reports the compressed window from the environment", async () => {
    const state = (await (await fetch(`${url}/sim/state`)).json()) as { limits: { minuteWindowMs: number } };
    expect(state.limits.minuteWindowMs).toBe(1000);
  });

  it("serves the admin page", async () => {
    const html = await (await fetch(`${url}/admin`)).text();
    expect(html).toContain("Demo Fabrication NZ");
    expect(html).toContain("Expire access tokens now");
    expect(html).toContain("429 storm");
  });
});
