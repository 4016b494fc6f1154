/**
 * The load generator for the webhook acknowledgement figures (tests/bench/read-back-bench.ts), in a
 * process of its own so that making and timing the requests does not share an event loop with the
 * endpoint being timed. Argument: a {@link LoadPlan} as JSON. Every body is made and signed (as Xero
 * signs: base64 HMAC-SHA256 of the raw body under the webhook key) before the clock starts; then the
 * deliveries are posted, `inFlight` at a time, and each one's acknowledgement time (request sent to
 * the whole answer read) is printed, in milliseconds, as one JSON line: `{"times":[…]}`.
 */
import { createHmac, randomUUID } from "node:crypto";

export interface LoadPlan {
  /** The endpoint, e.g. http://127.0.0.1:3000/api/xero/webhooks. */
  url: string;
  key: string;
  tenantId: string;
  /** Where an event's resourceUrl points (the simulator's API). */
  apiUrl: string;
  deliveries: number;
  eventsPerDelivery: number;
  /** How many deliveries are posted at once: 1 is one after another, `deliveries` is all at once. */
  inFlight: number;
}

const plan = JSON.parse(process.argv[2] ?? "{}") as LoadPlan;

let sequence = 0;
const invoiceEvent = () => {
  const id = randomUUID();
  return {
    resourceUrl: `${plan.apiUrl}/api.xro/2.0/Invoices/${id}`,
    resourceId: id,
    eventDateUtc: new Date().toISOString().replace("Z", ""),
    eventType: "UPDATE",
    eventCategory: "INVOICE",
    tenantId: plan.tenantId,
    tenantType: "ORGANISATION",
  };
};

const signed = Array.from({ length: plan.deliveries }, () => {
  const events = Array.from({ length: plan.eventsPerDelivery }, invoiceEvent);
  const body = JSON.stringify({
    events,
    firstEventSequence: sequence + 1,
    lastEventSequence: (sequence += events.length),
    entropy: randomUUID().replaceAll("-", "").slice(0, 20).toUpperCase(),
  });
  return { body, signature: createHmac("sha256", plan.key).update(body).digest("base64") };
});

async function post(delivery: { body: string; signature: string }): Promise<number> {
  const started = performance.now();
  const response = await fetch(plan.url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-xero-signature": delivery.signature },
    body: delivery.body,
  });
  await response.arrayBuffer();
  const took = performance.now() - started;
  if (response.status !== 200) throw new Error(`the webhook answered ${response.status}`);
  return took;
}

const times: number[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(plan.inFlight, signed.length) }, async () => {
    while (next < signed.length) {
      const delivery = signed[next++];
      if (delivery) times.push(await post(delivery));
    }
  }),
);
console.log(JSON.stringify({ times }));
