/**
 * The floor under the webhook acknowledgement figures (tests/bench/read-back-bench.ts): a bare
 * node:http server, in a process of its own, that reads each request's body and answers 200 with
 * nothing else (no Next, no signature, no database). What the load generator measures against it is
 * what HTTP alone costs on this machine for the same requests. Prints its URL once listening.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const server = createServer((request, response) => {
  request.on("data", () => {});
  request.on("end", () => {
    response.writeHead(200, { "cache-control": "no-store" });
    response.end();
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
