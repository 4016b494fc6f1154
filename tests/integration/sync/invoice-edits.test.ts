import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { APP_URL } from "./support/sim-env";
import { syncSuite } from "./support/suite";

/**
 * Issue 13: an invoice or bill edited in Factory reaches Xero through the outbox as an update of the
 * document Xero holds (same id, same number, no second document), and once Xero no longer accepts
 * changes (paid) the edit is refused, in Factory, with Xero's own words.
 */
const { sim, ctx, kit } = await syncSuite("sync_invoice_edits", { settings: { billStatus: "AUTHORISED" } });
const { simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { getSyncState } = await import("@/lib/db/queries/sync-states");
const { findInvoiceLines } = await import("@/lib/db/queries/invoices");
const { findBillLines } = await import("@/lib/db/queries/bills");
const { findPurchaseOrderLines } = await import("@/lib/db/queries/purchase-orders");
const { editInvoice } = await import("@/lib/factory/invoices");
const { editBill } = await import("@/lib/factory/bills");
const { convertToBill, createPurchaseOrder } = await import("@/lib/factory/purchase-orders");
const fixtures = await import("../documents/fixtures");

type SimRequest = { id: number; method: string; path: string; idempotencyKey?: string };
const requests = async () =>
  ((await simAdmin(sim, "GET", "/sim/requests?limit=1000")) as { requests: SimRequest[] }).requests;

/** Waits until Xero holds the document's latest revision. */
const upToDate = (type: "invoice" | "bill", id: string) =>
  waitFor(`${type} ${id} up to date in Xero`, async () => {
    const state = await getSyncState(ctx.db, type, id);
    return state?.state === "sent" && state.sentRevision === state.revision ? state : undefined;
  });

/** A day as the simulator's wire format writes it, like Xero's: `/Date(ms+0000)/`. */
const wireDay = (day: string) => `/Date(${Date.parse(`${day}T00:00:00Z`)}+0000)/`;

const xeroDocument = async (xeroId: string | null) =>
  (await simRecords(sim, ctx.tenantId, "invoices")).find((record) => record.InvoiceID === xeroId);

/** The invoice edit form as it opens, with `changes`. */
async function invoiceForm(invoice: { id: string; version: number; dueDate: string }, changes = {}) {
  const lines = await findInvoiceLines(ctx.db, invoice.id);
  return {
    id: invoice.id,
    version: invoice.version,
    idempotencyKey: randomUUID(),
    dueDate: invoice.dueDate,
    reference: "",
    notes: "",
    lines: lines.map((line) => ({ id: line.id, description: line.description })),
    ...changes,
  };
}

describe("an edited invoice reaches Xero as an update", () => {
  it("changes the due date, reference and a line of the invoice Xero holds, keeping its number", async () => {
    await kit.setAutoSend({ orders: true, invoices: true });
    const order = await kit.newOrder();
    await kit.stateOf("sales_order", order.id, "sent");
    const invoice = await kit.invoice(order.id);
    const before = await upToDate("invoice", invoice.id);
    const held = await xeroDocument(before.xeroId);
    expect(held).toMatchObject({ Status: "AUTHORISED", DueDate: wireDay("2026-12-20") });
    const since = Math.max(0, ...(await requests()).map((request) => request.id));

    const form = await invoiceForm(invoice, {
      dueDate: "2027-01-15",
      reference: "PO 7781",
    });
    form.lines[0]!.description = "Frame, powder coated";
    await editInvoice(ctx.db, form, ctx.userId);
    const after = await upToDate("invoice", invoice.id);

    expect(after).toMatchObject({ xeroId: before.xeroId, xeroNumber: before.xeroNumber, revision: 2 });
    const updated = await xeroDocument(before.xeroId);
    expect(updated).toMatchObject({
      InvoiceNumber: before.xeroNumber,
      Status: "AUTHORISED",
      DueDate: wireDay("2027-01-15"),
      Reference: `${invoice.number} · ${order.number} · PO 7781`,
      Total: Number(invoice.total),
      Url: `${APP_URL}/invoices/${invoice.id}`,
    });
    expect((updated?.LineItems as { Description: string }[]).map((line) => line.Description)).toEqual([
      "Frame, powder coated",
      "Bracket",
      `Factory order #${order.number}`,
    ]);
    // One update of that invoice, under the revision's key; no create, no second invoice of the sale.
    const sent = (await requests()).filter(
      (request) => request.id > since && request.path.includes("/Invoices"),
    );
    expect(sent.map((request) => [request.method, request.path, request.idempotencyKey])).toEqual([
      ["POST", `/api.xro/2.0/Invoices/${before.xeroId}`, `factory-invoice-${invoice.id}-r2-update`],
    ]);
    expect(await kit.xeroInvoicesOf(order.number)).toHaveLength(1);
  });

  it("an edit of Factory's own notes alone is saved and audited, with no call to Xero", async () => {
    await kit.setAutoSend({ orders: false, invoices: true });
    const order = await kit.newOrder();
    const invoice = await kit.invoice(order.id);
    const before = await upToDate("invoice", invoice.id);
    const since = Math.max(0, ...(await requests()).map((request) => request.id));

    const saved = await editInvoice(
      ctx.db,
      await invoiceForm(invoice, { notes: "Ring before delivery" }),
      ctx.userId,
    );
    expect(saved.notes).toBe("Ring before delivery");
    // The mappers send no notes: the planner finds the payload Xero last accepted and skips the
    // send ("unchanged"), so Xero holds the new revision without a call.
    const skipped = await waitFor("the notes' revision held by Xero", async () => {
      const state = await getSyncState(ctx.db, "invoice", invoice.id);
      return state?.state === "sent" && state.sentRevision === before.revision + 1 ? state : undefined;
    });
    expect(skipped).toMatchObject({ revision: before.revision + 1, attempts: 0 });
    expect((await requests()).filter((request) => request.id > since)).toEqual([]);

    // A change Xero holds, made with the notes, still goes.
    await editInvoice(
      ctx.db,
      await invoiceForm(saved, { notes: "Ring first", reference: "PO 12" }),
      ctx.userId,
    );
    const after = await upToDate("invoice", invoice.id);
    expect(after.revision).toBe(before.revision + 2);
    expect(await xeroDocument(before.xeroId)).toMatchObject({
      Reference: `${invoice.number} · ${order.number} · PO 12`,
    });
  });

  it("a bill's new supplier invoice number and due date reach the bill Xero holds", async () => {
    const order = await createPurchaseOrder(
      ctx.db,
      fixtures.purchaseOrderForm(ctx.supplierId, {
        lines: [
          fixtures.line({ description: "Steel plate", quantity: "4", unitPrice: "20", taxRateId: ctx.gstId }),
        ],
      }),
      ctx.userId,
    );
    const [orderLine] = await findPurchaseOrderLines(ctx.db, order.id);
    const bill = await convertToBill(
      ctx.db,
      {
        purchaseOrderId: order.id,
        version: order.version,
        idempotencyKey: randomUUID(),
        supplierInvoiceNumber: "SUP-991",
        billDate: "2026-11-25",
        dueDate: "2026-12-20",
        lines: [{ orderLineId: orderLine!.id, quantity: "4" }],
      },
      ctx.userId,
    );
    const before = await upToDate("bill", bill.id);
    expect(await xeroDocument(before.xeroId)).toMatchObject({
      InvoiceNumber: "SUP-991",
      Status: "AUTHORISED",
    });

    const [line] = await findBillLines(ctx.db, bill.id);
    await editBill(
      ctx.db,
      {
        id: bill.id,
        version: bill.version,
        idempotencyKey: randomUUID(),
        supplierInvoiceNumber: "SUP-991-A",
        dueDate: "2027-01-31",
        notes: "",
        lines: [{ id: line!.id, description: "Steel plate, 10 mm" }],
      },
      ctx.userId,
    );
    const after = await upToDate("bill", bill.id);
    expect(after.xeroId).toBe(before.xeroId);
    const updated = await xeroDocument(before.xeroId);
    expect(updated).toMatchObject({
      Type: "ACCPAY",
      InvoiceNumber: "SUP-991-A",
      DueDate: wireDay("2027-01-31"),
      Status: "AUTHORISED",
      Total: Number(bill.total),
      Url: `${APP_URL}/bills/${bill.id}`,
    });
    expect((updated?.LineItems as { Description: string }[])[0]?.Description).toBe("Steel plate, 10 mm");
  });
});

describe("an invoice Xero no longer accepts changes to", () => {
  it("an edit made before Factory heard of the payment ends locked with Xero's words; the next is refused", async () => {
    await kit.setAutoSend({ orders: false, invoices: true });
    const order = await kit.newOrder();
    const invoice = await kit.invoice(order.id);
    const sent = await upToDate("invoice", invoice.id);
    await simAdmin(sim, "POST", `/sim/invoices/${sent.xeroId}/pay`);

    // Factory has not heard of the payment: the edit is saved, and its update is refused by Xero.
    const saved = await editInvoice(
      ctx.db,
      await invoiceForm(invoice, { reference: "too late" }),
      ctx.userId,
    );
    const locked = await kit.stateOf("invoice", invoice.id, "locked");
    expect(locked.lastError).toContain("payment or credit note allocated");
    expect(await xeroDocument(sent.xeroId)).toMatchObject({
      Status: "PAID",
      Reference: `${invoice.number} · ${order.number}`,
    });

    // Now Factory knows: the next edit is refused before anything is written or sent.
    const since = Math.max(0, ...(await requests()).map((request) => request.id));
    await expect(
      editInvoice(ctx.db, await invoiceForm(saved, { reference: "later still" }), ctx.userId),
    ).rejects.toThrow(
      `Invoice ${invoice.number} can't be changed: This document cannot be edited as it has a payment or credit note allocated to it.`,
    );
    expect(await getSyncState(ctx.db, "invoice", invoice.id)).toMatchObject({
      state: "locked",
      revision: locked.revision,
    });
    expect(
      (await requests()).filter((request) => request.id > since && request.path.includes("/Invoices")),
    ).toEqual([]);
  });
});
