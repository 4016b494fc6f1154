import { describe, expect, it, vi } from "vitest";
import type { SyncDocument } from "@/lib/db/queries/sync-documents";
import { allocateCredit } from "@/lib/sync/allocation";
import { creditRelease, planSend, type PlanState, type SendFacts } from "@/lib/sync/planner";
import type { XeroApi } from "@/lib/xero/api/session";

/**
 * Credit notes through the one planner (issue 12): created once what they credit is in Xero, then
 * allocated to it; an allocation whose answer was lost is found in Xero and never made twice.
 */
const INVOICE_XERO_ID = "0a1b2c3d-0000-4000-8000-00000000a001";
const CREDIT_XERO_ID = "0a1b2c3d-0000-4000-8000-00000000c001";

const st = (overrides: Partial<PlanState> = {}): PlanState => ({
  state: "queued",
  revision: 1,
  sentRevision: null,
  xeroId: null,
  xeroStatus: null,
  pendingCreate: null,
  sentPayloadHash: null,
  ...overrides,
});

function creditFacts(own: PlanState, invoice: PlanState | undefined, allocationSettled = false): SendFacts {
  return {
    type: "credit_note",
    id: "cn-1",
    factoryStatus: "issued",
    state: own,
    party: { kind: "customer", name: "Acme", linked: true },
    mayCreateContact: true,
    connection: "connected",
    currency: { code: "NZD", enabled: ["NZD"], organisationName: "Demo" },
    credit: {
      credited: { type: "invoice", id: "inv-1", number: "SI-00007", state: invoice },
      allocationSettled,
    },
  };
}

const invoiceInXero = st({
  state: "sent",
  sentRevision: 1,
  xeroId: INVOICE_XERO_ID,
  xeroStatus: "AUTHORISED",
});
const creditInXero = st({ state: "sent", sentRevision: 1, xeroId: CREDIT_XERO_ID, xeroStatus: "AUTHORISED" });

describe("planning a credit note", () => {
  it("waits for its invoice to reach Xero, naming it", () => {
    expect(planSend(creditFacts(st(), st({ state: "queued" })))).toMatchObject({
      kind: "wait",
      reason: "credited",
      message: "Waiting for invoice SI-00007 to reach Xero.",
    });
    expect(planSend(creditFacts(st(), st({ state: "not_sent" })))).toMatchObject({
      kind: "wait",
      message: "Send invoice SI-00007 to Xero first: the credit is allocated to it there.",
    });
  });

  it("creates it, to be allocated to the invoice Xero holds", () => {
    expect(planSend(creditFacts(st(), invoiceInXero))).toEqual({
      kind: "create",
      createContact: false,
      allocateTo: { type: "invoice", number: "SI-00007", xeroId: INVOICE_XERO_ID },
    });
  });

  it("allocates a credit Xero holds whose allocation isn't settled, and skips it once it is", () => {
    expect(planSend(creditFacts(creditInXero, invoiceInXero))).toMatchObject({
      kind: "allocate",
      xeroId: CREDIT_XERO_ID,
    });
    expect(planSend(creditFacts(creditInXero, invoiceInXero, true))).toMatchObject({
      kind: "skip",
      upToDate: true,
    });
  });

  it("replays a create whose answer was lost before anything else", () => {
    const pending = { idempotencyKey: "k", revision: 1, payload: {} };
    expect(planSend(creditFacts(st({ pendingCreate: pending }), invoiceInXero))).toMatchObject({
      kind: "replay",
    });
  });
});

const doc = { type: "credit_note", id: "cn-1", number: "CN-00001", date: "2026-11-26" } as SyncDocument;
const to = { type: "invoice" as const, number: "SI-00007", xeroId: INVOICE_XERO_ID };

function fakeXero(
  credit: { status: string; remaining: number; allocatedToInvoice?: number },
  amountDue: number,
) {
  const createCreditNoteAllocation = vi.fn().mockResolvedValue({ body: {} });
  const api = {
    tenantId: "t",
    accounting: {
      getCreditNote: vi.fn().mockResolvedValue({
        body: {
          creditNotes: [
            {
              status: credit.status,
              remainingCredit: credit.remaining,
              allocations: credit.allocatedToInvoice
                ? [{ amount: credit.allocatedToInvoice, invoice: { invoiceID: INVOICE_XERO_ID } }]
                : [],
            },
          ],
        },
      }),
      getInvoice: vi.fn().mockResolvedValue({ body: { invoices: [{ status: "AUTHORISED", amountDue }] } }),
      createCreditNoteAllocation,
    },
  } as unknown as XeroApi;
  return { api, createCreditNoteAllocation };
}

