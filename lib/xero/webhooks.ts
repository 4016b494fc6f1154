import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * Xero's webhooks, the pure part: the signature, the body's shape and each event's identity.
 * Xero docs (webhooks, configuring your server): `x-xero-signature` is the base64 HMAC-SHA256 of the
 * raw body under the webhook key; a correct one is answered 200 with an empty body, a wrong one 401,
 * within 5 seconds ("intent to receive" sends both kinds with no events).
 */

/**
 * The largest body Factory reads. Xero sends events in small deliveries (a few hundred bytes each);
 * 1 MiB holds thousands of them and refuses a body meant to tie the process up.
 */
export const WEBHOOK_MAX_BYTES = 1024 * 1024;

/** True when `signature` is the base64 HMAC-SHA256 of `rawBody` under `key`, compared in constant time. */
export function isValidWebhookSignature(rawBody: Uint8Array, signature: string | null, key: string): boolean {
  if (!signature) return false;
  const expected = createHmac("sha256", key).update(rawBody).digest();
  const given = Buffer.from(signature, "base64");
  // timingSafeEqual needs equal lengths; a digest of another length is wrong whatever it holds.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const webhookEvent = z.object({
  resourceUrl: z.string().optional(),
  resourceId: z.uuid(),
  // Xero writes it without a zone ("2024-06-21T01:15:39.902"): it is UTC (the spec: "UTC time").
  eventDateUtc: z.string().min(10).max(40),
  eventType: z.string().min(1).max(40),
  eventCategory: z.string().min(1).max(40),
  tenantId: z.uuid(),
  tenantType: z.string().max(40).optional(),
});

/** The body of a delivery (shared/xero-openapi xero-webhooks.yaml, WebhookEvent). */
export const webhookDelivery = z.object({
  events: z.array(webhookEvent).max(10_000),
  firstEventSequence: z.number().int().optional(),
  lastEventSequence: z.number().int().optional(),
  entropy: z.string().optional(),
});

export type WebhookDelivery = z.infer<typeof webhookDelivery>;
export type WebhookEvent = WebhookDelivery["events"][number];

/** One event as Factory stores it. */
export interface StoredWebhookEvent {
  id: string;
  tenantId: string;
  category: string;
  eventType: string;
  resourceId: string;
  eventDate: Date;
}

function eventDateOf(value: string): Date {
  const zoned = /(?:Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
  const date = new Date(zoned);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

/**
 * Xero's events carry no id of their own (the spec's event has resourceId, eventDateUtc, eventType,
 * eventCategory, tenantId, tenantType; the sequence numbers belong to the delivery, not the event), so
 * an event's identity is derived from what names it: a SHA-256 of tenant, category, type, resource and
 * the event's date as Xero wrote it. A redelivery or replay of the same event gets the same id.
 */
export function webhookEventId(event: WebhookEvent): string {
  const parts = [
    event.tenantId.toLowerCase(),
    event.eventCategory,
    event.eventType,
    event.resourceId.toLowerCase(),
    event.eventDateUtc,
  ];
  return createHash("sha256").update(parts.join("|")).digest("hex");
}

export function toStoredEvent(event: WebhookEvent): StoredWebhookEvent {
  return {
    id: webhookEventId(event),
    tenantId: event.tenantId.toLowerCase(),
    category: event.eventCategory,
    eventType: event.eventType,
    resourceId: event.resourceId.toLowerCase(),
    eventDate: eventDateOf(event.eventDateUtc),
  };
}

/**
 * Reads a request body up to `maxBytes`, counting as it streams: a larger body is refused as soon as
 * it passes the limit, never read whole. Returns null when it is too large.
 */
export async function readBodyWithin(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
