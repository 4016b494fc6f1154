import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PurchaseOrder, QuoteStatusCodes } from "xero-node";
import type { RunningXeroSim } from "@/xero-sim/server";
import { connect, NZ, startSim } from "./harness";

/**
 * Reading quotes and purchase orders back, as Xero allows: neither has webhooks (xero-webhooks.yaml
 * categories: CONTACT, INVOICE, CREDITNOTE, SUBSCRIPTION) and neither GET takes IDs
 * (xero_accounting.yaml getQuotes :14265: If-Modified-Since, DateFrom/To, ExpiryDateFrom/To,
 * ContactID, Status, page "Up to 100 Quotes", order, QuoteNumber — no pageSize; getPurchaseOrders
 * :12944: If-Modified-Since, Status, DateFrom/To, order, page, pageSize). So Factory polls them by
 * UpdatedDateUTC, which every change moves, and the simulator's admin edit lever is someone changing
 * one in Xero's own screens.
 */
let sim: RunningXeroSim;
let session: Awaited<ReturnType<typeof connect>>;
let nz: string;
let contactID: string;
const quoteIds: string[] = [];
const orderIds: string[] = [];

beforeAll(async () => {
  sim = await startSim({ limits: { perMinute: 10_000 } });
  session = await connect(sim, { organisations: [NZ] });
  nz = session.tenantId(NZ);
  contactID =
    (await api().createContacts(nz, { contacts: [{ name: "Quote Read Back Ltd" }] })).body.contacts?.[0]
      ?.contactID ?? "";
  const line = { description: "Frame", quantity: 2, unitAmount: 100, accountCode: "200", taxType: "OUTPUT2" };
  // 105 of each: more than one page.
  for (const batch of [60, 45]) {
    const quotes = await api().createQuotes(nz, {
      quotes: Array.from({ length: batch }, () => ({
        contact: { contactID },
        date: "2026-11-25",
        expiryDate: "2026-12-25",
        lineItems: [line],
      })),
    });
    quoteIds.push(...(quotes.body.quotes ?? []).map((q) => q.quoteID ?? ""));
    const orders = await api().createPurchaseOrders(nz, {
      purchaseOrders: Array.from({ length: batch }, () => ({
        contact: { contactID },
        date: "2026-11-25",
        deliveryDate: "2026-12-01",
        lineItems: [{ ...line, accountCode: "300", taxType: "INPUT2" }],
      })),
    });
    orderIds.push(...(orders.body.purchaseOrders ?? []).map((p) => p.purchaseOrderID ?? ""));
  }
}, 60_000);
afterAll(() => sim.close());
const api = () => session.client.accountingApi;

