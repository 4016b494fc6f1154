import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getSyncProducer } from "@/lib/sync/boss";
import { isXeroWebhookRequest, serveXeroWebhook, WEBHOOK_PATH } from "@/lib/sync/webhook-endpoint";
import { WEBHOOK_MAX_BYTES } from "@/lib/xero/webhooks";
import { createTestDatabase, type TestDatabase } from "../../support/test-database";

/**
 * The production front answers Xero's webhooks itself (scripts/web-server.ts, before Next's
 * routing): the same answers as the route handler, over a real HTTP connection, with the security
 * headers every response carries.
 */
const KEY = randomBytes(24).toString("base64");
let database: TestDatabase;
let server: Server;
let base: string;
const saved = { ...env };

beforeAll(async () => {
  database = await createTestDatabase("webhook_front");
  Object.assign(env, { DATABASE_URL: database.url, XERO_WEBHOOK_KEY: KEY });
  server = createServer((request, response) => {
    if (isXeroWebhookRequest(request)) void serveXeroWebhook(request, response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await (await getSyncProducer().catch(() => undefined))?.stop({ graceful: false });
  await (getDb() as unknown as { $client: { end(): Promise<void> } }).$client.end();
  (globalThis as { factoryDb?: unknown }).factoryDb = undefined;
  Object.assign(env, saved);
  await database.drop();
});

const tenantId = randomUUID();
const delivery = (resourceIds: string[]) =>
  JSON.stringify({
    events: resourceIds.map((resourceId) => ({
      resourceUrl: `https://api.xero.com/api.xro/2.0/Invoices/${resourceId}`,
      resourceId,
      eventDateUtc: "2026-12-03T01:02:03.456",
      eventType: "UPDATE",
      eventCategory: "INVOICE",
      tenantId,
      tenantType: "ORGANISATION",
    })),
    firstEventSequence: 1,
    lastEventSequence: resourceIds.length,
    entropy: "FRONT",
  });
const sign = (body: string | Buffer) => createHmac("sha256", KEY).update(body).digest("base64");

const storedFor = async (resourceIds: string[]) =>
  Number(
    (
      await getDb().execute<{ n: number }>(
        sql`select count(*)::int as n from xero_webhook_events where resource_id = any(${`{${resourceIds.join(",")}}`}::uuid[])`,
      )
    )[0]?.n,
  );

describe("the production front's webhook endpoint", () => {
  it("stores a signed delivery and answers 200 with no body, no cookies and the security headers", async () => {
    const ids = [randomUUID(), randomUUID()];
    const body = delivery(ids);
    const response = await fetch(`${base}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-xero-signature": sign(body) },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await storedFor(ids)).toBe(2);
  });

  it("refuses a wrong or missing signature with 401 and stores nothing (Xero's intent-to-receive check)", async () => {
    const ids = [randomUUID()];
    const body = delivery(ids);
    const wrong = await fetch(`${base}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "x-xero-signature": sign(`${body} `) },
      body,
    });
    const missing = await fetch(`${base}${WEBHOOK_PATH}`, { method: "POST", body });
    expect([wrong.status, missing.status]).toEqual([401, 401]);
    expect(await wrong.text()).toBe("");
    expect(await storedFor(ids)).toBe(0);
  });

  it("refuses a body over 1 MiB with 413, declared or streamed, without reading it whole", async () => {
    const declared = await fetch(`${base}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "content-length": String(WEBHOOK_MAX_BYTES + 1) },
      body: "x".repeat(WEBHOOK_MAX_BYTES + 1),
    });
    expect(declared.status).toBe(413);

    // Chunked, with no length: the front counts as it reads and answers once past the limit, while the
    // client is still sending (it has sent no more than the limit and one chunk when the answer comes).
    const chunk = Buffer.alloc(64 * 1024, 120);
    let sent = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = httpRequest(`${base}${WEBHOOK_PATH}`, { method: "POST" }, (incoming) => {
        resolve(incoming.statusCode ?? 0);
        incoming.resume();
      });
      outgoing.on("error", (error: NodeJS.ErrnoException) => {
        // The server may drop the connection once it has answered: the answer is what counts.
        if (error.code !== "ECONNRESET" && error.code !== "EPIPE") reject(error);
      });
      const write = () => {
        while (sent < 64 * WEBHOOK_MAX_BYTES) {
          sent += chunk.length;
          if (!outgoing.write(chunk)) return void outgoing.once("drain", write);
        }
        outgoing.end();
      };
      write();
    });
    expect(status).toBe(413);
    expect(sent).toBeLessThan(64 * WEBHOOK_MAX_BYTES);
  });

  it("answers only POSTs to the webhook path; everything else is Next's", () => {
    const asked = (method: string, url: string) =>
      isXeroWebhookRequest({ method, url } as Parameters<typeof isXeroWebhookRequest>[0]);
    expect(asked("POST", WEBHOOK_PATH)).toBe(true);
    expect(asked("POST", `${WEBHOOK_PATH}?from=xero`)).toBe(true);
    expect(asked("GET", WEBHOOK_PATH)).toBe(false);
    expect(asked("POST", `${WEBHOOK_PATH}/other`)).toBe(false);
    expect(asked("POST", "/api/xero/connect")).toBe(false);
  });
});
