import { describe, expect, it } from "vitest";
import type { DocumentSyncState } from "@/lib/db/schema";
import { carriedView, endedView, formatWait, syncView } from "@/lib/sync/view";
import { xeroDocumentUrl } from "@/lib/xero/document-links";

const XERO_ID = "0a1b2c3d-0000-4000-8000-000000000001";

function state(overrides: Partial<DocumentSyncState> = {}): DocumentSyncState {
  return {
    recordType: "sales_order",
    recordId: "rec",
    state: "sent",
    revision: 2,
    sentRevision: 2,
    xeroId: XERO_ID,
    xeroNumber: "INV-0042",
    xeroStatus: "DRAFT",
    xeroTotal: "42.61",
    factoryTotal: "42.60",
    xeroCurrencyRate: null,
    xeroNotes: null,
    xeroAmountPaid: null,
    xeroAmountDue: null,
    xeroAmountCredited: null,
    xeroPaidOn: null,
    xeroDueDate: null,
    xeroUpdatedAt: null,
    readBackAt: null,
    sentSnapshot: null,
    xeroDrift: null,
    xeroDriftAccepted: null,
    sentPayloadHash: null,
    lastSentAt: new Date("2026-11-25T10:00:00Z"),
    lastAttemptAt: null,
    lastError: null,
    attempts: 0,
    nextAttemptAt: null,
    pendingCreate: null,
    leaseUntil: null,
    updatedAt: new Date("2026-11-25T10:00:00Z"),
    ...overrides,
  };
}

describe("xeroDocumentUrl", () => {
  it("opens each document in the organisation named by its ShortCode", () => {
    expect(xeroDocumentUrl("sales_invoice", "!dfNZ1", XERO_ID)).toBe(
      `https://go.xero.com/organisationlogin/default.aspx?shortcode=!dfNZ1&redirecturl=/AccountsReceivable/View.aspx?InvoiceID=${XERO_ID}`,
    );
    expect(xeroDocumentUrl("bill", "!dfNZ1", XERO_ID)).toContain(
      `/AccountsPayable/Edit.aspx?InvoiceID=${XERO_ID}`,
    );
    expect(xeroDocumentUrl("purchase_order", "!dfNZ1", XERO_ID)).toContain(
      `/Accounts/Payable/PurchaseOrders/View/${XERO_ID}/`,
    );
    expect(xeroDocumentUrl("quote", "!dfNZ1", XERO_ID)).toBe(
      `https://go.xero.com/app/!dfNZ1/quotes/view/${XERO_ID}`,
    );
  });

  it("gives no link without a ShortCode or a Xero id", () => {
    expect(xeroDocumentUrl("quote", null, XERO_ID)).toBeNull();
    expect(xeroDocumentUrl("quote", "!dfNZ1", null)).toBeNull();
  });
});

