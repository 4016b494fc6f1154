import { newId } from "../state/ids.ts";

/**
 * Faults injected on demand (admin page or `POST /sim/faults`):
 * - `latency`: wait `latencyMs` before handling;
 * - `error`: answer `status` 500 or 503;
 * - `hang`: never answer, so the client's own timeout fires;
 * - `rate-limit`: a 429 storm with `Retry-After: retryAfterSeconds`.
 */
export type FaultKind = "latency" | "error" | "hang" | "rate-limit";

export interface FaultSpec {
  kind: FaultKind;
  status?: 500 | 503;
  latencyMs?: number;
  retryAfterSeconds?: number;
  /** Only requests whose path starts with this; default the accounting API. */
  pathPrefix?: string;
  method?: string;
  tenantId?: string;
  /** How many requests it affects; unset = until cleared. */
  times?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  hits: number;
}

export const FAULT_KINDS: readonly FaultKind[] = ["latency", "error", "hang", "rate-limit"];
const DEFAULT_FAULT_PREFIX = "/api.xro/2.0";

export class FaultBoard {
  #faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: newId(), hits: 0 };
    this.#faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return [...this.#faults];
  }

  remove(id: string): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((f) => f.id !== id);
    return this.#faults.length < before;
  }

  clear(): void {
    this.#faults = [];
  }

  /** The faults that hit this request; each hit uses up one of its `times`. */
  take(method: string, path: string, tenantId: string | undefined): Fault[] {
    if (this.#faults.length === 0) return [];
    const hits = this.#faults.filter(
      (f) =>
        path.startsWith(f.pathPrefix ?? DEFAULT_FAULT_PREFIX) &&
        (!f.method || f.method.toUpperCase() === method) &&
        (!f.tenantId || f.tenantId === tenantId),
    );
    for (const f of hits) f.hits++;
    this.#faults = this.#faults.filter((f) => f.times === undefined || f.hits < f.times);
    return hits;
  }
}
