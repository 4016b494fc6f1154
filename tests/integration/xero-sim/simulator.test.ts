import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Contact, Invoice, PurchaseOrder, QuoteStatusCodes } from "xero-node";
import type { RunningXeroSim } from "@/xero-sim/server";
import { admin, clientFor, connect, NZ, sdkError, startSim, UK } from "./harness";

/** Behaviour only the simulator has (demo data, admin levers, persistence) or decides (409 on key reuse). */
let sim: RunningXeroSim;
let session: Awaited<ReturnType<typeof connect>>;
let nz: string;
beforeAll(async () => {
  sim = await startSim({ limits: { perMinute: 10_000 } });
  session = await connect(sim);
  nz = session.tenantId(NZ);
});
afterAll(() => sim.close());
const api = () => session.client.accountingApi;

async function contactNamed(name: string): Promise<Contact | undefined> {
  const found = await api().getContacts(
    nz,
    undefined,
    `Name=="${name}"`,
    undefined,
    undefined,
    undefined,
    true,
  );
  return found.body.contacts?.[0];
}

describe("demo data", () => {
  it("has two organisations with different base currencies, tax rates and charts of accounts", async () => {
    const uk = session.tenantId(UK);
    const [nzOrg, ukOrg] = await Promise.all([api().getOrganisations(nz), api().getOrganisations(uk)]);
    expect(String(nzOrg.body.organisations?.[0]?.baseCurrency)).toBe("NZD");
    expect(String(ukOrg.body.organisations?.[0]?.baseCurrency)).toBe("GBP");
    const rate = async (tenant: string, type: string) =>
      (await api().getTaxRates(tenant)).body.taxRates?.find((r) => r.taxType === type)?.effectiveRate;
    expect(await rate(nz, "OUTPUT2")).toBe(15);
    expect(await rate(uk, "OUTPUT2")).toBe(20);
    expect(await rate(uk, "ZERORATEDOUTPUT")).toBe(0);
    const accounts = (await api().getAccounts(nz)).body.accounts ?? [];
    const byCode = (code: string) => accounts.find((a) => a.code === code);
    expect(String(byCode("494")?.status)).toBe("ARCHIVED");
    expect(String(byCode("610")?.systemAccount)).toBe("DEBTORS");
    expect(String(byCode("800")?.systemAccount)).toBe("CREDITORS");
    expect(["200", "260", "300", "310"].every((code) => byCode(code))).toBe(true);
  });

  it("seeds about 200 contacts and 50 items per organisation", async () => {
    const state = await admin<{ orgs: { counts: { contacts: number; items: number } }[] }>(
      sim,
      "GET",
      "/sim/state",
    );
    for (const org of state.orgs) {
      expect(org.counts.contacts).toBeGreaterThanOrEqual(190);
      expect(org.counts.contacts).toBeLessThanOrEqual(210);
      expect(org.counts.items).toBeGreaterThanOrEqual(45);
    }
  });

  it("includes contacts that match Factory's demo customers and suppliers in the ways the wizard must handle", async () => {
    expect(await contactNamed("Harbour Marine Engineering Ltd")).toMatchObject({
      emailAddress: "accounts@harbourmarine.example",
    });
    expect(await contactNamed("kiwi agricultural  machinery")).toBeTruthy();
    expect((await contactNamed("Summit Construction Group"))?.contactStatus).toBe(
      Contact.ContactStatusEnum.ARCHIVED,
    );
    expect(await contactNamed("Riverside Brewing Company Limited")).toMatchObject({
      emailAddress: "orders@riversidebrewing.example",
    });
    expect(await contactNamed("Coastal Signs and Displays")).toBeTruthy();
    const byNumber = await api().getContactByContactNumber(nz, "C-00006");
    expect(byNumber.body.contacts?.[0]?.name).toBe("Northern Rail Services Ltd");
    expect(await contactNamed("Steel & Tube Distributors")).toMatchObject({
      emailAddress: "sales@steeltube.example",
    });
    expect(await contactNamed("Pacific Aluminium Supplies")).toMatchObject({
      emailAddress: "orders@pacal.example",
    });
  });

  it("seeds 10,000 more contacts on request and pages through them 1,000 at a time", async () => {
    const seeded = await admin<{ created: number; total: number }>(
      sim,
      "POST",
      `/sim/orgs/${nz}/contacts/seed`,
      {
        count: 10_000,
      },
    );
    expect(seeded.created).toBe(10_000);
    const first = await api().getContacts(
      nz,
      undefined,
      undefined,
      undefined,
      undefined,
      1,
      undefined,
      true,
      undefined,
      1000,
    );
    const { pageCount = 0, itemCount = 0 } = first.body.pagination ?? {};
    expect(itemCount).toBeGreaterThan(10_000);
    expect(pageCount).toBe(Math.ceil(itemCount / 1000));
    let seen = first.body.contacts?.length ?? 0;
    for (let page = 2; page <= pageCount; page++) {
      const next = await api().getContacts(
        nz,
        undefined,
        undefined,
        undefined,
        undefined,
        page,
        undefined,
        true,
        undefined,
        1000,
      );
      seen += next.body.contacts?.length ?? 0;
    }
    expect(seen).toBe(itemCount);
  });
});

