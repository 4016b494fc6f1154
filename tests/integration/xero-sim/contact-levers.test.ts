import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Invoice } from "xero-node";
import type { RunningXeroSim } from "@/xero-sim/server";
import { admin, connect, NZ, sdkError, startSim } from "./harness";

/**
 * A contact archived, restored or merged in Xero's own screens, as the simulator's admin levers
 * (xero-sim/admin/contact-levers.ts). Sources: xero_accounting.yaml Contact.MergedToContactID ("ID
 * for the destination of a merged contact. Only returned when using paging or when fetching a
 * contact by ContactId or ContactNumber") and Contact.ContactStatus (ACTIVE, ARCHIVED, GDPRREQUEST);
 * Xero Central "Archive or restore a contact", "Merge duplicate contacts" (the merged contact is
 * archived, its transactions move to the one kept); xero-webhooks.yaml (CONTACT events, UPDATE);
 * Xero refuses archived contacts on transactions ("Archived contacts cannot be used on transactions").
 */

const KEY = "contact-levers-webhook-key";

let sim: RunningXeroSim;
let session: Awaited<ReturnType<typeof connect>>;
let nz: string;
let server: Server;
const received: { signed: boolean; events: Record<string, unknown>[] }[] = [];
const api = () => session.client.accountingApi;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const signature = createHmac("sha256", KEY).update(raw).digest("base64");
      const signed = req.headers["x-xero-signature"] === signature;
      if (signed) received.push({ signed, events: (JSON.parse(raw) as { events: [] }).events });
      res.writeHead(signed ? 200 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  sim = await startSim({ limits: { perMinute: 10_000 }, webhooks: { batchMs: 60_000 } });
  session = await connect(sim, { organisations: [NZ] });
  nz = session.tenantId(NZ);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/xero/webhooks`;
  await admin(sim, "PUT", "/sim/webhooks", { url, key: KEY });
}, 60_000);
afterAll(async () => {
  await sim.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(startListening);

/** Delivers what is pending and forgets it: later events are the test's own. */
async function startListening() {
  await admin(sim, "POST", "/sim/webhooks/flush");
  received.length = 0;
}

let made = 0;
async function contact(name = `Lever Contact ${++made}`): Promise<string> {
  const created = await api().createContacts(nz, { contacts: [{ name }] });
  return created.body.contacts?.[0]?.contactID ?? "";
}

async function byId(id: string) {
  return (await api().getContact(nz, id)).body.contacts?.[0];
}

/** The CONTACT events delivered (signed with the key) since the test began, as [type, id]. */
async function contactEvents(): Promise<[unknown, unknown][]> {
  await admin(sim, "POST", "/sim/webhooks/flush");
  return received
    .flatMap((delivery) => delivery.events)
    .filter((event) => event.eventCategory === "CONTACT")
    .map((event) => [event.eventType, event.resourceId]);
}

const lever = (id: string, what: "archive" | "restore" | "merge", body?: unknown) =>
  fetch(`${sim.url}/sim/orgs/${nz}/contacts/${id}/${what}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });

function invoiceFor(contactID: string) {
  return api().createInvoices(nz, {
    invoices: [
      {
        type: Invoice.TypeEnum.ACCREC,
        contact: { contactID },
        date: "2026-12-01",
        lineItems: [{ description: "Hinge", quantity: 1, unitAmount: 10, accountCode: "200" }],
      },
    ],
  });
}

