import { createHash } from "node:crypto";
import type { SimContext } from "../context.ts";
import { json, type SimRequest, type SimResponse } from "../http/types.ts";

/** Xero: "Idempotency-Key … 128 character max" (spec parameter `idempotencyKey`). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 128;

/** Keys are kept a day; Xero documents no lifetime, and a retry comes within minutes. */
const KEY_LIFETIME_MS = 24 * 3600_000;

function pruneOldKeys(sim: SimContext): void {
  if (sim.state.idempotency.size < 10_000) return;
  const cutoff = Date.now() - KEY_LIFETIME_MS;
  for (const [key, stored] of sim.state.idempotency)
    if (stored.storedAt < cutoff) sim.state.idempotency.delete(key);
}

/**
 * Runs a write once per (organisation, Idempotency-Key). The same key with the same method,
 * path, query and body replays the stored answer; with anything different it is a 409, since
 * Xero documents no behaviour for that and silently doing either would hide an app bug.
 * Answers of 5xx are not stored, so a retry after a server fault really retries.
 */
export function withIdempotency(
  sim: SimContext,
  req: SimRequest,
  tenantId: string,
  key: string | undefined,
  run: () => SimResponse,
): SimResponse {
  if (!key) return run();
  req.meta.idempotencyKey = key;
  const fingerprint = createHash("sha256")
    .update(`${req.method} ${req.url.pathname.toLowerCase()}?${req.url.search}\n${req.rawBody}`)
    .digest("hex");
  const storeKey = `${tenantId}:${key}`;
  const stored = sim.state.idempotency.get(storeKey);
  if (stored) {
    if (stored.fingerprint !== fingerprint) {
      return json(409, {
        Title: "Conflict",
        Status: 409,
        Detail: `Idempotency-Key "${key}" was already used for a different request. Use a new key for a different request body.`,
      });
    }
    req.meta.idempotentReplay = true;
    return json(stored.status, stored.body, { "idempotent-replayed": "true" });
  }
  const response = run();
  pruneOldKeys(sim);
  if (response.status < 500) {
    sim.state.idempotency.set(storeKey, {
      fingerprint,
      status: response.status,
      body: response.json,
      storedAt: Date.now(),
    });
  }
  return response;
}
