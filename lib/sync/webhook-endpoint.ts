import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { staticSecurityHeaders } from "@/lib/http/security-headers";
import { logger } from "@/lib/ops/logger";
import {
  isValidWebhookSignature,
  readBodyWithin,
  toStoredEvent,
  WEBHOOK_MAX_BYTES,
  webhookDelivery,
} from "@/lib/xero/webhooks";
import { storeWebhookEvents } from "./webhook-events";

/** Where Xero posts its webhooks (the delivery URL set in Xero's developer portal). */
export const WEBHOOK_PATH = "/api/xero/webhooks";

/** Xero wants no body and no cookies in the answer (Xero docs: webhooks, configuring your server). */
const answer = (status: number) => new Response(null, { status, headers: { "cache-control": "no-store" } });

/**
 * Xero's webhooks. The signature is the security here (Xero signs with the webhook key; there is no
 * session): a delivery whose `x-xero-signature` is not the HMAC-SHA256 of its raw body under
 * XERO_WEBHOOK_KEY is refused with 401 and nothing is stored, which is also how Xero's "intent to
 * receive" check is answered. A good one is stored (each event once) and answered 200 before any
 * document is read: the worker reads them (lib/sync/read-back.ts).
 */
export async function receiveXeroWebhook(request: Request): Promise<Response> {
  const key = env.XERO_WEBHOOK_KEY;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > WEBHOOK_MAX_BYTES) return answer(413);
  const raw = await readBodyWithin(request.body, WEBHOOK_MAX_BYTES);
  if (!raw) return answer(413);
  if (!key || !isValidWebhookSignature(raw, request.headers.get("x-xero-signature"), key)) return answer(401);

  let delivery;
  try {
    delivery = webhookDelivery.parse(JSON.parse(Buffer.from(raw).toString("utf8")));
  } catch {
    // Signed by Xero yet unreadable: refusing it makes Xero try again, which cannot help.
    logger.warn("A signed Xero webhook delivery was not in Xero's event format; ignored.");
    return answer(200);
  }
  if (delivery.events.length > 0) {
    await storeWebhookEvents(getDb(), delivery.events.map(toStoredEvent));
  }
  return answer(200);
}

/** True for a request the production front answers itself ({@link serveXeroWebhook}). */
export function isXeroWebhookRequest(request: IncomingMessage): boolean {
  return request.method === "POST" && (request.url ?? "").split("?")[0] === WEBHOOK_PATH;
}

/**
 * The production front's way to the same endpoint, without Next's request handling: Xero wants an
 * answer within 5 s however many deliveries arrive together, and Next's routing cost about 3 ms of
 * CPU a delivery, five times the endpoint's own work (`npm run bench:readback`). The answer and its
 * headers are the route handler's (app/api/xero/webhooks/route.ts serves it under `npm run dev`),
 * plus the security headers next.config.ts gives every response.
 */
export async function serveXeroWebhook(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    headers.append(request.rawHeaders[i] as string, request.rawHeaders[i + 1] as string);
  }
  let answered: Response;
  try {
    answered = await receiveXeroWebhook(
      new Request(new URL(WEBHOOK_PATH, env.APP_URL), {
        method: "POST",
        headers,
        body: Readable.toWeb(request) as ReadableStream<Uint8Array>,
        duplex: "half",
      } as RequestInit),
    );
  } catch (error) {
    // Not stored: Xero tries again later, which is what a 500 asks of it.
    logger.error({ err: error }, "A Xero webhook delivery could not be stored.");
    answered = new Response(null, { status: 500 });
  }
  for (const { key, value } of staticSecurityHeaders({ https: new URL(env.APP_URL).protocol === "https:" })) {
    response.setHeader(key, value);
  }
  answered.headers.forEach((value, name) => response.setHeader(name, value));
  response.writeHead(answered.status);
  response.end();
  // A body refused part-way was never read whole: drop the rest of it with the connection.
  if (!request.readableEnded) request.destroy();
}
