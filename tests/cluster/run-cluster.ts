import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { simEnv } from "../integration/sync/support/sim-env";
import { freePort } from "../support/test-database";
import { callServerAction, serverActionId, signIn } from "./support/factory-http";
import { answering, printed, startProcess, stopProcess, type Running } from "./support/processes";

/**
 * Many processes, one database: two web processes (`npm start`) and two sync workers on one
 * PostgreSQL database and one simulator running Xero's real limits. Documents are created through
 * both web processes (their server actions, over HTTP, as the pages call them) while a random
 * worker is killed with SIGKILL every few seconds and started again, and Xero's early expiry of the
 * access token is pulled at intervals. Then the figures: every document in the simulator exactly
 * once, the most calls the simulator saw in flight and within one rolling minute, the 429s, and the
 * refreshes against the expiries (the simulator's traffic figures, GET /sim/traffic).
 *
 * Used by tests/cluster/cluster.test.ts (`npm test`, a size that fits) and tests/bench/cluster-bench.ts
 * (`npm run bench:cluster`, 1,000 documents).
 */

export interface ClusterOptions {
  documents: number;
  /**
   * Which worker entry to run: `npm run worker` exactly as deployed (a killed worker's jobs come
   * back after pg-boss's 120 s expiry and its 60 s maintenance pass; a call it had in flight holds
   * one of Xero's 5 slots for the ledger's 45 s lease), or the tests' worker entry, the same
   * `startSyncWorker` with 10 s calls, a 15 s lease, a 60 s job expiry and a 1 s maintenance pass,
   * so what killed workers held comes back sooner.
   */
  workers: "npm run worker" | "quick recovery";
  /**
   * Documents created per minute across both web processes; the workers are killed while they are
   * created. Faster than Xero's 60 calls a minute, so a queue builds and the limiter is at work.
   */
  createPerMinute?: number;
  /** How long the simulator takes to answer an accounting call (Xero's own answers take about this). */
  latencyMs?: number;
  /** A worker is killed this often, at random between the two bounds, once its replacement is ready. */
  killEveryMs?: [number, number];
  /** Xero expires the access token early this often while documents are still being sent. */
  expireTokenEveryMs?: number;
  /** Where the build the web processes serve lives (`NEXT_DIST_DIR`). */
  distDir?: string;
  log?: (line: string) => void;
}

export interface ClusterFigures {
  documents: number;
  byType: Record<string, number>;
  /** Documents the simulator holds exactly once. */
  inXeroOnce: number;
  missing: number;
  duplicates: number;
  /** Documents whose sync state is not "sent" with the id of the simulator's record. */
  stateMismatches: number;
  webProcesses: number;
  workers: number;
  kills: number;
  calls: number;
  peakInFlight: number;
  peakPerMinute: number;
  minuteWindowMs: number;
  rateLimited: number;
  /** The 429s by Xero's `X-Rate-Limit-Problem`. */
  rateLimitedBy: Record<string, number>;
  expiries: number;
  refreshes: number;
  refreshReplays: number;
  refreshRefusals: number;
  createSeconds: number;
  allSentSeconds: number;
  logDir: string;
}

type DocumentType = "quote" | "sales_order" | "purchase_order";

/** A worker process: `working` once it said it is ready, until it is killed. */
interface Worker {
  running: Running;
  ready: Promise<void>;
  working: boolean;
}

const TYPES: {
  type: DocumentType;
  action: [string, string];
  page: string;
  table: string;
  collection: "quotes" | "invoices" | "purchaseOrders";
  idField: string;
}[] = [
  {
    type: "quote",
    action: ["app/(dashboard)/quotes/actions.ts", "saveQuote"],
    page: "/quotes/new",
    table: "quotes",
    collection: "quotes",
    idField: "QuoteID",
  },
  {
    type: "sales_order",
    action: ["app/(dashboard)/sales-orders/actions.ts", "saveSalesOrder"],
    page: "/sales-orders/new",
    table: "sales_orders",
    collection: "invoices",
    idField: "InvoiceID",
  },
  {
    type: "purchase_order",
    action: ["app/(dashboard)/purchase-orders/actions.ts", "savePurchaseOrder"],
    page: "/purchase-orders/new",
    table: "purchase_orders",
    collection: "purchaseOrders",
    idField: "PurchaseOrderID",
  },
];