describe("syncView", () => {
  it("shows Xero's number, status, how far its total differs from Factory's and offers Resend", () => {
    const view = syncView("sales_order", "rec", state(), "!dfNZ1");
    expect(view).toMatchObject({
      stateLabel: "Sent",
      tone: "success",
      xeroNumber: "INV-0042",
      totalDifference: "0.01",
      sendLabel: "Resend",
      canSend: true,
      refreshing: false,
      message: null,
    });
    expect(view.deepLink).toContain("shortcode=!dfNZ1");
  });

  it("offers Resend on an unpaid invoice and none on a paid one, saying why (the planner's verdict)", () => {
    const unpaid = syncView(
      "invoice",
      "rec",
      state({ recordType: "invoice", xeroStatus: "AUTHORISED" }),
      null,
    );
    expect(unpaid).toMatchObject({ sendLabel: "Resend", canSend: true, sendRefusal: null });
    const paid = syncView("invoice", "rec", state({ recordType: "invoice", xeroStatus: "PAID" }), null);
    expect(paid).toMatchObject({
      canSend: false,
      sendRefusal: "The invoice is paid in Xero, which no longer accepts changes to it.",
    });
    // Nor "Retry now" on one waiting for Xero: the planner would answer it "locked" too.
    const waiting = syncView(
      "invoice",
      "rec",
      state({ state: "waiting_for_xero", xeroStatus: "PAID", nextAttemptAt: new Date() }),
      null,
    );
    expect(waiting.canSend).toBe(false);
    // Never in Xero: nothing to refuse.
    expect(syncView("invoice", "rec", state({ xeroId: null, xeroStatus: "PAID" }), null).canSend).toBe(true);
  });

  it("refreshes itself while queued and hides the send button", () => {
    const view = syncView("quote", "rec", state({ state: "queued", xeroId: null }), null);
    expect(view).toMatchObject({
      refreshing: true,
      canSend: false,
      sendLabel: "Send to Xero",
      deepLink: null,
    });
  });

  it("keeps Xero's message on a failed document and shows no difference when totals agree", () => {
    const view = syncView(
      "invoice",
      "rec",
      state({ state: "failed", lastError: "Account code '999' is not a valid code", xeroTotal: "42.60" }),
      "!dfNZ1",
    );
    expect(view).toMatchObject({ tone: "danger", message: "Account code '999' is not a valid code" });
    expect(view.totalDifference).toBeNull();
  });

  it("shows what was shortened to Xero's limits in what Xero holds, and nothing before Xero holds it", () => {
    const notes = ["Reference shortened to Xero's 255 characters"];
    expect(syncView("sales_order", "rec", state({ xeroNotes: notes }), null).notes).toEqual(notes);
    expect(syncView("sales_order", "rec", state({ xeroNotes: null }), null).notes).toEqual([]);
    expect(
      syncView("sales_order", "rec", state({ state: "queued", xeroId: null, xeroNotes: notes }), null).notes,
    ).toEqual([]);
  });

  it("says not sent for a document never evented", () => {
    expect(syncView("bill", "rec", undefined, "!dfNZ1")).toMatchObject({
      state: "not_sent",
      stateLabel: "Not sent",
      sendLabel: "Send to Xero",
    });
  });

  it("says a document waiting for Xero is retrying, with its attempt, its next attempt and Retry now", () => {
    const next = new Date("2026-11-25T10:05:00Z");
    const view = syncView(
      "quote",
      "rec",
      state({
        state: "waiting_for_xero",
        xeroId: null,
        attempts: 9,
        nextAttemptAt: next,
        lastError: "Xero unreachable (connect ECONNREFUSED 127.0.0.1:4010)",
      }),
      null,
    );
    expect(view).toMatchObject({
      stateLabel: "Waiting for Xero",
      tone: "warning",
      waiting: "retrying",
      attempts: 9,
      nextAttemptAt: next.toISOString(),
      message: "Xero unreachable (connect ECONNREFUSED 127.0.0.1:4010)",
      sendLabel: "Retry now",
      canSend: true,
      refreshing: false,
    });
  });

  it("says a document held by Xero's rate limit waits for it, without refreshing every second", () => {
    const view = syncView(
      "quote",
      "rec",
      state({
        state: "queued",
        nextAttemptAt: new Date("2026-11-26T09:00:00Z"),
        lastError: "Waiting for Xero's daily call limit",
      }),
      null,
    );
    expect(view).toMatchObject({
      waiting: "rate_limit",
      sendLabel: "Retry now",
      canSend: true,
      refreshing: false,
    });
  });
});

describe("syncView: a foreign-currency document", () => {
  const usd = { currency: "USD", baseCurrency: "NZD" };

  it("shows Xero's rate and the total in the base currency (1 NZD = 0.5936 USD: 100 USD is 168.46 NZD)", () => {
    const view = syncView(
      "quote",
      "rec",
      state({ xeroTotal: "100.00", factoryTotal: "100.00", xeroCurrencyRate: "0.593600" }),
      null,
      usd,
    );
    expect(view.exchange).toEqual({
      currency: "USD",
      baseCurrency: "NZD",
      rate: "0.5936",
      baseTotal: "168.46",
    });
  });

  it("shows none in the base currency, before Xero gave a rate, or without an organisation", () => {
    const rated = state({ xeroCurrencyRate: "0.593600" });
    expect(
      syncView("quote", "rec", rated, null, { currency: "NZD", baseCurrency: "NZD" }).exchange,
    ).toBeNull();
    expect(syncView("quote", "rec", state(), null, usd).exchange).toBeNull();
    expect(
      syncView("quote", "rec", rated, null, { currency: "USD", baseCurrency: null }).exchange,
    ).toBeNull();
    expect(syncView("quote", "rec", rated, null).exchange).toBeNull();
  });
});