describe("scopes", () => {
  it("enforces granular scopes per endpoint: .read allows GET only, other families are refused", async () => {
    const { client, tenantId } = await connect(sim, {
      scopes: ["offline_access", "accounting.contacts.read"],
      organisations: [NZ],
    });
    const tenant = tenantId(NZ);
    await expect(
      client.accountingApi.getContacts(tenant, undefined, undefined, undefined, undefined, 1),
    ).resolves.toBeTruthy();
    const write = await sdkError(
      client.accountingApi.createContacts(tenant, { contacts: [{ name: "Nope" }] }),
    );
    expect(write.response.statusCode).toBe(403);
    expect(String((write.response.body as { Detail: string }).Detail)).toContain("accounting.contacts");
    expect((await sdkError(client.accountingApi.getInvoices(tenant))).response.statusCode).toBe(403);
    expect((await sdkError(client.accountingApi.getItems(tenant))).response.statusCode).toBe(403);
    expect((await sdkError(client.accountingApi.getOrganisations(tenant))).response.statusCode).toBe(403);
  });
});

describe("admin levers", () => {
  async function customerId(): Promise<string> {
    const created = await api().createContacts(nz, { contacts: [{ name: `Lever ${Math.random()}` }] });
    return created.body.contacts?.[0]?.contactID ?? "";
  }
  const invoice = (contactID: string, date: string, status: Invoice.StatusEnum): Invoice => ({
    type: Invoice.TypeEnum.ACCREC,
    contact: { contactID },
    date,
    status,
    lineItems: [
      { description: "Welding", quantity: 2, unitAmount: 95, accountCode: "200", taxType: "OUTPUT2" },
    ],
  });

  it("edits a contact as someone in Xero would, read-only fields included, and the API shows it", async () => {
    const id = await customerId();
    // Website is read-only in the API (xero_accounting.yaml Contact.Website): only Xero's screens set it.
    await api().updateContact(nz, id, { contacts: [{ website: "https://ignored.example" }] });
    expect((await api().getContact(nz, id)).body.contacts?.[0]?.website).toBeUndefined();
    await admin(sim, "POST", `/sim/orgs/${nz}/contacts/${id}/edit`, { Website: "https://lever.example" });
    expect((await api().getContact(nz, id)).body.contacts?.[0]?.website).toBe("https://lever.example");
  });

  it("marks an invoice paid, after which Xero refuses changes", async () => {
    const created = await api().createInvoices(nz, {
      invoices: [invoice(await customerId(), "2026-11-20", Invoice.StatusEnum.AUTHORISED)],
    });
    const id = created.body.invoices?.[0]?.invoiceID ?? "";
    await admin(sim, "POST", `/sim/invoices/${id}/pay`);
    const paid = (await api().getInvoice(nz, id)).body.invoices?.[0];
    expect(paid?.status).toBe(Invoice.StatusEnum.PAID);
    expect(paid?.amountDue).toBe(0);
    expect(paid?.amountPaid).toBe(218.5);
    const error = await sdkError(api().updateInvoice(nz, id, { invoices: [{ reference: "change" }] }));
    const body = error.response.body as { Elements: { ValidationErrors: { Message: string }[] }[] };
    expect(body.Elements[0]?.ValidationErrors[0]?.Message).toBe(
      "This document cannot be edited as it has a payment or credit note allocated to it.",
    );
  });

  it("applies lock dates to posted documents but not to drafts", async () => {
    await admin(sim, "POST", `/sim/orgs/${nz}/lock-dates`, { periodLockDate: "2026-10-31" });
    try {
      const contact = await customerId();
      const result = await api().createInvoices(
        nz,
        {
          invoices: [
            invoice(contact, "2026-10-15", Invoice.StatusEnum.AUTHORISED),
            invoice(contact, "2026-10-15", Invoice.StatusEnum.DRAFT),
          ],
        },
        false,
      );
      const [posted, draft] = result.body.invoices ?? [];
      expect(posted?.validationErrors?.[0]?.message).toContain("period lock date");
      expect(draft?.hasErrors).toBe(false);
      const org = (await api().getOrganisations(nz)).body.organisations?.[0];
      expect(org?.periodLockDate).toBeInstanceOf(Date);
    } finally {
      await admin(sim, "POST", `/sim/orgs/${nz}/lock-dates`, { periodLockDate: null });
    }
  });

  it("refuses an Idempotency-Key reused for a different body with 409, and marks replays", async () => {
    const contact = await customerId();
    const key = `key-${Math.random()}`;
    const body = { invoices: [invoice(contact, "2026-11-20", Invoice.StatusEnum.DRAFT)] };
    await api().createInvoices(nz, body, false, undefined, key);
    const replay = await api().createInvoices(nz, body, false, undefined, key);
    expect((replay.response.headers as Record<string, string>)["idempotent-replayed"]).toBe("true");
    body.invoices[0] = { ...body.invoices[0], reference: "different" };
    const conflict = await sdkError(api().createInvoices(nz, body, false, undefined, key));
    expect(conflict.response.statusCode).toBe(409);
    expect(String((conflict.response.body as { Detail: string }).Detail)).toContain("different request");
    const log = await admin<{ requests: { idempotencyKey?: string; idempotentReplay?: boolean }[] }>(
      sim,
      "GET",
      "/sim/requests",
    );
    expect(
      log.requests.filter((r) => r.idempotencyKey === key).map((r) => r.idempotentReplay ?? false),
    ).toEqual([false, true, false]);
  });

  it("records spec violations in the request log with the reason", async () => {
    const { lastId } = await admin<{ lastId: number }>(sim, "GET", "/sim/requests?limit=1");
    const error = await sdkError(api().getContacts(nz, undefined, undefined, undefined, ["not-a-uuid"]));
    expect(error.response.statusCode).toBe(400);
    expect(String((error.response.body as { Message: string }).Message)).toContain(
      '"IDs/0" must match format "uuid"',
    );
    const log = await admin<{ requests: { status: number; validationError?: string }[] }>(
      sim,
      "GET",
      `/sim/requests?sinceId=${lastId}`,
    );
    expect(log.requests[0]).toMatchObject({ status: 400 });
    expect(log.requests[0]?.validationError).toContain("getContacts");
  });
});

