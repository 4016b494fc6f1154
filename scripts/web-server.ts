import { createServer } from "node:http";
import next from "next";
import { appendForwardedFor } from "../lib/auth/client-address";

/**
 * The production web process: Next.js behind a small HTTP front of our own. The front appends the
 * socket's address to X-Forwarded-For before Next sees the request, because Next itself only fills
 * that header in when the client sent none, so a client could otherwise choose the address the
 * sign-in throttle counts (lib/auth/client-address.ts reads the chain with TRUSTED_PROXY_HOPS).
 */
const port = Number(process.env.PORT ?? 3000);
const app = next({ dev: false, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  request.headers["x-forwarded-for"] = appendForwardedFor(
    request.headers["x-forwarded-for"],
    request.socket.remoteAddress,
  );
  void handle(request, response);
});
server.listen(port, () => console.log(`Factory is listening on port ${port}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
