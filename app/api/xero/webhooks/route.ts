import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/ops/logger";
import { storeWebhookEvents } from "@/lib/sync/webhook-events";
import {
  isValidWebhookSignature,
  readBodyWithin,
  toStoredEvent,
  WEBHOOK_MAX_BYTES,
  webhookDelivery,
} from "@/lib/xero/webhooks";

export const dynamic = "force-dynamic";

/** Xero wants no body and no cookies in the answer (Xero docs: webhooks, configuring your server). */
const answer = (status: number) => new Response(null, { status, headers: { "cache-control": "no-store" } });

/**
 * Xero's webhooks. The signature is the security here (Xero signs with the webhook key; there is no
 * session): a delivery whose `x-xero-signature` is not the HMAC-SHA256 of its raw body under
 * XERO_WEBHOOK_KEY is refused with 401 and nothing is stored, which is also how Xero's "intent to
 * receive" check is answered. A good one is stored (each event once) and answered 200 before any
 * document is read: the worker reads them (lib/sync/read-back.ts).
 */
export async function POST(request: Request): Promise<Response> {
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