describe("archive and restore", () => {
  it("archives a contact with a newer UpdatedDateUTC and a signed CONTACT UPDATE event", async () => {
    const id = await contact();
    const before = (await byId(id))?.updatedDateUTC;
    await startListening();
    expect((await lever(id, "archive")).status).toBe(200);
    const after = await byId(id);
    expect(String(after?.contactStatus)).toBe("ARCHIVED");
    expect(after?.updatedDateUTC?.getTime()).toBeGreaterThan(before?.getTime() ?? Infinity);
    expect(await contactEvents()).toEqual([["UPDATE", id]]);
  });

  it("then refuses a document for it, as Xero does", async () => {
    const id = await contact();
    await lever(id, "archive");
    const error = await sdkError(invoiceFor(id));
    expect(error.response.statusCode).toBe(400);
    expect(JSON.stringify(error.response.body)).toMatch(/is archived\. Archived contacts cannot be used/);
  });

  it("restores it: ACTIVE again, newer UpdatedDateUTC, an event, and documents are taken again", async () => {
    const id = await contact();
    await lever(id, "archive");
    const archivedAt = (await byId(id))?.updatedDateUTC;
    await startListening();
    expect((await lever(id, "restore")).status).toBe(200);
    const restored = await byId(id);
    expect(String(restored?.contactStatus)).toBe("ACTIVE");
    expect(restored?.updatedDateUTC?.getTime()).toBeGreaterThan(archivedAt?.getTime() ?? Infinity);
    expect(await contactEvents()).toEqual([["UPDATE", id]]);
    expect((await invoiceFor(id)).body.invoices?.[0]?.hasErrors).toBeFalsy();
  });

  it("refuses a restore onto a name an active contact now has, and archiving twice", async () => {
    const id = await contact("Twin Name Ltd");
    await lever(id, "archive");
    await contact("Twin Name Ltd");
    const refused = await lever(id, "restore");
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(
      /already assigned to another contact/,
    );
    expect((await lever(id, "archive")).status).toBe(400);
  });
});

describe("merge", () => {
  it("archives the merged contact with MergedToContactID, moves its documents, sends an event", async () => {
    const merged = await contact();
    const kept = await contact();
    const invoiceId = (await invoiceFor(merged)).body.invoices?.[0]?.invoiceID ?? "";
    await startListening();
    expect((await lever(merged, "merge", { into: kept })).status).toBe(200);
    const copy = await byId(merged);
    expect(String(copy?.contactStatus)).toBe("ARCHIVED");
    expect(copy?.mergedToContactID).toBe(kept);
    expect(await contactEvents()).toEqual([["UPDATE", merged]]);
    const invoice = (await api().getInvoice(nz, invoiceId)).body.invoices?.[0];
    expect(invoice?.contact?.contactID).toBe(kept);
  });

  it("returns MergedToContactID only when paged or fetched by ID, as the spec says", async () => {
    const merged = await contact();
    const kept = await contact();
    await lever(merged, "merge", { into: kept });
    const paged = await api().getContacts(nz, undefined, undefined, undefined, [merged], 1, true);
    expect(paged.body.contacts?.[0]?.mergedToContactID).toBe(kept);
    const unpaged = await api().getContacts(nz, undefined, undefined, undefined, [merged], undefined, true);
    expect(unpaged.body.contacts?.[0]?.contactID).toBe(merged);
    expect(unpaged.body.contacts?.[0]?.mergedToContactID).toBeUndefined();
  });

  it("refuses merging into itself, into an archived contact, or an archived one", async () => {
    const one = await contact();
    const archived = await contact();
    await lever(archived, "archive");
    expect((await lever(one, "merge", { into: one })).status).toBe(400);
    expect((await lever(one, "merge", { into: archived })).status).toBe(400);
    expect((await lever(archived, "merge", { into: one })).status).toBe(400);
    expect(String((await byId(one))?.contactStatus)).toBe("ACTIVE");
  });

  it("a merged contact is not restored", async () => {
    const merged = await contact();
    await lever(merged, "merge", { into: await contact() });
    expect((await lever(merged, "restore")).status).toBe(400);
  });
});

describe("read-back of many contacts", () => {
  it("50 ContactIDs, paged with archived ones, fit Xero's 2,048-character query; 56 do not", async () => {
    const ids = await Promise.all(Array.from({ length: 50 }, () => contact()));
    const found = await api().getContacts(nz, undefined, undefined, undefined, ids, 1, true, false);
    expect(found.body.contacts).toHaveLength(50);
    const tooMany = [...ids, ...(await Promise.all(Array.from({ length: 6 }, () => contact())))];
    const error = await sdkError(
      api().getContacts(nz, undefined, undefined, undefined, tooMany, 1, true, false),
    );
    expect(error.response.statusCode).toBe(404);
  });
});
