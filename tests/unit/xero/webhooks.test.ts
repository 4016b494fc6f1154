import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  isValidWebhookSignature,
  readBodyWithin,
  toStoredEvent,
  webhookDelivery,
  webhookEventId,
} from "@/lib/xero/webhooks";

const KEY = "a-webhook-key-of-some-length-1234567890";
const sign = (body: string, key = KEY) => createHmac("sha256", key).update(body).digest("base64");
const bytes = (text: string) => new TextEncoder().encode(text);

const event = {
  resourceUrl: "https://api.xero.com/api.xro/2.0/Invoices/717f2bfc-c6d4-41fd-b238-3f2f0c0cf777",
  resourceId: "717F2BFC-C6D4-41FD-B238-3F2F0C0CF777",
  eventDateUtc: "2024-06-21T01:15:39.902",
  eventType: "UPDATE",
  eventCategory: "INVOICE",
  tenantId: "c2cc9b6e-9458-4c7d-93cc-f02b81b0594f",
  tenantType: "ORGANISATION",
};

describe("isValidWebhookSignature", () => {
  const body = JSON.stringify({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: "X" });

  it("accepts the base64 HMAC-SHA256 of the raw body under the key", () => {
    expect(isValidWebhookSignature(bytes(body), sign(body), KEY)).toBe(true);
  });

  it("refuses another key, another body, a missing or malformed signature", () => {
    expect(isValidWebhookSignature(bytes(body), sign(body, "another-key-of-some-length-12345"), KEY)).toBe(
      false,
    );
    expect(isValidWebhookSignature(bytes(`${body} `), sign(body), KEY)).toBe(false);
    expect(isValidWebhookSignature(bytes(body), null, KEY)).toBe(false);
    expect(isValidWebhookSignature(bytes(body), "", KEY)).toBe(false);
    expect(isValidWebhookSignature(bytes(body), "not base64 at all!", KEY)).toBe(false);
    expect(isValidWebhookSignature(bytes(body), sign(body).slice(0, 20), KEY)).toBe(false);
  });
});

describe("webhook events", () => {
  it("reads Xero's delivery format, intent-to-receive included", () => {
    expect(
      webhookDelivery.parse({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: "E" }).events,
    ).toEqual([]);
    expect(
      webhookDelivery.parse({ events: [event], firstEventSequence: 1, lastEventSequence: 1, entropy: "E" })
        .events,
    ).toHaveLength(1);
    expect(webhookDelivery.safeParse({ events: [{ ...event, resourceId: "nope" }] }).success).toBe(false);
  });

  it("derives one identity per event, the same for a replay, another for a later change", () => {
    expect(webhookEventId(event)).toBe(webhookEventId({ ...event }));
    expect(webhookEventId(event)).toBe(webhookEventId({ ...event, resourceUrl: "elsewhere" }));
    expect(webhookEventId(event)).not.toBe(
      webhookEventId({ ...event, eventDateUtc: "2024-06-21T01:15:40.000" }),
    );
    expect(webhookEventId(event)).not.toBe(webhookEventId({ ...event, eventType: "CREATE" }));
    expect(webhookEventId(event)).not.toBe(webhookEventId({ ...event, eventCategory: "CONTACT" }));
  });

  it("stores ids in lower case and Xero's zone-less date as UTC", () => {
    const stored = toStoredEvent(event);
    expect(stored.resourceId).toBe("717f2bfc-c6d4-41fd-b238-3f2f0c0cf777");
    expect(stored.eventDate.toISOString()).toBe("2024-06-21T01:15:39.902Z");
  });
});

describe("readBodyWithin", () => {
  const stream = (chunks: number[], pulled: { count: number }) =>
    new ReadableStream<Uint8Array>({
      pull(controller) {
        const size = chunks[pulled.count];
        pulled.count++;
        if (size === undefined) controller.close();
        else controller.enqueue(new Uint8Array(size));
      },
    });

  it("reads a body within the limit", async () => {
    const pulled = { count: 0 };
    expect((await readBodyWithin(stream([10, 20], pulled), 100))?.byteLength).toBe(30);
  });

  it("stops reading as soon as the body passes the limit", async () => {
    const pulled = { count: 0 };
    expect(await readBodyWithin(stream([60, 60, 60, 60, 60], pulled), 100)).toBeNull();
    expect(pulled.count).toBeLessThanOrEqual(3);
  });
});
