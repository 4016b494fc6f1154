import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CreditNote, Invoice } from "xero-node";
import type { RunningXeroSim } from "@/xero-sim/server";
import { connect, NZ, startSim, UK } from "./harness";

/**
 * Where Xero fills in a date, it is today in the ORGANISATION's time zone, not UTC's: "If the Date
 * element is not specified it will default to the current date based on the timezone setting of the
 * organisation" (xero_accounting.yaml Invoice.Date :22348, CreditNote.Date :21602). A payment made
 * today is dated today there too, and so is the FullyPaidOnDate it brings. At 12:00 UTC on 3 Dec it is
 * 01:00 on 4 Dec in Auckland (NZDT, UTC+13) and still 3 Dec in London, so the two organisations of
 * the simulator name different days at the same moment.
 */
const NOW = new Date("2026-12-03T12:00:00Z");
const dateOf = (day: string) => `/Date(${Date.parse(`${day}T00:00:00Z`)}+0000)/`;

let sim: RunningXeroSim;
let session: Awaited<ReturnType<typeof connect>>;
beforeAll(async () => {
  // Only Date is faked (frozen at NOW), so timers and sockets run as usual.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  sim = await startSim({ limits: { perMinute: 10_000 } });
  session = await connect(sim, { organisations: [NZ, UK] });
});
afterAll(async () => {
  await sim.close();
  vi.useRealTimers();
});
const api = () => session.client.accountingApi;

async function raw(tenantId: string, path: string): Promise<Record<string, unknown>> {
  const accessToken = session.client.readTokenSet().access_token ?? "";
  const response = await fetch(`${sim.url}/api.xro/2.0/${path}`, {
    headers: {
      authorization: `Bearer ${accessToken}`,
      "xero-tenant-id": tenantId,
      accept: "application/json",
    },
  });
  const body = (await response.json()) as Record<string, unknown>;
  const records = body[path.split("/")[0] ?? ""] as Record<string, unknown>[] | undefined;
  return records?.[0] ?? {};
}

let contacts = 0;

/** An approved invoice of 100 + GST/VAT, sent with no Date. */
async function undatedInvoice(tenantId: string, taxType: string, type = Invoice.TypeEnum.ACCREC) {
  const contact = await api().createContacts(tenantId, { contacts: [{ name: `Dates ${++contacts}` }] });
  const created = await api().createInvoices(tenantId, {
    invoices: [
      {
        type,
        contact: { contactID: contact.body.contacts?.[0]?.contactID ?? "" },
        status: Invoice.StatusEnum.AUTHORISED,
        ...(type === Invoice.TypeEnum.ACCPAY ? { invoiceNumber: `SUP-${Date.now()}` } : {}),
        dueDate: "2026-12-31",
        lineItems: [
          {
            description: "Welding",
            quantity: 1,
            unitAmount: 100,
            accountCode: type === Invoice.TypeEnum.ACCPAY ? "300" : "200",
            taxType,
          },
        ],
      },
    ],
  });
  return created.body.invoices?.[0]?.invoiceID ?? "";
}

async function payInFull(tenantId: string, invoiceId: string) {
  const response = await fetch(`${sim.url}/sim/orgs/${tenantId}/invoices/${invoiceId}/payments`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  expect(response.status).toBe(201);
}

describe("dates Xero fills in are days in the organisation's time zone", () => {
  it("an invoice sent with no Date is dated today in Auckland: 4 Dec at 12:00 UTC on 3 Dec", async () => {
    const nz = session.tenantId(NZ);
    const id = await undatedInvoice(nz, "OUTPUT2");
    expect(await raw(nz, `Invoices/${id}`)).toMatchObject({
      Date: dateOf("2026-12-04"),
      DateString: "2026-12-04T00:00:00",
    });
  });

  it("in London at the same moment it is still 3 Dec", async () => {
    const uk = session.tenantId(UK);
    const id = await undatedInvoice(uk, "OUTPUT2");
    expect((await raw(uk, `Invoices/${id}`)).DateString).toBe("2026-12-03T00:00:00");
  });

  it("a payment made today (no date given) and the FullyPaidOnDate it brings are 4 Dec in Auckland", async () => {
    const nz = session.tenantId(NZ);
    for (const type of [Invoice.TypeEnum.ACCREC, Invoice.TypeEnum.ACCPAY]) {
      const id = await undatedInvoice(nz, type === Invoice.TypeEnum.ACCPAY ? "INPUT2" : "OUTPUT2", type);
      await payInFull(nz, id);
      const paid = await raw(nz, `Invoices/${id}`);
      expect(paid).toMatchObject({ Status: "PAID", FullyPaidOnDate: dateOf("2026-12-04") });
      expect((paid.Payments as Record<string, unknown>[])[0]).toMatchObject({ Date: dateOf("2026-12-04") });
    }
  });

  it("a credit note sent with no Date is 4 Dec in Auckland (an allocation must name its Date: spec)", async () => {
    const nz = session.tenantId(NZ);
    const contact = await api().createContacts(nz, { contacts: [{ name: `Dates ${++contacts}` }] });
    const contactID = contact.body.contacts?.[0]?.contactID ?? "";
    const created = await api().createCreditNotes(nz, {
      creditNotes: [
        {
          type: CreditNote.TypeEnum.ACCRECCREDIT,
          contact: { contactID },
          status: CreditNote.StatusEnum.AUTHORISED,
          lineItems: [
            { description: "Return", quantity: 1, unitAmount: 10, accountCode: "200", taxType: "OUTPUT2" },
          ],
        },
      ],
    });
    const creditId = created.body.creditNotes?.[0]?.creditNoteID ?? "";
    expect((await raw(nz, `CreditNotes/${creditId}`)).DateString).toBe("2026-12-04T00:00:00");
  });
});
