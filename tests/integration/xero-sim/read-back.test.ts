import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreditNote, Invoice } from "xero-node";
import type { RunningXeroSim } from "@/xero-sim/server";
import { admin, connect, NZ, sdkError, startSim } from "./harness";

/**
 * Reading many documents back at once, as Xero allows (xero_accounting.yaml GET /Invoices :7335-7430:
 * `IDs` "comma-separated list of InvoicesIDs" of `format: uuid`, `InvoiceNumbers`, `Statuses`, `page`
 * "Up to 100 invoices", the `If-Modified-Since` header; GET /Contacts the same for contacts).
 */
let sim: RunningXeroSim;
let session: Awaited<ReturnType<typeof connect>>;
let nz: string;
let contactID: string;
const ids: string[] = [];
beforeAll(async () => {
  sim = await startSim({ limits: { perMinute: 10_000 } });
  session = await connect(sim, { organisations: [NZ] });
  nz = session.tenantId(NZ);
  contactID =
    (await api().createContacts(nz, { contacts: [{ name: "Read Back Ltd" }] })).body.contacts?.[0]
      ?.contactID ?? "";
  // 105 invoices in two batches: more than one page.
  for (const batch of [60, 45]) {
    const created = await api().createInvoices(nz, {
      invoices: Array.from({ length: batch }, () => ({
        type: Invoice.TypeEnum.ACCREC,
        contact: { contactID },
        date: "2026-11-20",
        status: Invoice.StatusEnum.AUTHORISED,
        lineItems: [{ description: "Bracket", quantity: 1, unitAmount: 10, accountCode: "200" }],
      })),
    });
    ids.push(...(created.body.invoices ?? []).map((i) => i.invoiceID ?? ""));
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

describe("GET /Invoices for read-back", () => {
  it("IDs returns exactly the named invoices; an unknown id is simply not returned", async () => {
    const unknown = "0f0f0f0f-0000-4000-8000-000000000000";
    const named = [ids[3] ?? "", ids[70] ?? "", unknown];
    const found = await api().getInvoices(nz, undefined, undefined, undefined, named);
    expect(found.body.invoices?.map((i) => i.invoiceID).sort()).toEqual([ids[3], ids[70]].sort());
  });

  it("refuses an IDs list with a malformed GUID (the spec's format: uuid)", async () => {
    const answer = await rawGet(`/Invoices?IDs=${ids[0] ?? ""},not-a-guid`);
    expect(answer.status).toBe(400);
  });

  it("filters by InvoiceNumbers and Statuses", async () => {
    const first = (await api().getInvoice(nz, ids[0] ?? "")).body.invoices?.[0];
    const byNumber = await api().getInvoices(nz, undefined, undefined, undefined, undefined, [
      first?.invoiceNumber ?? "",
    ]);
    expect(byNumber.body.invoices?.map((i) => i.invoiceID)).toEqual([ids[0]]);
    await admin(sim, "POST", `/sim/orgs/${nz}/invoices/${ids[1] ?? ""}/payments`, {});
    const paid = await api().getInvoices(
      nz,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      [contactID],
      ["PAID"],
    );
    expect(paid.body.invoices?.map((i) => i.invoiceID)).toEqual([ids[1]]);
  });

  it("pages at 100 with pagination figures", async () => {
    const page1 = await rawGet(`/Invoices?page=1`);
    const page2 = await rawGet(`/Invoices?page=2`);
    expect((page1.body.Invoices as unknown[]).length).toBe(100);
    expect(page1.body.pagination).toMatchObject({ page: 1, pageSize: 100, pageCount: 2, itemCount: 105 });
    expect((page2.body.Invoices as unknown[]).length).toBe(5);
  });

  it("If-Modified-Since returns only what changed after it (paid, voided), paged the same way", async () => {
    const mark = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5)); // UpdatedDateUTC has millisecond precision
    await admin(sim, "POST", `/sim/orgs/${nz}/invoices/${ids[10] ?? ""}/payments`, { amount: 1 });
    await api().updateInvoice(nz, ids[20] ?? "", { invoices: [{ status: Invoice.StatusEnum.VOIDED }] });
    const changed = await api().getInvoices(
      nz,
      mark,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      1,
    );
    expect(changed.body.invoices?.map((i) => i.invoiceID).sort()).toEqual([ids[10], ids[20]].sort());
  });

  it("refuses a query string longer than Xero's gateway takes (about 52 GUIDs) with a 404", async () => {
    // Xero-Java#328 / Xero-OpenAPI#534: 52 IDs answer, 53 give 404; Xero-NetStandard#413: more than
    // 55 give 404 "The resource you're looking for cannot be found". A query over 2,048 characters.
    const fifty = await api().getInvoices(nz, undefined, undefined, undefined, ids.slice(0, 50));
    expect(fifty.body.invoices).toHaveLength(50);
    const error = await sdkError(api().getInvoices(nz, undefined, undefined, undefined, ids.slice(0, 60)));
    expect(error.response.statusCode).toBe(404);
  });
});

describe("GET /Contacts with If-Modified-Since", () => {
  it("returns only contacts changed after it (API writes and edits in Xero alike)", async () => {
    const mark = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const created = await api().createContacts(nz, { contacts: [{ name: "Changed Later Ltd" }] });
    await admin(sim, "POST", `/sim/orgs/${nz}/contacts/${contactID}/edit`, {
      EmailAddress: "new@readback.example",
    });
    const changed = await api().getContacts(nz, mark);
    expect(changed.body.contacts?.map((c) => c.contactID).sort()).toEqual(
      [created.body.contacts?.[0]?.contactID, contactID].sort(),
    );
  });
});

describe("GET /CreditNotes with If-Modified-Since", () => {
  it("returns the credit notes changed after it, an allocation included (spec GET /CreditNotes :5212)", async () => {
    const made = await api().createCreditNotes(nz, {
      creditNotes: [0, 1].map(() => ({
        type: CreditNote.TypeEnum.ACCRECCREDIT,
        contact: { contactID },
        date: "2026-11-21",
        status: CreditNote.StatusEnum.AUTHORISED,
        lineItems: [{ description: "Credit", quantity: 1, unitAmount: 5, accountCode: "200" }],
      })),
    });
    const [kept, allocated] = made.body.creditNotes?.map((c) => c.creditNoteID ?? "") ?? [];
    const mark = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await api().createCreditNoteAllocation(nz, allocated ?? "", {
      allocations: [{ invoice: { invoiceID: ids[30] ?? "" }, amount: 5, date: "2026-11-21" }],
    });
    const changed = await api().getCreditNotes(nz, mark, undefined, undefined, 1);
    expect(changed.body.creditNotes?.map((c) => c.creditNoteID)).toEqual([allocated]);
    expect(kept).toBeTruthy();
    // The invoice it was allocated to changed too.
    const invoices = await api().getInvoices(nz, mark);
    expect(invoices.body.invoices?.map((i) => i.invoiceID)).toContain(ids[30]);
  });
});

describe("GET /CreditNotes by id", () => {
  it("has no IDs filter (the spec lists where, order and page only): IDs is ignored; where names them", async () => {
    const made = await api().createCreditNotes(nz, {
      creditNotes: [0, 1, 2].map(() => ({
        type: CreditNote.TypeEnum.ACCRECCREDIT,
        contact: { contactID },
        date: "2026-11-22",
        status: CreditNote.StatusEnum.AUTHORISED,
        lineItems: [{ description: "Credit", quantity: 1, unitAmount: 3, accountCode: "200" }],
      })),
    });
    const [first, second] = made.body.creditNotes?.map((c) => c.creditNoteID ?? "") ?? [];
    // Not a filter Xero offers on credit notes: every credit note comes back.
    const ignored = await rawGet(`/CreditNotes?IDs=${first ?? ""}`);
    expect((ignored.body.CreditNotes as unknown[]).length).toBeGreaterThan(1);
    // Named in where, as Factory's read-back does (lib/xero/api/read-back.ts).
    const named = await api().getCreditNotes(
      nz,
      undefined,
      `CreditNoteID==Guid("${first ?? ""}") OR CreditNoteID==Guid("${second ?? ""}")`,
    );
    expect(named.body.creditNotes?.map((c) => c.creditNoteID).sort()).toEqual([first, second].sort());
  });
});