describe("document rules", () => {
  async function contactId(name: string): Promise<string> {
    const created = await api().createContacts(nz, { contacts: [{ name: `${name} ${Math.random()}` }] });
    return created.body.contacts?.[0]?.contactID ?? "";
  }
  const line = {
    description: "Folding",
    quantity: 10,
    unitAmount: 3.2,
    accountCode: "200",
    taxType: "OUTPUT2",
  };

  it("locks INVOICED quotes and BILLED purchase orders against edits", async () => {
    const customer = await contactId("Quote Lock");
    const quote = (
      await api().createQuotes(nz, {
        quotes: [{ contact: { contactID: customer }, date: "2026-11-20", lineItems: [line] }],
      })
    ).body.quotes?.[0];
    for (const status of [QuoteStatusCodes.SENT, QuoteStatusCodes.ACCEPTED, QuoteStatusCodes.INVOICED]) {
      await api().updateQuote(nz, quote?.quoteID ?? "", {
        quotes: [{ contact: { contactID: customer }, date: "2026-11-20", status }],
      });
    }
    const quoteError = await sdkError(
      api().updateQuote(nz, quote?.quoteID ?? "", {
        quotes: [{ contact: { contactID: customer }, date: "2026-11-21" }],
      }),
    );
    expect(JSON.stringify(quoteError.response.body)).toContain(
      "cannot be edited as it has a status of INVOICED",
    );

    const supplier = await contactId("PO Lock");
    const po = (
      await api().createPurchaseOrders(nz, {
        purchaseOrders: [
          {
            contact: { contactID: supplier },
            lineItems: [{ ...line, accountCode: "300", taxType: "INPUT2" }],
          },
        ],
      })
    ).body.purchaseOrders?.[0];
    expect(po?.date).toBeInstanceOf(Date);
    for (const status of [PurchaseOrder.StatusEnum.AUTHORISED, PurchaseOrder.StatusEnum.BILLED]) {
      await api().updatePurchaseOrder(nz, po?.purchaseOrderID ?? "", { purchaseOrders: [{ status }] });
    }
    const poError = await sdkError(
      api().updatePurchaseOrder(nz, po?.purchaseOrderID ?? "", { purchaseOrders: [{ reference: "late" }] }),
    );
    expect(JSON.stringify(poError.response.body)).toContain("cannot be edited as it has a status of BILLED");
  });

  it("fills a line from its item, refuses discounts on bills and shows a renamed contact's new name", async () => {
    const customer = await contactId("Rename Me");
    const invoice = (
      await api().createInvoices(nz, {
        invoices: [
          {
            type: Invoice.TypeEnum.ACCREC,
            contact: { contactID: customer },
            lineItems: [{ itemCode: "LAB-WELD", quantity: 2 }],
          },
        ],
      })
    ).body.invoices?.[0];
    expect(invoice?.lineItems?.[0]).toMatchObject({
      unitAmount: 95,
      accountCode: "200",
      taxType: "OUTPUT2",
      lineAmount: 190,
    });
    expect(invoice?.totalTax).toBe(28.5);

    await api().updateContact(nz, customer, { contacts: [{ name: `Renamed ${customer}` }] });
    const reread = (await api().getInvoice(nz, invoice?.invoiceID ?? "")).body.invoices?.[0];
    expect(reread?.contact?.name).toBe(`Renamed ${customer}`);

    const bill = await api().createInvoices(
      nz,
      {
        invoices: [
          {
            type: Invoice.TypeEnum.ACCPAY,
            contact: { contactID: customer },
            lineItems: [{ ...line, accountCode: "300", taxType: "INPUT2", discountRate: 10 }],
          },
        ],
      },
      false,
    );
    expect(bill.body.invoices?.[0]?.validationErrors?.[0]?.message).toContain("Discounts");
  });
});