describe("allocating a credit note", () => {
  it("allocates the smaller of its remaining credit and the invoice's amount due, under its key", async () => {
    const { api, createCreditNoteAllocation } = fakeXero({ status: "AUTHORISED", remaining: 115 }, 80.5);
    expect(await allocateCredit(api, doc, CREDIT_XERO_ID, to)).toMatchObject({
      amount: "80.50",
      status: "AUTHORISED", // 34.50 of credit left
    });
    expect(createCreditNoteAllocation).toHaveBeenCalledWith(
      "t",
      CREDIT_XERO_ID,
      { allocations: [{ invoice: { invoiceID: INVOICE_XERO_ID }, amount: 80.5, date: "2026-11-26" }] },
      false,
      "factory-credit_note-cn-1-allocate-80.50",
    );
  });

  it("finds an allocation already in Xero (its answer was lost) and doesn't allocate again", async () => {
    const { api, createCreditNoteAllocation } = fakeXero(
      { status: "PAID", remaining: 0, allocatedToInvoice: 115 },
      0,
    );
    expect(await allocateCredit(api, doc, CREDIT_XERO_ID, to)).toMatchObject({ amount: "115.00" });
    expect(createCreditNoteAllocation).not.toHaveBeenCalled();
  });

  it("allocates nothing to an invoice with nothing due", async () => {
    const { api, createCreditNoteAllocation } = fakeXero({ status: "AUTHORISED", remaining: 115 }, 0);
    expect(await allocateCredit(api, doc, CREDIT_XERO_ID, to)).toMatchObject({ amount: "0.00" });
    expect(createCreditNoteAllocation).not.toHaveBeenCalled();
  });
});

describe("voiding a credit note", () => {
  const voided = (xeroStatus: string | null, xeroId: string | null = CREDIT_XERO_ID) => ({
    ...creditFacts(
      st({ state: "queued", revision: 3, sentRevision: 2, xeroId, xeroStatus }),
      invoiceInXero,
      true,
    ),
    factoryStatus: "voided",
  });
  const release = { type: "invoice" as const, number: "SI-00007", xeroId: INVOICE_XERO_ID };

  it("voids one Xero holds approved or fully allocated, taking its allocation off first; deletes a draft", () => {
    expect(planSend(voided("PAID"))).toEqual({
      kind: "status",
      xeroId: CREDIT_XERO_ID,
      heldStatus: "PAID",
      steps: ["VOIDED"],
      release,
    });
    expect(planSend(voided("AUTHORISED"))).toMatchObject({ kind: "status", steps: ["VOIDED"], release });
    const draft = planSend(voided("DRAFT"));
    expect(draft).toMatchObject({ kind: "status", steps: ["DELETED"] });
    expect(draft).not.toHaveProperty("release");
    expect(planSend(voided("VOIDED"))).toMatchObject({ kind: "skip", upToDate: true });
    expect(planSend(voided(null, null))).toMatchObject({
      kind: "skip",
      message: "Never sent to Xero, so there is nothing to void there.",
    });
  });

  it("takes off only the allocation to the invoice it credits; a refund or another allocation refuses", () => {
    const mine = {
      id: "a1",
      invoiceId: INVOICE_XERO_ID.toUpperCase(),
      invoiceNumber: "INV-0007",
      amount: "30.00",
    };
    const other = {
      id: "a2",
      invoiceId: "0a1b2c3d-0000-4000-8000-00000000a002",
      invoiceNumber: "INV-0009",
      amount: "57.50",
    };
    expect(creditRelease({ status: "PAID", allocations: [mine], payments: 0 }, release)).toEqual({
      remove: ["a1"],
      amount: "30.00",
    });
    // Removed already (a lost answer): nothing left to take off.
    expect(creditRelease({ status: "AUTHORISED", allocations: [], payments: 0 }, release)).toEqual({
      remove: [],
      amount: "0.00",
    });
    expect(creditRelease({ status: "PAID", allocations: [mine, other], payments: 0 }, release)).toEqual({
      refusal:
        "The credit note is allocated in Xero to INV-0009 too, which Factory didn't do, and Xero voids only one with nothing allocated. Remove that allocation in Xero, then retry.",
    });
    expect(creditRelease({ status: "PAID", allocations: [mine], payments: 1 }, release)).toMatchObject({
      refusal: expect.stringContaining("Remove the refund in Xero, then retry.") as string,
    });
  });
});
