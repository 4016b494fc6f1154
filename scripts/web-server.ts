import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { appendForwardedFor } from "../lib/auth/client-address";
import { env } from "../lib/env";
import { logger } from "../lib/ops/logger";
import { serveWithRequestId } from "../lib/ops/request-log";
import { isXeroWebhookRequest, serveXeroWebhook } from "../lib/sync/webhook-endpoint";

/**
 * The production web process: Next.js behind a small HTTP front of our own. The front appends the
 * socket's address to X-Forwarded-For before Next sees the request, because Next itself only fills
 * that header in when the client sent none, so a client could otherwise choose the address the
 * sign-in throttle counts (lib/auth/client-address.ts reads the chain with TRUSTED_PROXY_HOPS).
 *
 * SIGTERM or SIGINT stops it gracefully: the listening socket closes (new connections are refused,
 * so a load balancer moves on), requests in flight finish, each connection closes once its
 * response is done, and the process exits 0. Requests still running after SHUTDOWN_TIMEOUT_SECONDS
 * are cut off.
 *
 * Xero's webhooks are answered here, before Next (lib/sync/webhook-endpoint.ts says why).
 *
 * Every request gets an id (a proxy's X-Request-Id, or a new one) on its response and on every log
 * line written while it is served, and one log line when it ends (lib/ops/request-log.ts).
 */
const port = Number(process.env.PORT ?? 3000);
const app = next({ dev: false, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const inFlight = new Set<ServerResponse>();
let stopping = false;

const server = createServer((request, response) => {
  request.headers["x-forwarded-for"] = appendForwardedFor(
    request.headers["x-forwarded-for"],
    request.socket.remoteAddress,
  );
  // A request that came on a kept-alive connection while stopping is served, and its connection ends.
  if (stopping) response.setHeader("connection", "close");
  inFlight.add(response);
  response.on("close", () => {
    inFlight.delete(response);
    // Its connection is idle now: close it rather than wait for the client's next request.
    if (stopping) setImmediate(() => server.closeIdleConnections());
  });
  serveWithRequestId(request, response, () =>
    // Xero's webhooks skip Next's routing: the same handler, answered sooner under a burst.
    isXeroWebhookRequest(request) ? serveXeroWebhook(request, response) : handle(request, response),
  );
});
server.listen(port, () => {
  logger.info(`Factory is listening on port ${(server.address() as AddressInfo).port}`);
});

function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: no longer accepting connections; finishing ${inFlight.size} request(s)…`);
  for (const response of inFlight) if (!response.headersSent) response.setHeader("connection", "close");
  server.close(() => {
    logger.info("Web server stopped.");
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => {
    logger.warn(`Shutdown deadline reached: cutting off ${inFlight.size} unfinished request(s).`);
    server.closeAllConnections();
  }, env.SHUTDOWN_TIMEOUT_SECONDS * 1000).unref();
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(signal));
