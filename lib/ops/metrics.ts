import { createHash, timingSafeEqual } from "node:crypto";
import { hostname } from "node:os";
import { collectDefaultMetrics, Counter, Gauge, Registry } from "prom-client";
import { getDb, type Db } from "@/lib/db/client";
import { countSyncAttempts, countSyncStatesByType } from "@/lib/db/queries/ops-metrics";
import { queueStats } from "@/lib/db/queries/queue-stats";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { xeroConnectionStatus } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { xeroBudgetNow } from "@/lib/xero/rate-limit";

/**
 * Prometheus metrics for /api/metrics (prom-client). Two kinds:
 * - read from the database at scrape time (queues, sync states, send attempts, the Xero call ledger
 *   and budget, the connection): the same answer from any web process, whichever one the scrape
 *   reaches, and they cover the workers' work too;
 * - counted in this process (`factory_process_*`, labelled `scope="process"` and `process` =
 *   host:pid): Xero calls and 429s made here, token refreshes done here, Node's own figures. Sum
 *   them across processes; a worker process has no HTTP endpoint, so its counts are not scraped.
 */

interface ProcessMetrics {
  registry: Registry;
  xeroCalls: Counter<"status">;
  xeroRateLimited: Counter;
  tokenRefreshes: Counter<"outcome">;
}

function createProcessMetrics(): ProcessMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ scope: "process", process: `${hostname()}:${process.pid}` });
  collectDefaultMetrics({ register: registry, prefix: "factory_process_" });
  return {
    registry,
    xeroCalls: new Counter({
      name: "factory_process_xero_calls_total",
      help: "Xero API calls this process made, by HTTP status (none: no answer)",
      labelNames: ["status"],
      registers: [registry],
    }),
    xeroRateLimited: new Counter({
      name: "factory_process_xero_rate_limited_total",
      help: "Xero API calls this process made that Xero answered with 429",
      registers: [registry],
    }),
    tokenRefreshes: new Counter({
      name: "factory_process_xero_token_refreshes_total",
      help: "Xero token refreshes this process made, by outcome",
      labelNames: ["outcome"],
      registers: [registry],
    }),
  };
}

// On globalThis: the web front and Next's bundle each load this module, and must count in one place.
const globalForMetrics = globalThis as unknown as { factoryProcessMetrics?: ProcessMetrics };
export const processMetrics: ProcessMetrics = (globalForMetrics.factoryProcessMetrics ??=
  createProcessMetrics());

/** Counts one Xero call made by this process. */
export function countXeroCall(status: number | undefined): void {
  processMetrics.xeroCalls.inc({ status: status ? String(status) : "none" });
  if (status === 429) processMetrics.xeroRateLimited.inc();
}

/** Counts one token refresh made by this process. */
export function countTokenRefresh(outcome: "refreshed" | "refused" | "no_answer"): void {
  processMetrics.tokenRefreshes.inc({ outcome });
}

function sha256(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/**
 * Who may read the metrics: nobody when METRICS_TOKEN is unset (the endpoint does not exist), and
 * otherwise whoever sends it as a bearer token, compared in constant time (the digests have one
 * length, so neither the length nor the first differing byte shows in the timing).
 */
export function metricsAccess(authorization: string | null): "not_configured" | "refused" | "allowed" {
  const token = env.METRICS_TOKEN;
  if (!token) return "not_configured";
  const offered = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1]?.trim() ?? "";
  return timingSafeEqual(sha256(offered), sha256(token)) ? "allowed" : "refused";
}

/** Every metric, in Prometheus's text format. */
export async function renderMetrics(db: Db = getDb()): Promise<{ contentType: string; body: string }> {
  const registry = new Registry();
  const gauge = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Gauge<L>({ name, help, labelNames, registers: [registry] });
  const counter = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });

  const [queues, states, attempts, connection] = await Promise.all([
    queueStats(db),
    countSyncStatesByType(db),
    countSyncAttempts(db),
    getXeroConnection(db),
  ]);

  const queueJobs = gauge(
    "factory_queue_jobs",
    "Sync jobs by queue and state (waiting = due, not yet taken)",
    ["queue", "state"],
  );
  const queueOldest = gauge(
    "factory_queue_oldest_waiting_seconds",
    "How long the oldest due job has waited for a worker",
    ["queue"],
  );
  for (const q of queues) {
    queueJobs.set({ queue: q.queue, state: "waiting" }, q.waiting);
    queueJobs.set({ queue: q.queue, state: "deferred" }, q.deferred);
    queueJobs.set({ queue: q.queue, state: "active" }, q.active);
    queueOldest.set({ queue: q.queue }, q.oldestWaitingSeconds);
  }

  const documents = gauge("factory_sync_documents", "Documents by type and sync state", ["type", "state"]);
  for (const s of states) documents.set({ type: s.type, state: s.state }, s.count);

  const sendAttempts = counter("factory_sync_attempts_total", "Send attempts by outcome (the sync log)", [
    "outcome",
  ]);
  for (const a of attempts.byOutcome) sendAttempts.inc({ outcome: a.outcome }, a.count);
  counter("factory_sync_rate_limited_total", "Send attempts Xero answered with 429").inc(
    attempts.rateLimited,
  );

  const state = gauge("factory_xero_connection", "The Xero connection's state (1 = current)", ["state"]);
  for (const value of [...xeroConnectionStatus.enumValues, "not_connected"])
    state.set({ state: value }, (connection?.status ?? "not_connected") === value ? 1 : 0);

  if (connection) {
    const budget = await xeroBudgetNow(db, connection.tenantId);
    const calls = gauge(
      "factory_xero_calls",
      "Xero calls in the rate window, all processes (the call ledger)",
      ["window"],
    );
    calls.set({ window: "minute" }, budget.minuteUsed);
    calls.set({ window: "day" }, budget.dayUsed);
    gauge("factory_xero_calls_in_flight", "Xero calls in flight, all processes").set(budget.inFlight);
    const left = gauge("factory_xero_rate_budget_remaining", "Xero calls left in the rate window", [
      "window",
    ]);
    left.set({ window: "minute" }, budget.minuteLeft);
    left.set({ window: "day" }, budget.dayLeft);
    gauge("factory_xero_rate_paused_seconds", "Seconds left of a pause for Xero's Retry-After").set(
      budget.pausedSeconds,
    );
    if (connection.lastRefreshedAt)
      gauge(
        "factory_xero_token_last_refresh_timestamp_seconds",
        "When the Xero token was last refreshed",
      ).set(connection.lastRefreshedAt.getTime() / 1000);
    if (connection.refreshTokenIssuedAt)
      gauge(
        "factory_xero_refresh_token_age_seconds",
        "Age of the Xero refresh token (Xero expires it after 60 days unused)",
      ).set((Date.now() - connection.refreshTokenIssuedAt.getTime()) / 1000);
  }

  // Concatenated, not Registry.merge()d: a merged registry drops the process registry's labels.
  const body = `${await registry.metrics()}\n${await processMetrics.registry.metrics()}`;
  return { contentType: registry.contentType, body };
}
