import { DomainError } from "@/lib/errors";

/**
 * What went wrong talking to Xero, in the terms the rest of Factory acts on:
 * - `auth`: the connection can't be used (revoked, disconnected in Xero, refresh token dead, missing
 *   scope). Sending is held until an admin reconnects; retrying alone won't help.
 * - `validation`: Xero refused the data (400); `validationErrors` holds Xero's own messages.
 * - `locked`: the document can no longer be edited in Xero (paid, voided, deleted).
 * - `rate_limit`: 429 (or 503 with Retry-After); wait `retryAfterSeconds`.
 * - `not_found`: 404, e.g. a stored Xero id that no longer exists.
 * - `transient`: network failure, timeout, 5xx: retry with backoff. `unreachable` marks the
 *   failures that happened before the request could reach Xero (refused, DNS, no route): Xero
 *   never saw them, so they spend none of its rate budget.
 */
export type XeroErrorKind = "auth" | "validation" | "rate_limit" | "not_found" | "transient" | "locked";

export class XeroError extends DomainError {
  readonly kind: XeroErrorKind;
  /** True when the same request may succeed later without anyone changing anything. */
  readonly retryable: boolean;
  /** HTTP status from Xero; 0 when no response arrived. */
  readonly status: number;
  /** Each `ValidationErrors[].Message` of a 400, in order. */
  readonly validationErrors: string[];
  readonly retryAfterSeconds?: number;
  /** `X-Rate-Limit-Problem` on a 429: "minute", "day", "concurrent" or "appminute". */
  readonly rateLimitProblem?: string;
  /** True when the request never reached Xero (no connection was made), so Xero did not count it. */
  readonly unreachable: boolean;

  constructor(init: {
    kind: XeroErrorKind;
    message: string;
    status?: number;
    retryable?: boolean;
    validationErrors?: string[];
    retryAfterSeconds?: number;
    rateLimitProblem?: string;
    unreachable?: boolean;
  }) {
    super(init.message);
    this.name = "XeroError";
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.retryable = init.retryable ?? (init.kind === "transient" || init.kind === "rate_limit");
    this.validationErrors = init.validationErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.rateLimitProblem = init.rateLimitProblem;
    this.unreachable = init.unreachable ?? false;
  }
}

export const NOT_CONNECTED_MESSAGE =
  "Factory is not connected to Xero. An admin can connect it on the Xero page.";
export const NEEDS_RECONNECT_MESSAGE =
  "The Xero connection has stopped working. An admin needs to reconnect it on the Xero page.";

type Headers = Record<string, string | string[] | undefined>;

interface ParsedRejection {
  statusCode: number;
  body: unknown;
  headers: Headers;
}

/**
 * xero-node rejects with `JSON.stringify({response:{statusCode, body, headers}, body})`, not an Error
 * (docs/xero/api-behaviour.md#xero-node-quirks; xero-node #500, #741); non-2xx responses that axios let through arrive as
 * `{response: AxiosResponse, body}`.
 */
function parseRejection(reason: unknown): ParsedRejection | undefined {
  let value: unknown = reason;
  if (typeof reason === "string") {
    try {
      value = JSON.parse(reason);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== "object" || value === null || !("response" in value)) return undefined;
  const response = value.response;
  if (typeof response !== "object" || response === null) return undefined;
  const r = response as {
    statusCode?: unknown;
    status?: unknown;
    body?: unknown;
    data?: unknown;
    headers?: unknown;
  };
  const statusCode =
    typeof r.statusCode === "number" ? r.statusCode : typeof r.status === "number" ? r.status : 0;
  return {
    statusCode,
    body: decodedBody(r.body ?? r.data ?? (value as { body?: unknown }).body),
    headers: (typeof r.headers === "object" && r.headers !== null ? r.headers : {}) as Headers,
  };
}

/**
 * A refusal of a binary request (a PDF) carries its body as bytes, which reach here as a Buffer or,
 * through xero-node's JSON.stringify, as `{type: "Buffer", data: [...]}`: read them as Xero's JSON.
 */
function decodedBody(body: unknown): unknown {
  const bytes = Buffer.isBuffer(body)
    ? body
    : typeof body === "object" &&
        body !== null &&
        (body as { type?: unknown }).type === "Buffer" &&
        Array.isArray((body as { data?: unknown }).data)
      ? Buffer.from((body as { data: number[] }).data)
      : undefined;
  if (!bytes) return body;
  const text = bytes.toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function headerValue(headers: Headers, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

function numberHeader(headers: Headers, name: string): number | undefined {
  const value = Number(headerValue(headers, name));
  return Number.isFinite(value) && headerValue(headers, name) !== undefined ? value : undefined;
}

function stringField(body: unknown, ...names: string[]): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  for (const name of names) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value === "string" && value.trim()) return value;
  }
  return undefined;
}

