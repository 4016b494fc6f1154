import { getDb, type Executor } from "@/lib/db/client";
import { pingDatabase } from "@/lib/db/health";
import { queueStats } from "@/lib/db/queries/queue-stats";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { env } from "@/lib/env";

/** A check gives up after this long: a probe must answer quickly, whatever the database does. */
const CHECK_TIMEOUT_MS = 2_000;

export type XeroConnectionState = "connected" | "needs_reconnect" | "disconnected" | "not_connected";

/**
 * What `/api/health/ready` (and `/api/health`) answer. Public, so it says only what a load
 * balancer or an uptime check needs: no error text, no hosts, no organisation, no counts.
 */
export interface Readiness {
  status: "ok" | "unavailable";
  database: { ok: boolean; latencyMs?: number };
  /** The oldest sync job due and not yet taken by a worker. */
  queue: { ok: boolean; oldestWaitingSeconds?: number; maxLagSeconds: number };
  /**
   * Reported, never failing readiness: Factory works while Xero is away or disconnected (sends wait
   * and go later), so a restart or a load balancer taking the app out of service would not help.
   */
  xero: { state: XeroConnectionState | "unknown" };
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Ready to serve: the database answers, and no sync job has waited longer than
 * READY_MAX_QUEUE_LAG_SECONDS for a worker (0: not checked). The Xero connection is reported only.
 */
export async function checkReadiness(db: Executor = getDb()): Promise<Readiness> {
  const maxLagSeconds = env.READY_MAX_QUEUE_LAG_SECONDS;
  const started = performance.now();
  try {
    await withTimeout(pingDatabase(db));
  } catch {
    return {
      status: "unavailable",
      database: { ok: false },
      queue: { ok: false, maxLagSeconds },
      xero: { state: "unknown" },
    };
  }
  const database = { ok: true, latencyMs: Math.round(performance.now() - started) };
  const [queue, xero] = await Promise.all([
    withTimeout(queueStats(db)).then(
      (stats) => {
        const oldestWaitingSeconds = Math.round(Math.max(0, ...stats.map((s) => s.oldestWaitingSeconds)));
        return {
          ok: maxLagSeconds === 0 || oldestWaitingSeconds <= maxLagSeconds,
          oldestWaitingSeconds,
          maxLagSeconds,
        };
      },
      () => ({ ok: false, maxLagSeconds }),
    ),
    withTimeout(getXeroConnection(db)).then(
      (connection) => ({ state: connection?.status ?? ("not_connected" as const) }),
      () => ({ state: "unknown" as const }),
    ),
  ]);
  return { status: database.ok && queue.ok ? "ok" : "unavailable", database, queue, xero };
}
