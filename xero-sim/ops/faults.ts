import { newId } from "../state/ids.ts";

/**
 * Faults injected on demand (admin page or `POST /sim/faults`):
 * - `latency`: wait `latencyMs` before handling;
 * - `error`: answer `status` 500 or 503;
 * - `hang`: never answer, so the client's own timeout fires;
 * - `rate-limit`: a 429 storm with `Retry-After: retryAfterSeconds`;
 * - `hold`: keep the request waiting until the fault is removed, then handle it as usual: a test's
 *   gate for putting one client's call between another's (it stays listed, with its hits, until
 *   removed, so a test can see that a request is held before letting it go).
 */
export type FaultKind = "latency" | "error" | "hang" | "rate-limit" | "hold";

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

export const FAULT_KINDS: readonly FaultKind[] = ["latency", "error", "hang", "rate-limit", "hold"];
const DEFAULT_FAULT_PREFIX = "/api.xro/2.0";

export class FaultBoard {
  #faults: Fault[] = [];
  /** Held requests wait on these, by fault id, until the fault is removed. */
  #gates = new Map<string, { released: Promise<void>; release: () => void }>();

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: newId(), hits: 0 };
    this.#faults.push(fault);
    if (fault.kind === "hold") {
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      this.#gates.set(fault.id, { released, release });
    }
    return fault;
  }

  list(): Fault[] {
    return [...this.#faults];
  }

  remove(id: string): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((f) => f.id !== id);
    this.#open(id);
    return this.#faults.length < before;
  }

  clear(): void {
    this.#faults = [];
    for (const id of [...this.#gates.keys()]) this.#open(id);
  }

  /** Resolves when the hold fault `id` is removed (at once if it is gone). */
  released(id: string): Promise<void> {
    return this.#gates.get(id)?.released ?? Promise.resolve();
  }

  #open(id: string): void {
    this.#gates.get(id)?.release();
    this.#gates.delete(id);
  }

  /** The faults that hit this request; each hit uses up one of its `times`. */
  take(method: string, path: string, tenantId: string | undefined): Fault[] {
    if (this.#faults.length === 0) return [];
    const hits = this.#faults.filter(
      (f) =>
        (f.times === undefined || f.hits < f.times) &&
        path.startsWith(f.pathPrefix ?? DEFAULT_FAULT_PREFIX) &&
        (!f.method || f.method.toUpperCase() === method) &&
        (!f.tenantId || f.tenantId === tenantId),
    );
    for (const f of hits) f.hits++;
    // A used-up hold stays listed, with its hits, until removed: removing it lets its requests go.
    this.#faults = this.#faults.filter((f) => f.times === undefined || f.hits < f.times || f.kind === "hold");
    return hits;
  }
}