describe("state", () => {
  it("keeps data, grants and connections across a restart when given a state file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xero-sim-"));
    const stateFile = join(dir, "state.json");
    try {
      const first = await startSim({ stateFile });
      const { client, tenantId } = await connect(first, { organisations: [NZ] });
      await client.accountingApi.createContacts(tenantId(NZ), { contacts: [{ name: "Survives Restart" }] });
      const saved = client.readTokenSet();
      await first.close();

      const second = await startSim({ stateFile });
      try {
        const restarted = await clientFor(second);
        restarted.setTokenSet(saved);
        const refreshed = await restarted.refreshToken();
        expect(refreshed.access_token).toBeTruthy();
        expect((await restarted.updateTenants()).map((c) => c.tenantName)).toEqual([NZ]);
        const found = await restarted.accountingApi.getContacts(
          tenantId(NZ),
          undefined,
          'Name=="Survives Restart"',
        );
        expect(found.body.contacts).toHaveLength(1);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("resets to the seed", async () => {
    const own = await startSim();
    try {
      const { client, tenantId } = await connect(own, { organisations: [NZ] });
      await client.accountingApi.createContacts(tenantId(NZ), { contacts: [{ name: "Before Reset" }] });
      await admin(own, "POST", "/sim/reset");
      const state = await admin<{ connections: unknown[]; orgs: { counts: { contacts: number } }[] }>(
        own,
        "GET",
        "/sim/state",
      );
      expect(state.connections).toEqual([]);
      expect(state.orgs[0]?.counts.contacts).toBe(200);
    } finally {
      await own.close();
    }
  });
});