const AUTH_SECRET = "cluster-auth-secret-that-is-long-enough-0123456789";
const STAFF = { email: "cluster-staff@factory.test", password: "cluster-staff-password-1" };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = ([min, max]: [number, number]) => min + Math.random() * (max - min);

/** The simulator in a process of its own (tests/bench/sim-process.ts), with Xero's own limits. */
async function startSimulator(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.resolve("tests/bench/sim-process.ts"), "{}"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("exit", (code) => reject(new Error(`the simulator exited with ${code}`)));
  });
  return { url, child };
}

interface Traffic {
  tenants: {
    tenantId: string;
    calls: number;
    peakInFlight: number;
    peakPerWindow: number;
    windowMs: number;
    rateLimited: Record<string, number>;
  }[];
  tokens: { codeExchanges: number; refreshes: number; refreshReplays: number; refreshRefusals: number };
}

export async function runCluster(options: ClusterOptions): Promise<ClusterFigures> {
  const log = options.log ?? ((line: string) => console.log(`[cluster] ${line}`));
  const distDir = options.distDir ?? process.env.NEXT_DIST_DIR ?? ".next-test";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    throw new Error(
      `No production build in ${distDir}: run NEXT_DIST_DIR=${distDir} NEXT_SKIP_TYPECHECK=1 npx next build first (npm test does).`,
    );
  }
  const logDir = path.resolve(".test-data", `cluster-${Date.now()}-${process.pid}`);
  const sim = await startSimulator();
  // lib/ reads process.env once, when first imported: point it at this simulator before importing.
  Object.assign(process.env, simEnv(sim.url));
  delete process.env.XERO_CLIENT_ID;
  const { syncDb, simAdmin, simRecords } = await import("../integration/sync/support/sync-db");
  const { hashPassword } = await import("@/lib/auth/password");
  const { insertUser } = await import("@/lib/db/queries/users");
  const fixtures = await import("../integration/documents/fixtures");
  const { sql } = await import("drizzle-orm");

  const simulator = { url: sim.url, port: 0, organisations: [], close: async () => {} };
  const admin = <T>(method: string, route: string, body?: unknown) =>
    simAdmin(simulator, method, route, body) as Promise<T>;

  const ctx = await syncDb("cluster");
  const processes: Running[] = [];
  let stopChaos = false;
  try {
    await insertUser(ctx.db, {
      email: STAFF.email,
      name: "Cluster Staff",
      role: "staff",
      passwordHash: await hashPassword(STAFF.password),
    });
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...simEnv(sim.url),
      NODE_ENV: "production",
      DATABASE_URL: ctx.url,
      AUTH_SECRET,
      AUTH_TRUST_HOST: "true",
      XERO_CLIENT_ID: "demo-client",
      XERO_CLIENT_SECRET: "demo-secret",
      WORKER_IN_APP: "false",
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
    };

    // Two web processes, each `npm start` with its worker off (WORKER_IN_APP=false).
    const webs = await Promise.all(
      [1, 2].map(async (n) => {
        const port = await freePort();
        const running = startProcess(
          `web-${n}`,
          "scripts/start.ts",
          { ...childEnv, PORT: String(port) },
          logDir,
        );
        processes.push(running);
        const baseUrl = `http://localhost:${port}`;
        await answering(running, `${baseUrl}/sign-in`);
        return { running, baseUrl };
      }),
    );

    let workerCount = 0;
    const startWorker = (): Worker => {
      workerCount++;
      const running =
        options.workers === "npm run worker"
          ? startProcess(`worker-${workerCount}`, "scripts/worker.ts", childEnv, logDir)
          : startProcess(
              `worker-${workerCount}`,
              "tests/integration/sync/support/worker-process.ts",
              {
                ...childEnv,
                WORKER_OPTIONS: JSON.stringify({
                  timeoutMs: 10_000,
                  callBudget: { leaseMs: 15_000 },
                  retry: { expireInSeconds: 60, retryDelay: 1, retryLimit: 10, retryDelayMax: 5 },
                  maintenanceIntervalSeconds: 1,
                }),
              },
              logDir,
            );
      processes.push(running);
      const worker: Worker = {
        running,
        working: false,
        ready: printed(running, options.workers === "npm run worker" ? "Xero sync worker started" : "ready"),
      };
      void worker.ready.then(
        () => (worker.working = true),
        (error: unknown) => problems.push(`a worker did not start: ${String(error)}`),
      );
      return worker;
    };
    const problems: string[] = [];
    const workers = [startWorker(), startWorker()];
    await Promise.all(workers.map((w) => w.ready));
    log(`2 web processes and 2 workers (${options.workers}) on one database; simulator ${sim.url}`);

    const actionIds = Object.fromEntries(
      TYPES.map((t) => [t.type, serverActionId(distDir, t.action[0], t.action[1])]),
    ) as Record<DocumentType, string>;
    const signInId = serverActionId(distDir, "app/(auth)/sign-in/actions.ts", "signInWithPassword");
    const cookies = await Promise.all(webs.map((web) => signIn(web.baseUrl, signInId, STAFF)));

    // The figures count from here: the setup's own calls (connecting, the contacts) are not the run's.
    await admin("DELETE", "/sim/traffic");
    await admin("POST", "/sim/faults", { kind: "latency", latencyMs: options.latencyMs ?? 500 });
    const started = Date.now();

    /** Where things stand, for progress lines and failures. */
    const diagnose = async () => {
      const states = await ctx.db.execute<{ state: string; n: number }>(
        sql`select state, count(*)::int as n from document_sync_states group by state order by state`,
      );
      const jobs = await ctx.db.execute<{ name: string; state: string; n: number }>(
        sql`select name, state::text, count(*)::int as n from pgboss.job
            where name like 'xero-send%' group by name, state order by name, state`,
      );
      const [connection] = await ctx.db.execute<{ status: string; last_error: string | null }>(
        sql`select status, last_error from xero_connections`,
      );
      const [ledger] = await ctx.db.execute<{ open: number; live: number; minute: number }>(
        sql`select count(*) filter (where finished_at is null)::int as open,
                   count(*) filter (where finished_at is null and lease_until > clock_timestamp())::int as live,
                   count(*) filter (where started_at > clock_timestamp() - interval '61 seconds')::int as minute
            from xero_api_calls`,
      );
      const [budget] = await ctx.db.execute<{ paused_until: Date | null; pause_reason: string | null }>(
        sql`select paused_until, pause_reason from xero_rate_budgets`,
      );
      const traffic = await admin<Traffic>("GET", "/sim/traffic");
      return [
        `states ${states.map((r) => `${r.state} ${r.n}`).join(", ")}`,
        `jobs ${jobs.map((r) => `${r.name.replace("xero-send-", "")}/${r.state} ${r.n}`).join(", ")}`,
        `connection ${connection?.status ?? "none"}${connection?.last_error ? ` (${connection.last_error})` : ""}`,
        `ledger open ${ledger?.open ?? 0} (live ${ledger?.live ?? 0}), last minute ${ledger?.minute ?? 0}`,
        budget?.paused_until
          ? `paused until ${budget.paused_until.toISOString()} (${budget.pause_reason})`
          : "",
        `at Xero: ${traffic.tenants[0]?.calls ?? 0} calls, tokens ${JSON.stringify(traffic.tokens)}, ${expiries} expiries`,
      ]
        .filter(Boolean)
        .join("; ");
    };

    const countSent = async () => {
      const [row] = await ctx.db.execute<{ n: number }>(
        sql`select count(*)::int as n from document_sync_states where state = 'sent'`,
      );
      return row?.n ?? 0;
    };

    // Chaos: every few seconds kill -9 a random working worker (one that finished starting); its
    // replacement starts at once, and while it starts the other one may be killed too. It goes on
    // while the documents are created. What a killed worker held comes back only when its leases
    // run out (its calls' slots, its documents, its jobs), so killing faster than that starves
    // sending; once the kills stop, the backlog drains at Xero's pace.
    let kills = 0;
    let creating = true;
    const chaos = (async () => {
      while (!stopChaos && creating) {
        await pause(between(options.killEveryMs ?? [2000, 6000]));
        if (stopChaos || !creating) break;
        if (!workers.some((w) => w.working)) await Promise.race(workers.map((w) => w.ready));
        const working = workers.filter((w) => w.working);
        const victim = working[Math.floor(Math.random() * working.length)];
        if (!victim) continue;
        victim.running.child.kill("SIGKILL");
        kills++;
        workers[workers.indexOf(victim)] = startWorker();
      }
    })().catch((error: unknown) => {
      problems.push(`the kill loop failed: ${String(error)}`);
    });

    // Xero expires the access token early; the next call gets a 401 and one process refreshes. The
    // next expiry waits for that refresh (calls may pause for a minute while the jobs of killed
    // workers run out), so each expiry is counted on its own; none comes once nine in ten documents
    // are in Xero, so calls always follow the last one.
    let expiries = 0;
    const expiry = (async () => {
      const every = options.expireTokenEveryMs ?? 20_000;
      while (!stopChaos) {
        await pause(every);
        if (stopChaos || (await countSent()) >= options.documents * 0.9) break;
        await admin("POST", "/sim/tokens/expire", {});
        expiries++;
        while (!stopChaos && (await admin<Traffic>("GET", "/sim/traffic")).tokens.refreshes < expiries) {
          await pause(250);
        }
      }
    })().catch((error: unknown) => {
      problems.push(`expiring the token failed: ${String(error)}`);
    });

    // Documents through both web processes, paced, a third of each type.
    const createPerMinute = options.createPerMinute ?? 120;
    const created: { type: DocumentType; id: string }[] = [];
    const creators = 4;
    let next = 0;
    const createOne = async (n: number) => {
      const kind = TYPES[n % TYPES.length]!;
      const web = n % webs.length;
      const line = fixtures.line({ quantity: String(1 + (n % 7)), unitPrice: "25", taxRateId: ctx.gstId });
      const form =
        kind.type === "quote"
          ? fixtures.quoteForm(ctx.customerId, { lines: [line] })
          : kind.type === "sales_order"
            ? fixtures.salesOrderForm(ctx.customerId, { lines: [line] })
            : fixtures.purchaseOrderForm(ctx.supplierId, { lines: [line] });
      // The form's idempotency key makes a retried submit safe: the same document, never a second.
      for (let attempt = 1; ; attempt++) {
        try {
          const answer = await callServerAction<{ id: string }>(webs[web]!.baseUrl, {
            pagePath: kind.page,
            actionId: actionIds[kind.type],
            args: [form],
            cookie: cookies[web],
          });
          if (answer.result?.ok) return { type: kind.type, id: answer.result.data.id };
          throw new Error(`HTTP ${answer.status}: ${JSON.stringify(answer.result)}`);
        } catch (error) {
          if (attempt >= 3) throw new Error(`creating ${kind.type} #${n} failed: ${String(error)}`);
        }
      }
    };
    await Promise.all(
      Array.from({ length: creators }, async () => {
        for (let n = next++; n < options.documents; n = next++) {
          const due = started + (n * 60_000) / createPerMinute;
          if (due > Date.now()) await pause(due - Date.now());
          created.push(await createOne(n));
        }
      }),
    );
    creating = false;
    const createSeconds = (Date.now() - started) / 1000;
    log(`${created.length} documents created through 2 web processes in ${createSeconds.toFixed(0)} s`);

    // Every document sent: the whole run may take N minutes / 60 calls a minute, plus killed workers' leftovers.
    const deadline = Date.now() + ((options.documents / 40) * 60 + 300) * 1000;
    let lastReport = Date.now();
    for (;;) {
      const sent = await countSent();
      if (sent >= options.documents) break;
      if (Date.now() > deadline || problems.length > 0) {
        throw new Error(
          `${sent} of ${options.documents} sent; ${problems.join("; ")}; ${await diagnose()} (logs: ${logDir})`,
        );
      }
      if (Date.now() - lastReport > 30_000) {
        log(
          `${sent} of ${options.documents} sent after ${Math.round((Date.now() - started) / 1000)} s, ${kills} kills; ${await diagnose()}`,
        );
        lastReport = Date.now();
      }
      await pause(1000);
    }
    const allSentSeconds = (Date.now() - started) / 1000;
    stopChaos = true;
    await Promise.all([chaos, expiry]);
    if (problems.length > 0) throw new Error(problems.join("; "));

    // What Xero holds, per document: exactly one record whose Reference is its number.
    const figures = await tally();
    const traffic = await admin<Traffic>("GET", "/sim/traffic");
    const tenant = traffic.tenants.find((t) => t.tenantId === ctx.tenantId.toLowerCase());
    return {
      ...figures,
      documents: created.length,
      webProcesses: webs.length,
      workers: workers.length,
      kills,
      calls: tenant?.calls ?? 0,
      peakInFlight: tenant?.peakInFlight ?? 0,
      peakPerMinute: tenant?.peakPerWindow ?? 0,
      minuteWindowMs: tenant?.windowMs ?? 0,
      rateLimited: Object.values(tenant?.rateLimited ?? {}).reduce((sum, n) => sum + n, 0),
      rateLimitedBy: tenant?.rateLimited ?? {},
      expiries,
      refreshes: traffic.tokens.refreshes,
      refreshReplays: traffic.tokens.refreshReplays,
      refreshRefusals: traffic.tokens.refreshRefusals,
      createSeconds,
      allSentSeconds,
      logDir,
    };

    async function tally() {
      const byType: Record<string, number> = {};
      let inXeroOnce = 0;
      let missing = 0;
      let duplicates = 0;
      let stateMismatches = 0;
      for (const kind of TYPES) {
        const ids = created.filter((c) => c.type === kind.type).map((c) => c.id);
        byType[kind.type] = ids.length;
        const rows = await ctx.db.execute<{
          id: string;
          number: string;
          state: string;
          xero_id: string | null;
        }>(
          sql`select d.id, d.number, s.state, s.xero_id
              from ${sql.identifier(kind.table)} d
              join document_sync_states s on s.record_type = ${kind.type} and s.record_id = d.id`,
        );
        const records = await simRecords(simulator, ctx.tenantId, kind.collection);
        const byReference = new Map<string, Record<string, unknown>[]>();
        for (const record of records) {
          const reference = typeof record.Reference === "string" ? record.Reference : "";
          byReference.set(reference, [...(byReference.get(reference) ?? []), record]);
        }
        for (const row of rows.filter((r) => ids.includes(r.id))) {
          const held = byReference.get(row.number) ?? [];
          if (held.length === 0) missing++;
          else if (held.length === 1) inXeroOnce++;
          duplicates += Math.max(0, held.length - 1);
          if (row.state !== "sent" || held.length !== 1 || held[0]?.[kind.idField] !== row.xero_id) {
            stateMismatches++;
          }
        }
        missing += ids.length - rows.filter((r) => ids.includes(r.id)).length;
      }
      return { byType, inXeroOnce, missing, duplicates, stateMismatches };
    }
  } finally {
    stopChaos = true;
    await Promise.all(processes.map((p) => stopProcess(p, p.name.startsWith("web") ? "SIGTERM" : "SIGKILL")));
    sim.child.kill("SIGTERM");
    await ctx.close();
  }
}

/** The figures as the test and the benchmark print them. */
export function describeFigures(f: ClusterFigures): string {
  return [
    `documents ${f.documents} (${Object.entries(f.byType)
      .map(([type, n]) => `${n} ${type.replace("_", " ")}s`)
      .join(", ")}) through ${f.webProcesses} web processes, ${f.workers} workers, ${f.kills} kill -9s`,
    `in Xero exactly once ${f.inXeroOnce}, missing ${f.missing}, duplicates ${f.duplicates}, sync states not matching ${f.stateMismatches}`,
    `calls ${f.calls}, peak in flight ${f.peakInFlight} (≤ 5), peak per minute ${f.peakPerMinute} (≤ 60, rolling ${f.minuteWindowMs / 1000} s), 429s ${f.rateLimited}${f.rateLimited ? ` ${JSON.stringify(f.rateLimitedBy)}` : ""}`,
    `token expiries ${f.expiries}, refreshes ${f.refreshes} (replays ${f.refreshReplays}, refused ${f.refreshRefusals})`,
    `created in ${f.createSeconds.toFixed(0)} s, all in Xero after ${f.allSentSeconds.toFixed(0)} s; logs ${f.logDir}`,
  ].join("\n");
}
