/**
 * What clients asked of the simulator, as figures: per organisation the accounting calls that
 * arrived, the most that were open at once and the most that arrived within one rolling minute
 * window, and the 429s the limiter gave; and what the token endpoint did. The rate limiter only
 * sees the calls it admits, so a client that overran Xero's limits would look well behaved there;
 * these figures count every call that arrived, admitted or not, which is what a test of a client's
 * limiter needs. Kept as running peaks, so they stay exact however long the request log grows.
 */
export interface TenantTraffic {
  tenantId: string;
  /** Accounting calls that named this organisation, answered or still open. */
  calls: number;
  /** The most calls open at once (from arrival until the answer went or the client hung up). */
  peakInFlight: number;
  /** The most calls that arrived within any rolling window of `windowMs`. */
  peakPerWindow: number;
  windowMs: number;
  /** 429s the limiter gave, by `X-Rate-Limit-Problem` (a "rate-limit" fault is not counted here). */
  rateLimited: Record<string, number>;
}

export interface TokenTraffic {
  /** Authorization codes exchanged for a token set. */
  codeExchanges: number;
  /** Refreshes that minted a new token set. */
  refreshes: number;
  /** Retries of an already used refresh token inside the grace period (the same set answered again). */
  refreshReplays: number;
  /** Refreshes refused with `invalid_grant`. */
  refreshRefusals: number;
}

interface TenantCounters {
  calls: number;
  inFlight: number;
  peakInFlight: number;
  /** Arrival times inside the current window, oldest first. */
  arrivals: number[];
  peakPerWindow: number;
  rateLimited: Record<string, number>;
}

export class TrafficStats {
  #tenants = new Map<string, TenantCounters>();
  #tokens: TokenTraffic = { codeExchanges: 0, refreshes: 0, refreshReplays: 0, refreshRefusals: 0 };
  readonly windowMs: number;

  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  #tenant(tenantId: string): TenantCounters {
    let counters = this.#tenants.get(tenantId);
    if (!counters) {
      counters = { calls: 0, inFlight: 0, peakInFlight: 0, arrivals: [], peakPerWindow: 0, rateLimited: {} };
      this.#tenants.set(tenantId, counters);
    }
    return counters;
  }

  /** A call naming `tenantId` arrived; call the returned function once it is over (idempotent). */
  arrive(tenantId: string, now = Date.now()): () => void {
    const t = this.#tenant(tenantId);
    t.calls++;
    t.inFlight++;
    t.peakInFlight = Math.max(t.peakInFlight, t.inFlight);
    // Rolling, like Xero's windows: a call leaves the window `windowMs` after it arrived.
    let oldest = 0;
    while (oldest < t.arrivals.length && (t.arrivals[oldest] ?? 0) <= now - this.windowMs) oldest++;
    if (oldest > 0) t.arrivals.splice(0, oldest);
    t.arrivals.push(now);
    t.peakPerWindow = Math.max(t.peakPerWindow, t.arrivals.length);
    let over = false;
    return () => {
      if (!over) t.inFlight--;
      over = true;
    };
  }

  rateLimited(tenantId: string, problem: string): void {
    const t = this.#tenant(tenantId);
    t.rateLimited[problem] = (t.rateLimited[problem] ?? 0) + 1;
  }

  token(event: keyof TokenTraffic): void {
    this.#tokens[event]++;
  }

  snapshot(): { tenants: TenantTraffic[]; tokens: TokenTraffic } {
    return {
      tenants: [...this.#tenants].map(([tenantId, t]) => ({
        tenantId,
        calls: t.calls,
        peakInFlight: t.peakInFlight,
        peakPerWindow: t.peakPerWindow,
        windowMs: this.windowMs,
        rateLimited: { ...t.rateLimited },
      })),
      tokens: { ...this.#tokens },
    };
  }

  /** Forgets the figures; calls open right now keep counting down to zero. */
  reset(): void {
    for (const t of this.#tenants.values()) {
      t.calls = 0;
      t.peakInFlight = t.inFlight;
      t.arrivals = [];
      t.peakPerWindow = 0;
      t.rateLimited = {};
    }
    this.#tokens = { codeExchanges: 0, refreshes: 0, refreshReplays: 0, refreshRefusals: 0 };
  }
}
