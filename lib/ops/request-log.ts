import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { currentLogContext, logger as processLogger, withLogContext } from "./logger";

export const REQUEST_ID_HEADER = "x-request-id";

/** An incoming id is kept only when it looks like one, so a client can't write arbitrary text into the logs. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: the one a proxy in front sent in X-Request-Id, or a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const incoming = Array.isArray(header) ? header[0] : header;
  return incoming && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
}

/** Probes call these every few seconds: their lines are debug, not info. */
const QUIET_PATHS = ["/api/health", "/_next/static/", "/favicon.ico"];

/**
 * Serves one request with its id: kept on the request (Next's handlers read it from the headers), set
 * on the response, and on every line logged while it is served; one line when it ends, with the
 * method, the path without its query (a query may carry an OAuth code), the status and the time.
 */
export function serveWithRequestId(
  request: IncomingMessage,
  response: ServerResponse,
  handle: () => Promise<void> | void,
  log: Logger = processLogger,
): void {
  const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
  request.headers[REQUEST_ID_HEADER] = requestId;
  response.setHeader(REQUEST_ID_HEADER, requestId);
  const started = performance.now();
  const path = (request.url ?? "/").split("?")[0] ?? "/";
  withLogContext({ requestId }, () => {
    // The end is logged from the socket's event, outside this context: take its fields along,
    // including those the handler adds (the user, once signed in).
    const fields = currentLogContext();
    response.on("close", () => {
      const level = QUIET_PATHS.some((quiet) => path.startsWith(quiet)) ? "debug" : "info";
      log[level](
        {
          ...fields,
          method: request.method,
          path,
          status: response.statusCode,
          durationMs: Math.round(performance.now() - started),
          ...(response.writableFinished ? {} : { aborted: true }),
        },
        "request",
      );
    });
    void handle();
  });
}