async function rawGet(path: string, headers: Record<string, string> = {}) {
  const accessToken = session.client.readTokenSet().access_token ?? "";
  const response = await fetch(`${sim.url}/api.xro/2.0${path}`, {
    headers: {
      authorization: `Bearer ${accessToken}`,
      "xero-tenant-id": nz,
      accept: "application/json",
      ...headers,
    },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function edit(kind: "quotes" | "purchase-orders", id: string, fields: Record<string, unknown>) {
  const response = await fetch(`${sim.url}/sim/orgs/${nz}/${kind}/${id}/edit`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fields),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** UpdatedDateUTC has millisecond precision: a mark taken, then a millisecond gone by. */
async function mark() {
  const at = new Date();
  await new Promise((resolve) => setTimeout(resolve, 5));
  return at;
}

describe("GET /Quotes for read-back", () => {
  it("pages at 100 whatever pageSize asks (the spec has no pageSize on quotes)", async () => {
    const page1 = await rawGet("/Quotes?page=1&pageSize=10");
    expect((page1.body.Quotes as unknown[]).length).toBe(100);
    const page2 = await rawGet("/Quotes?page=2");
    expect((page2.body.Quotes as unknown[]).length).toBe(5);
  });

  it("If-Modified-Since returns only what changed after it: an edit in Xero's screens and a status change", async () => {
    const since = await mark();
    const edited = await edit("quotes", quoteIds[3] ?? "", {
      LineItems: [{ Description: "Frame, painted", Quantity: 3, UnitAmount: 110, AccountCode: "200" }],
    });
    expect(edited.status).toBe(200);
    await api().updateQuote(nz, quoteIds[7] ?? "", {
      quotes: [{ contact: { contactID }, date: "2026-11-25", status: QuoteStatusCodes.SENT }],
    });
    const changed = await api().getQuotes(
      nz,
      since,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      1,
      "UpdatedDateUTC ASC",
    );
    const quotes = changed.body.quotes ?? [];
    expect(quotes.map((q) => q.quoteID)).toEqual([quoteIds[3], quoteIds[7]]);
    expect(quotes[0]?.lineItems?.map((l) => [l.description, l.quantity, l.unitAmount, l.lineAmount])).toEqual(
      [["Frame, painted", 3, 110, 330]],
    );
    expect(quotes[0]?.total).toBe(379.5);
    expect(quotes[1]?.status).toBe("SENT");
    for (const quote of quotes)
      expect(new Date(quote.updatedDateUTC ?? 0).getTime()).toBeGreaterThan(since.getTime());
  });

  it("leaves DELETED quotes out unless asked for by Status", async () => {
    const since = await mark();
    await api().updateQuote(nz, quoteIds[9] ?? "", {
      quotes: [{ contact: { contactID }, date: "2026-11-25", status: QuoteStatusCodes.DELETED }],
    });
    const listed = await api().getQuotes(nz, since);
    expect(listed.body.quotes ?? []).toEqual([]);
    const deleted = await api().getQuotes(
      nz,
      since,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      "DELETED",
    );
    expect(deleted.body.quotes?.map((q) => [q.quoteID, q.status])).toEqual([[quoteIds[9], "DELETED"]]);
  });

  it("an edit Xero would refuse is refused by the lever too (an INVOICED quote can't change)", async () => {
    const id = quoteIds[11] ?? "";
    for (const status of ["SENT", "ACCEPTED", "INVOICED"])
      expect((await edit("quotes", id, { Status: status })).status).toBe(200);
    const refused = await edit("quotes", id, {
      LineItems: [{ Description: "Changed", Quantity: 1, UnitAmount: 1 }],
    });
    expect(refused.status).toBe(400);
    const [quote] = (await api().getQuote(nz, id)).body.quotes ?? [];
    expect(quote?.lineItems?.[0]?.description).toBe("Frame");
  });
});

describe("GET /PurchaseOrders for read-back", () => {
  it("pages at 100, or at pageSize", async () => {
    const page1 = await rawGet("/PurchaseOrders?page=1");
    expect((page1.body.PurchaseOrders as unknown[]).length).toBe(100);
    expect(page1.body.pagination).toMatchObject({ page: 1, pageSize: 100, pageCount: 2, itemCount: 105 });
    const small = await rawGet("/PurchaseOrders?page=3&pageSize=10");
    expect((small.body.PurchaseOrders as unknown[]).length).toBe(10);
  });

  it("If-Modified-Since returns only what changed after it; BILLED moves UpdatedDateUTC", async () => {
    const since = await mark();
    await edit("purchase-orders", orderIds[5] ?? "", { DeliveryDate: "2026-12-24" });
    await api().updatePurchaseOrder(nz, orderIds[6] ?? "", {
      purchaseOrders: [{ contact: { contactID }, status: PurchaseOrder.StatusEnum.AUTHORISED }],
    });
    await api().updatePurchaseOrder(nz, orderIds[6] ?? "", {
      purchaseOrders: [{ contact: { contactID }, status: PurchaseOrder.StatusEnum.BILLED }],
    });
    const changed = await api().getPurchaseOrders(
      nz,
      since,
      undefined,
      undefined,
      undefined,
      "UpdatedDateUTC ASC",
      1,
    );
    const orders = changed.body.purchaseOrders ?? [];
    expect(orders.map((p) => [p.purchaseOrderID, p.status])).toEqual([
      [orderIds[5], "DRAFT"],
      [orderIds[6], "BILLED"],
    ]);
    expect(new Date(orders[0]?.deliveryDate ?? 0).toISOString().slice(0, 10)).toBe("2026-12-24");
    const later = await mark();
    expect((await api().getPurchaseOrders(nz, later)).body.purchaseOrders ?? []).toEqual([]);
  });

  it("leaves DELETED purchase orders out unless asked for by Status", async () => {
    const since = await mark();
    await api().updatePurchaseOrder(nz, orderIds[8] ?? "", {
      purchaseOrders: [{ contact: { contactID }, status: PurchaseOrder.StatusEnum.DELETED }],
    });
    expect((await api().getPurchaseOrders(nz, since)).body.purchaseOrders ?? []).toEqual([]);
    const deleted = await api().getPurchaseOrders(nz, since, "DELETED");
    expect(deleted.body.purchaseOrders?.map((p) => p.purchaseOrderID)).toEqual([orderIds[8]]);
  });
});
