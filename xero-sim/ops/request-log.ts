/** One line of the request log that tests and the admin page read. */
export interface LogEntry {
  id: number;
  at: string;
  method: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
  tenantId?: string;
  /** Why the OpenAPI validator rejected the request. */
  validationError?: string;
  rateLimitProblem?: string;
  /** When the rate limiter counted the call against the organisation's windows (admitted calls only). */
  countedAt?: string;
  fault?: string;
  idempotencyKey?: string;
  idempotentReplay?: boolean;
  requestBody?: unknown;
}

const CAPACITY = 5000;
/** Bodies above this size are not kept, so a 10,000-contact import does not bloat the log. */
const MAX_LOGGED_BODY = 64 * 1024;

export class RequestLog {
  #entries: LogEntry[] = [];
  #nextId = 1;

  add(entry: Omit<LogEntry, "id" | "requestBody">, rawBody: string): LogEntry {
    const logged: LogEntry = { id: this.#nextId++, ...entry };
    if (rawBody && rawBody.length <= MAX_LOGGED_BODY && entry.method !== "GET") {
      try {
        logged.requestBody = JSON.parse(rawBody) as unknown;
      } catch {
        logged.requestBody = rawBody;
      }
    }
    this.#entries.push(logged);
    if (this.#entries.length > CAPACITY) this.#entries.splice(0, this.#entries.length - CAPACITY);
    return logged;
  }

  /** Newest last; `sinceId` returns only entries after that id (so a test can mark a point). */
  list(options: { limit?: number; sinceId?: number } = {}): LogEntry[] {
    const after = this.#entries.filter((e) => e.id > (options.sinceId ?? 0));
    return options.limit ? after.slice(-options.limit) : after;
  }

  lastId(): number {
    return this.#nextId - 1;
  }

  clear(): void {
    this.#entries = [];
  }
}
