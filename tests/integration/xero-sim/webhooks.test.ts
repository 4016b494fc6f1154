import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CreditNote, Invoice } from "xero-node";
import type { RunningXeroSim } from "@/xero-sim/server";
import { admin, connect, NZ, startSim, UK } from "./harness";

/**
 * Webhooks the simulator sends, held to Xero's (developer.xero.com/documentation/guides/webhooks/
 * overview and …/configuring-your-server; xero-webhooks.yaml `WebhookEvent` for the payload):
 * x-xero-signature = base64(HMAC-SHA256(webhook key, raw body)); intent to receive (an empty events
 * payload, answered 200 with no body when signed correctly and 401 when not); anything but a 200
 * within 5 s is a failure, retried with decreasing frequency for 24 hours, then the webhook is
 * disabled; events only for organisations connected to the app.
 */

const KEY = "sim-webhook-key-0123456789";

interface Received {
  raw: string;
  signature: string;
  body: {
    events: Record<string, unknown>[];
    firstEventSequence: number;
    lastEventSequence: number;
    entropy: string;
  };
}

/** A receiver that checks signatures like the app does; `mode` makes it fail on purpose. */
class Receiver {
  server!: Server;
  url = "";
  received: Received[] = [];
  mode: "ok" | "error" | "hang" | "always-200" = "ok";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const signature = String(req.headers["x-xero-signature"] ?? "");
        if (this.mode === "hang") return; // never answers
        if (this.mode === "error") return res.writeHead(500).end();
        const expected = createHmac("sha256", KEY).update(raw).digest();
        const given = Buffer.from(signature, "base64");
        const good = given.length === expected.length && timingSafeEqual(given, expected);
        if (!good && this.mode !== "always-200") return res.writeHead(401).end();
        this.received.push({ raw, signature, body: JSON.parse(raw) as Received["body"] });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/xero/webhooks`;
  }

  /** Deliveries carrying events (intent-to-receive payloads have none). */
  events(): Record<string, unknown>[] {
    return this.received.flatMap((r) => r.body.events);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface Snapshot {
  subscriptions: {
    scope: string;
    status: string;
    intentToReceive: {
      passed: boolean;
      problems: string[];
      correct: { status: number };
      incorrect: { status: number };
    } | null;
  }[];
  deliveries: {
    state: string;
    events: Record<string, unknown>[];
    firstEventSequence: number;
    lastEventSequence: number;
    attempts: { status: number; error?: string }[];
  }[];
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let sim: RunningXeroSim;
let session: Awaited<ReturnType<typeof connect>>;
let nz: string;
let contactID: string;
const receiver = new Receiver();
const snapshot = () => admin<Snapshot>(sim, "GET", "/sim/webhooks");
const flush = () => admin<Snapshot>(sim, "POST", "/sim/webhooks/flush");
const api = () => session.client.accountingApi;

beforeAll(async () => {
  await receiver.start();
  // A long batch window: the tests flush explicitly, except the one about the window itself.
  sim = await startSim({
    limits: { perMinute: 10_000 },
    webhooks: { batchMs: 60_000, timeScale: 0.0005, timeoutMs: 500 },
  });
  session = await connect(sim, { organisations: [NZ] });
  nz = session.tenantId(NZ);
  contactID =
    (await api().createContacts(nz, { contacts: [{ name: "Webhook Customer Ltd" }] })).body.contacts?.[0]
      ?.contactID ?? "";
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});
beforeEach(async () => {
  receiver.mode = "ok";
  receiver.received = [];
  await admin(sim, "PUT", "/sim/webhooks", { url: receiver.url, key: KEY });
  await admin(sim, "DELETE", "/sim/webhooks/deliveries");
});

async function approvedInvoice(): Promise<string> {
  const created = await api().createInvoices(nz, {
    invoices: [
      {
        type: Invoice.TypeEnum.ACCREC,
        contact: { contactID },
        date: "2026-11-20",
        status: Invoice.StatusEnum.AUTHORISED,
        lineItems: [{ description: "Gate", quantity: 1, unitAmount: 100, accountCode: "200" }],
      },
    ],
  });
  return created.body.invoices?.[0]?.invoiceID ?? "";
}

describe("signed deliveries", () => {
  it("runs intent to receive first, then sends Xero's payload signed with the key", async () => {
    const id = await approvedInvoice();
    await admin(sim, "POST", `/sim/orgs/${nz}/invoices/${id}/payments`, { amount: 40 });
    await admin(sim, "POST", `/sim/orgs/${nz}/contacts/${contactID}/edit`, { EmailAddress: "a@b.example" });
    const after = await flush();

    const subscription = after.subscriptions[0];
    expect(subscription?.status).toBe("enabled");
    expect(subscription?.intentToReceive).toMatchObject({
      passed: true,
      correct: { status: 200 },
      incorrect: { status: 401 },
    });
    // The intent-to-receive payload: no events, sequences 0, entropy (docs: configuring your server).
    const intent = receiver.received[0]?.body;
    expect(intent).toMatchObject({ events: [], firstEventSequence: 0, lastEventSequence: 0 });

    const deliveries = receiver.received.filter((r) => r.body.events.length > 0);
    expect(deliveries).toHaveLength(1); // changes close together go in one delivery
    const delivery = deliveries[0] as Received;
    expect(delivery.signature).toBe(createHmac("sha256", KEY).update(delivery.raw).digest("base64"));
    expect(typeof delivery.body.entropy).toBe("string");
    expect(delivery.body.lastEventSequence - delivery.body.firstEventSequence + 1).toBe(
      delivery.body.events.length,
    );
    const summary = delivery.body.events.map((e) => [e.eventCategory, e.eventType, e.resourceId]);
    expect(summary).toEqual([
      ["INVOICE", "CREATE", id],
      ["INVOICE", "UPDATE", id],
      ["CONTACT", "UPDATE", contactID],
    ]);
    const { eventDateUtc, ...event } = delivery.body.events[0] ?? {};
    // UTC without a zone designator, as the spec's examples give it (2024-06-21T01:15:39.902).
    expect(eventDateUtc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
    expect(event).toEqual({
      resourceUrl: `${sim.url}/api.xro/2.0/Invoices/${id}`,
      resourceId: id,
      eventType: "CREATE",
      eventCategory: "INVOICE",
      tenantId: nz,
      tenantType: "ORGANISATION",
    });
    expect(after.deliveries.at(-1)).toMatchObject({ state: "delivered", attempts: [{ status: 200 }] });
  });

  it("sequence numbers carry on from one delivery to the next", async () => {
    await approvedInvoice();
    await flush();
    await approvedInvoice();
    await flush();
    const [first, second] = receiver.received.filter((r) => r.body.events.length > 0).map((r) => r.body);
    expect(second?.firstEventSequence).toBe((first?.lastEventSequence ?? 0) + 1);
  });

  it("announces voids through the API, credit notes with their Type and Status, and allocations", async () => {
    const voided = await approvedInvoice();
    await api().updateInvoice(nz, voided, { invoices: [{ status: Invoice.StatusEnum.VOIDED }] });
    const invoice = await approvedInvoice();
    const credit = await api().createCreditNotes(nz, {
      creditNotes: [
        {
          type: CreditNote.TypeEnum.ACCRECCREDIT,
          contact: { contactID },
          date: "2026-11-21",
          status: CreditNote.StatusEnum.AUTHORISED,
          lineItems: [{ description: "Refund", quantity: 1, unitAmount: 10, accountCode: "200" }],
        },
      ],
    });
    const creditId = credit.body.creditNotes?.[0]?.creditNoteID ?? "";
    await api().createCreditNoteAllocation(nz, creditId, {
      allocations: [{ invoice: { invoiceID: invoice }, amount: 5, date: "2026-11-21" }],
    });
    await flush();
    const events = receiver.events().map((e) => [e.eventCategory, e.eventType, e.resourceId, e.data]);
    expect(events).toEqual(
      expect.arrayContaining([
        ["INVOICE", "UPDATE", voided, undefined],
        ["CREDITNOTE", "CREATE", creditId, { Type: "ACCRECCREDIT", Status: "AUTHORISED" }],
        ["CREDITNOTE", "UPDATE", creditId, { Type: "ACCRECCREDIT", Status: "AUTHORISED" }],
        ["INVOICE", "UPDATE", invoice, undefined],
      ]),
    );
    const creditEvent = receiver.events().find((e) => e.resourceId === creditId);
    expect(creditEvent?.resourceUrl).toBe(`${sim.url}/api.xro/2.0/CreditNotes/${creditId}`);
  });

  it("sends only the categories subscribed to, and nothing for organisations not connected", async () => {
    await admin(sim, "PUT", "/sim/webhooks", { url: receiver.url, key: KEY, categories: ["CONTACT"] });
    await approvedInvoice();
    await admin(sim, "POST", `/sim/orgs/${nz}/contacts/${contactID}/edit`, { Website: "https://w.example" });
    const uk = sim.organisations.find((o) => o.name === UK)?.tenantId ?? "";
    const ukContact = (
      await admin<{ records: { ContactID: string }[] }>(sim, "GET", `/sim/orgs/${uk}/contacts`)
    ).records[0]?.ContactID;
    await admin(sim, "POST", `/sim/orgs/${uk}/contacts/${ukContact ?? ""}/edit`, {
      Website: "https://uk.example",
    });
    await flush();
    expect(receiver.events().map((e) => [e.eventCategory, e.resourceId])).toEqual([["CONTACT", contactID]]);
  });

  it("gathers changes for the batch window, then sends them by itself", async () => {
    const quick = await startSim({ webhooks: { url: receiver.url, key: KEY, batchMs: 200 } });
    try {
      const { client, tenantId } = await connect(quick, { organisations: [NZ] });
      const tenant = tenantId(NZ);
      const made = await client.accountingApi.createContacts(tenant, {
        contacts: [{ name: "One" }, { name: "Two" }],
      });
      const delivered = await until(
        () => admin<Snapshot>(quick, "GET", "/sim/webhooks"),
        (s) => s.deliveries.some((d) => d.state === "delivered"),
      );
      const delivery = delivered.deliveries.find((d) => d.state === "delivered");
      expect(delivery?.events.map((e) => e.resourceId)).toEqual(made.body.contacts?.map((c) => c.contactID));
      expect(delivery?.events.map((e) => e.eventType)).toEqual(["CREATE", "CREATE"]);
    } finally {
      await quick.close();
    }
  });
});

describe("a receiver that fails", () => {
  it("is retried while it answers non-200, and the log shows each attempt", async () => {
    await admin(sim, "POST", "/sim/webhooks/intent-to-receive");
    receiver.mode = "error";
    const id = await approvedInvoice();
    await flush();
    const failing = await until(snapshot, (s) => (s.deliveries[0]?.attempts.length ?? 0) >= 3);
    expect(failing.deliveries[0]?.state).toBe("retrying");
    expect(failing.deliveries[0]?.attempts.slice(0, 3).map((a) => a.status)).toEqual([500, 500, 500]);
    receiver.mode = "ok";
    const recovered = await until(snapshot, (s) => s.deliveries[0]?.state === "delivered");
    expect(recovered.deliveries[0]?.attempts.at(-1)?.status).toBe(200);
    expect(receiver.events().map((e) => e.resourceId)).toEqual([id]);
  });

  it("counts no answer within the timeout (5 s at Xero) as a failure", async () => {
    await admin(sim, "POST", "/sim/webhooks/intent-to-receive");
    receiver.mode = "hang";
    await approvedInvoice();
    await flush();
    const log = await snapshot();
    expect(log.deliveries[0]?.attempts[0]).toMatchObject({ status: 0, error: "no answer within 500 ms" });
    receiver.mode = "ok";
    await until(snapshot, (s) => s.deliveries[0]?.state === "delivered");
  });

  it("gives up after 24 hours (scaled) and disables the webhook; nothing more is sent", async () => {
    const brief = await startSim({
      webhooks: { url: receiver.url, key: KEY, batchMs: 60_000, timeScale: 0.00002, timeoutMs: 500 },
    });
    try {
      const { client, tenantId } = await connect(brief, { organisations: [NZ] });
      await admin(brief, "POST", "/sim/webhooks/intent-to-receive");
      receiver.mode = "error";
      await client.accountingApi.createContacts(tenantId(NZ), { contacts: [{ name: "Never Heard" }] });
      await admin(brief, "POST", "/sim/webhooks/flush");
      const gaveUp = await until(
        () => admin<Snapshot>(brief, "GET", "/sim/webhooks"),
        (s) => s.deliveries[0]?.state === "failed",
      );
      expect(gaveUp.subscriptions[0]?.status).toBe("disabled");
      expect(gaveUp.deliveries[0]?.attempts.length).toBeGreaterThan(5);
      receiver.mode = "ok";
      await client.accountingApi.createContacts(tenantId(NZ), { contacts: [{ name: "Also Never" }] });
      const after = await admin<Snapshot>(brief, "POST", "/sim/webhooks/flush");
      expect(after.deliveries).toHaveLength(1);
    } finally {
      await brief.close();
    }
  });
});

describe("intent to receive", () => {
  it("passes a receiver that answers 200 to a correct signature and 401 to a wrong one", async () => {
    const result = await admin<Snapshot["subscriptions"][number]["intentToReceive"]>(
      sim,
      "POST",
      "/sim/webhooks/intent-to-receive",
    );
    expect(result).toMatchObject({
      passed: true,
      correct: { status: 200 },
      incorrect: { status: 401 },
      problems: [],
    });
  });

  it("fails one that accepts a wrong signature, and then no events are delivered", async () => {
    receiver.mode = "always-200";
    const result = await admin<{ passed: boolean; problems: string[] }>(
      sim,
      "POST",
      "/sim/webhooks/intent-to-receive",
    );
    expect(result.passed).toBe(false);
    expect(result.problems).toEqual(["a wrongly signed payload was answered 200, not 401"]);
    await approvedInvoice();
    const log = await flush();
    expect(log.subscriptions[0]?.status).toBe("awaiting intent to receive");
    expect(log.deliveries[0]?.state).toBe("retrying");
    expect(log.deliveries[0]?.attempts[0]?.error).toContain("intent to receive not passed");
    expect(receiver.events()).toEqual([]);
  });

  it("an organisation may have its own subscription, which wins over the app's", async () => {
    const other = new Receiver();
    await other.start();
    try {
      await admin(sim, "PUT", `/sim/orgs/${nz}/webhooks`, { url: other.url, key: KEY });
      const id = await approvedInvoice();
      await flush();
      expect(other.events().map((e) => e.resourceId)).toEqual([id]);
      expect(receiver.events()).toEqual([]);
    } finally {
      await admin(sim, "DELETE", `/sim/orgs/${nz}/webhooks`);
      await other.close();
    }
  });
});
