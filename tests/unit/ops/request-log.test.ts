import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { addLogContext, createLogger } from "@/lib/ops/logger";
import { REQUEST_ID_HEADER, serveWithRequestId } from "@/lib/ops/request-log";

const lines: Record<string, unknown>[] = [];
const log = createLogger(
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  }),
);

let server: Server | undefined;
afterEach(async () => {
  lines.length = 0;
  await new Promise((resolve) => server?.close(resolve));
});

/** The web front's request handling (scripts/web-server.ts) around a handler that signs a user in and logs. */
async function front(): Promise<string> {
  server = createServer((request, response) =>
    serveWithRequestId(
      request,
      response,
      async () => {
        await new Promise((resolve) => setImmediate(resolve));
        addLogContext({ userId: "user-7" });
        log.info({ seen: request.headers[REQUEST_ID_HEADER] }, "inside the handler");
        response.end("ok");
      },
      log,
    ),
  );
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function endLine(): Promise<Record<string, unknown>> {
  await expect.poll(() => lines.some((line) => line.msg === "request")).toBe(true);
  return lines.find((line) => line.msg === "request")!;
}

describe("request ids", () => {
  it("makes one, sets it on the response, and puts it on the handler's lines and the request's end line", async () => {
    const origin = await front();
    const response = await fetch(`${origin}/customers?search=secret-query`);
    const id = response.headers.get(REQUEST_ID_HEADER);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const end = await endLine();
    const inside = lines.find((line) => line.msg === "inside the handler");
    expect(inside).toMatchObject({ requestId: id, seen: id, userId: "user-7" });
    expect(end).toMatchObject({
      requestId: id,
      userId: "user-7",
      method: "GET",
      path: "/customers",
      status: 200,
    });
    // The query is left out: it may carry an OAuth code.
    expect(JSON.stringify(lines)).not.toContain("secret-query");
  });

  it("keeps the id a proxy in front sent, and replaces one that is not an id", async () => {
    const origin = await front();
    const kept = await fetch(origin, { headers: { [REQUEST_ID_HEADER]: "lb-1234.abcd" } });
    expect(kept.headers.get(REQUEST_ID_HEADER)).toBe("lb-1234.abcd");
    const forged = await fetch(origin, { headers: { [REQUEST_ID_HEADER]: 'x" level=error msg=forged' } });
    expect(forged.headers.get(REQUEST_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
