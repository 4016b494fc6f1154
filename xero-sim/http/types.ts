import type { IncomingHttpHeaders } from "node:http";

/** Facts a handler learns about a request that the request log records. */
export interface RequestMeta {
  tenantId?: string;
  validationError?: string;
  rateLimitProblem?: string;
  /** When the rate limiter counted the call against the organisation's windows (admitted calls only). */
  countedAt?: string;
  fault?: string;
  idempotencyKey?: string;
  idempotentReplay?: boolean;
}

/** What every handler receives: the parsed request with its raw body already read. */
export interface SimRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  rawBody: string;
  meta: RequestMeta;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless `html`, `text` or `body` is set. */
  json?: unknown;
  html?: string;
  text?: string;
  /** Bytes sent as they are (a PDF), with the content type the handler set. */
  body?: Buffer;
}

/** Returned by a handler that must never answer (the "no response" fault). */
export const HANG = Symbol("hang");
export type HandlerResult = SimResponse | typeof HANG;

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, json: body, headers };
}

export function redirect(location: string): SimResponse {
  return { status: 302, headers: { location }, text: "" };
}

export function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Parses a JSON body; an empty body is `undefined`, invalid JSON is an Error. */
export function parseJsonBody(req: SimRequest): unknown {
  if (req.rawBody.trim() === "") return undefined;
  try {
    return JSON.parse(req.rawBody) as unknown;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export function parseFormBody(req: SimRequest): URLSearchParams {
  return new URLSearchParams(req.rawBody);
}