describe("formatWait", () => {
  it("reads like a person would say it", () => {
    expect([400, 40_000, 59_400, 180_000, 3_600_000, 7_500_000].map(formatWait)).toEqual([
      "a moment",
      "40 s",
      "59 s",
      "3 min",
      "1 h",
      "2 h 5 min",
    ]);
  });
});

describe("a sales order's card when Xero holds the sale as an invoice", () => {
  const carrying = {
    id: "3559d38f-e1c4-47e7-b02e-b0b94dfdfcf4",
    number: "SI-00003",
    tookOverDraft: true,
    message: "The order's Xero draft became invoice SI-00003; edit the invoice instead.",
  };

  it("leads to the invoice and offers no send of its own", () => {
    const edited = state({ state: "not_sent", lastError: carrying.message, xeroStatus: "AUTHORISED" });
    const view = carriedView(syncView("sales_order", "so", edited, "!dfNZ1"), carrying);
    expect(view).toMatchObject({
      canSend: false,
      message: null,
      stateLabel: "In Xero as an invoice",
      carriedBy: {
        number: "SI-00003",
        href: "/invoices/3559d38f-e1c4-47e7-b02e-b0b94dfdfcf4",
        message: carrying.message,
      },
    });
  });

  it("leaves every other card as it was", () => {
    const view = syncView("sales_order", "so", state(), null);
    expect(carriedView(view, null)).toBe(view);
    expect(view.carriedBy).toBeNull();
    expect(view.canSend).toBe(true);
  });
});

describe("the card of a document cancelled or voided in Factory", () => {
  const view = (overrides: Partial<DocumentSyncState>, type: "sales_order" | "invoice" = "sales_order") =>
    syncView(type, "rec", state(overrides), null);

  it("says Xero's copy is deleted or voided too, and offers no send", () => {
    expect(endedView(view({ xeroStatus: "DELETED" }), "cancelled", "draft invoice")).toMatchObject({
      stateLabel: "Deleted in Xero",
      tone: "neutral",
      canSend: false,
      ended: "Cancelled in Factory, so the draft invoice is deleted in Xero too.",
    });
    expect(endedView(view({ xeroStatus: "VOIDED" }, "invoice"), "voided", "invoice")).toMatchObject({
      stateLabel: "Voided in Xero",
      ended: "Voided in Factory, so the invoice is voided in Xero too.",
    });
  });

  it("says there is nothing to end in Xero when it never got there", () => {
    const never = view({
      state: "not_sent",
      xeroId: null,
      xeroNumber: null,
      xeroStatus: null,
      lastError: "x",
    });
    expect(endedView(never, "cancelled", "draft invoice")).toMatchObject({
      stateLabel: "Not in Xero",
      canSend: false,
      message: null,
      ended: "Cancelled in Factory before it reached Xero, so there is nothing to delete there.",
    });
  });

  it("leads into Xero's refusal when Xero keeps it, and offers no send the planner would refuse", () => {
    const locked = view({
      state: "locked",
      xeroStatus: "AUTHORISED",
      lastError: "Xero deletes only drafts…",
    });
    expect(endedView(locked, "cancelled", "draft invoice")).toMatchObject({
      ended: "Cancelled in Factory, but Xero keeps its draft invoice:",
      message: "Xero deletes only drafts…",
      canSend: false,
    });
    // Refused for a reason Xero's status doesn't show (a lost answer, say): the planner would send.
    const failed = view({ state: "failed", xeroStatus: "DRAFT", lastError: "Simulated fault" });
    expect(endedView(failed, "cancelled", "draft invoice")).toMatchObject({ canSend: true });
  });

  it("leaves a live document's card alone", () => {
    const live = view({ xeroStatus: "DRAFT" });
    expect(endedView(live, "confirmed", "draft invoice")).toBe(live);
    expect(endedView(live, undefined, "draft invoice")).toBe(live);
  });
});