/** `Elements[i].ValidationErrors[j].Message` of a 400 ValidationException (docs/xero/api-behaviour.md#error-shapes). */
function validationMessages(body: unknown): string[] {
  if (typeof body !== "object" || body === null) return [];
  const elements = (body as { Elements?: unknown }).Elements;
  if (!Array.isArray(elements)) return [];
  return elements.flatMap((element: unknown) => {
    const errors = (element as { ValidationErrors?: unknown } | null)?.ValidationErrors;
    return Array.isArray(errors)
      ? errors.map((e: unknown) => stringField(e, "Message")).filter((m): m is string => m !== undefined)
      : [];
  });
}

/**
 * Xero answers an edit of a paid, voided or deleted document with a 400 whose message says so; those
 * are "locked", not a data problem staff can fix.
 */
const LOCKED_PATTERN =
  /not of valid status for modification|cannot be (edited|modified)|has been (voided|deleted)|(paid|voided|deleted) (invoice|bill|document)s? cannot/i;

/** lib/xero/api/client.ts reports a failed `/connections` call as `Error("Xero GET /connections answered 404: …")`. */
function parseConnectionsError(reason: unknown): ParsedRejection | undefined {
  if (!(reason instanceof Error)) return undefined;
  const match = /answered (\d{3}): ?([\s\S]*)$/.exec(reason.message);
  if (!match) return undefined;
  let body: unknown = match[2];
  try {
    body = JSON.parse(match[2] ?? "");
  } catch {
    // Not JSON: keep the text.
  }
  return { statusCode: Number(match[1]), body, headers: {} };
}

/**
 * Node's codes for a connection that was never made (refused, no DNS answer, no route): the request
 * cannot have reached Xero. A reset or a timeout may come after Xero got the request, so they are not
 * here. xero-node keeps only axios's message ("connect ECONNREFUSED …"), hence the text match.
 */
const NEVER_CONNECTED = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/;

function noAnswer(detail: string | undefined): XeroError {
  const unreachable = detail !== undefined && NEVER_CONNECTED.test(detail);
  const message = unreachable ? `Xero unreachable (${detail})` : (detail ?? "Xero could not be reached");
  return new XeroError({ kind: "transient", status: 0, message, unreachable });
}

/** Maps any failure of an accounting or connections call to one {@link XeroError}. */
export function toXeroError(reason: unknown): XeroError {
  if (reason instanceof XeroError) return reason;
  const parsed = parseRejection(reason) ?? parseConnectionsError(reason);
  if (!parsed) return noAnswer(reason instanceof Error ? reason.message : undefined);
  const { statusCode: status, body, headers } = parsed;
  const detail =
    stringField(body, "Detail", "Message", "Title", "error_description", "error") ??
    (typeof body === "string" && body.trim() ? body : undefined);
  const retryAfterSeconds = numberHeader(headers, "retry-after");

  if (status === 0) return noAnswer(detail);
  if (status === 400) {
    const validationErrors = validationMessages(body);
    const message = validationErrors.length
      ? validationErrors.join("; ")
      : (detail ?? "Xero rejected the request");
    const kind = LOCKED_PATTERN.test(message) ? "locked" : "validation";
    return new XeroError({ kind, status, message, validationErrors });
  }
  if (status === 401 || status === 403) {
    return new XeroError({ kind: "auth", status, message: detail ?? "Xero refused access" });
  }
  if (status === 404) {
    return new XeroError({ kind: "not_found", status, message: detail ?? "Not found in Xero" });
  }
  // Older Xero docs used 503 for rate limits, so a 503 that carries Retry-After is one (docs/xero/api-behaviour.md#error-shapes).
  if (status === 429 || (status === 503 && retryAfterSeconds !== undefined)) {
    return new XeroError({
      kind: "rate_limit",
      status,
      message: detail ?? "Xero's rate limit was reached",
      retryAfterSeconds: retryAfterSeconds ?? 60,
      rateLimitProblem: headerValue(headers, "x-rate-limit-problem"),
    });
  }
  if (status >= 500) {
    return new XeroError({ kind: "transient", status, message: detail ?? `Xero answered ${status}` });
  }
  return new XeroError({ kind: "validation", status, message: detail ?? `Xero answered ${status}` });
}
