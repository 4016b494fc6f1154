/**
 * How many requests a second the Xero simulator sustains, so it is never the bottleneck of the
 * app's own benchmarks. Starts `xero-sim/main.ts` in its own process with rate limits off,
 * connects like an app (consent → code → token), then drives two workloads for a few seconds:
 *   GET /Contacts?page=N (100 contacts a page) and PUT /Invoices with batches of 50.
 * Run: `npm run bench:sim` (options: --seconds=5 --concurrency=16).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const arg = (name: string, fallback: number) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split("=")[1]) : fallback;
};
const SECONDS = arg("seconds", 5);
const CONCURRENCY = arg("concurrency", 16);
const BATCH = 50;
const REDIRECT = "http://localhost:3000/api/xero/callback";

async function startSimulator(): Promise<{ url: string; stop: () => void }> {
  const main = fileURLToPath(new URL("../../xero-sim/main.ts", import.meta.url));
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, XERO_SIM_PORT: "0", XERO_SIM_LIMITS: "off", XERO_SIM_STATE_FILE: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /simulator on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

async function connect(url: string): Promise<{ token: string; tenantId: string }> {
  const authorize = new URL(`${url}/identity/connect/authorize`);
  authorize.search = new URLSearchParams({
    client_id: "demo-client",
    redirect_uri: REDIRECT,
    response_type: "code",
    scope: "offline_access accounting.contacts accounting.invoices accounting.settings",
    state: "bench",
  }).toString();
  const html = await (await fetch(authorize)).text();
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1] ?? "";
  const tenantId = /name="tenant" value="([^"]+)"/.exec(html)?.[1] ?? "";
  const consent = await fetch(`${url}/identity/connect/consent`, {
    method: "POST",
    body: new URLSearchParams({ request_id: requestId, tenant: tenantId, decision: "allow" }),
    redirect: "manual",
  });
  const code = new URL(consent.headers.get("location") ?? "").searchParams.get("code") ?? "";
  const token = await fetch(`${url}/connect/token`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from("demo-client:demo-secret").toString("base64")}` },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT }),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  return { token: access_token, tenantId };
}

async function measure(label: string, request: (i: number) => Promise<Response>, itemsPerRequest = 1) {
  const deadline = performance.now() + SECONDS * 1000;
  let done = 0;
  let failed = 0;
  const latencies: number[] = [];
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const response = await request(done + failed);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.ok) done++;
      else failed++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => (latencies[Math.floor(q * (latencies.length - 1))] ?? 0).toFixed(1);
  const rps = done / elapsed;
  console.log(
    `${label.padEnd(34)} ${rps.toFixed(0).padStart(6)} req/s` +
      (itemsPerRequest > 1 ? ` (${(rps * itemsPerRequest).toFixed(0)} invoices/s)` : "") +
      `  p50 ${p(0.5)} ms  p99 ${p(0.99)} ms  failed ${failed}`,
  );
}

const sim = await startSimulator();
try {
  const { token, tenantId } = await connect(sim.url);
  const headers = {
    authorization: `Bearer ${token}`,
    "xero-tenant-id": tenantId,
    accept: "application/json",
  };
  const contacts = (await (await fetch(`${sim.url}/api.xro/2.0/Contacts?page=1`, { headers })).json()) as {
    Contacts: { ContactID: string }[];
  };
  const contactIds = contacts.Contacts.map((c) => c.ContactID);
  console.log(
    `xero-sim at ${sim.url}: ${SECONDS} s per workload, ${CONCURRENCY} concurrent clients, limits off`,
  );
  await measure("GET /Contacts?page=N (100/page)", (i) =>
    fetch(`${sim.url}/api.xro/2.0/Contacts?page=${(i % 2) + 1}`, { headers }),
  );
  await measure(
    `PUT /Invoices (batch of ${BATCH})`,
    (i) =>
      fetch(`${sim.url}/api.xro/2.0/Invoices?summarizeErrors=false`, {
        method: "PUT",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({
          Invoices: Array.from({ length: BATCH }, (_, j) => ({
            Type: "ACCREC",
            Status: "DRAFT",
            Contact: { ContactID: contactIds[(i + j) % contactIds.length] },
            Date: "2026-11-25",
            LineAmountTypes: "Exclusive",
            Reference: `bench-${i}-${j}`,
            LineItems: [
              {
                Description: "Laser cutting",
                Quantity: 12,
                UnitAmount: 4.5,
                AccountCode: "200",
                TaxType: "OUTPUT2",
              },
              { ItemCode: "LAB-WELD", Quantity: 2 },
            ],
          })),
        }),
      }),
    BATCH,
  );
} finally {
  sim.stop();
}
