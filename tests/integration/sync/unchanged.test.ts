import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { syncSuite } from "./support/suite";

/**
 * The planner's "unchanged" (docs/sync.md#one-planner): an edit whose Xero payload is the one Xero
 * last accepted (Factory's own notes, or a form saved as it was) is planned "skip" and costs no Xero
 * call and no sync log entry, for every document type; a real change is exactly one update; "Resend"
 * (Factory's version over Xero's) sends even an unchanged payload. Counted in the simulator's own
 * request log.
 */
const { sim, ctx, kit } = await syncSuite("sync_unchanged");
const { simAdmin, waitFor } = await import("./support/sync-db");
const { getSyncState, listSyncLog } = await import("@/lib/db/queries/sync-states");
const { findInvoiceLines } = await import("@/lib/db/queries/invoices");
const { findBillLines } = await import("@/lib/db/queries/bills");
const { findPurchaseOrderLines } = await import("@/lib/db/queries/purchase-orders");
const { editInvoice } = await import("@/lib/factory/invoices");
const { editBill } = await import("@/lib/factory/bills");
const { createQuote, updateQuoteFromForm } = await import("@/lib/factory/quotes");
const { createSalesOrder, updateSalesOrderFromForm } = await import("@/lib/factory/sales-orders");
const { convertToBill, createPurchaseOrder, updatePurchaseOrderFromForm } =
  await import("@/lib/factory/purchase-orders");
const { sendDocumentsNow } = await import("@/lib/sync/enqueue");
const fixtures = await import("../documents/fixtures");

type DocType = "quote" | "sales_order" | "invoice" | "purchase_order" | "bill";
type SimRequest = { id: number; method: string; path: string };
const requests = async () =>
  ((await simAdmin(sim, "GET", "/sim/requests?limit=1000")) as { requests: SimRequest[] }).requests;
const lastRequestId = async () => Math.max(0, ...(await requests()).map((request) => request.id));

/** The calls that wrote to this Xero document since request `since` (updates and status changes). */
const writesTo = async (xeroId: string, since: number) =>
  (await requests()).filter(
    (request) => request.id > since && request.method !== "GET" && request.path.includes(xeroId),
  );

/** Waits until Xero holds the document's latest revision, newer than `after`. */
const upToDate = (type: DocType, id: string, after = 0) =>
  waitFor(
    `${type} ${id} up to date in Xero after revision ${after}`,
    async () => {
      const state = await getSyncState(ctx.db, type, id);
      return state?.state === "sent" && state.sentRevision === state.revision && state.revision > after
        ? state
        : undefined;
    },
    45_000,
  );

const logOf = async (id: string) => listSyncLog(ctx.db, { recordId: id });

/** Each type's document, made (and sent by auto-send), and its edit: new notes and, if given, a new reference. */
interface Case {
  type: DocType;
  make: () => Promise<{ id: string; edit: (notes: string, reference?: string) => Promise<unknown> }>;
}

/**
 * A document edited through its whole form (quotes, orders, purchase orders): saved again as it was
 * created, with `notes` and `reference`. The form is made once the suite's records exist.
 */
function formCase<Form extends { notes: string; reference: string }>(
  type: DocType,
  formOf: () => Form,
  create: (db: typeof ctx.db, form: Form, userId: string) => Promise<{ id: string; version: number }>,
  update: (
    db: typeof ctx.db,
    form: Form & { id: string; version: number; idempotencyKey: string },
    userId: string,
  ) => Promise<{ version: number }>,
  before?: () => Promise<unknown>,
): Case {
  return {
    type,
    make: async () => {
      await before?.();
      const form = formOf();
      const created = await create(ctx.db, form, ctx.userId);
      let version = created.version;
      return {
        id: created.id,
        edit: async (notes, reference = "") => {
          const saved = await update(
            ctx.db,
            { ...form, id: created.id, version, idempotencyKey: randomUUID(), notes, reference },
            ctx.userId,
          );
          version = saved.version;
        },
      };
    },
  };
}

const line = () => [fixtures.line({ quantity: "2", unitPrice: "10", taxRateId: ctx.gstId })];

const cases: Case[] = [
  formCase(
    "quote",
    () => fixtures.quoteForm(ctx.customerId, { lines: line() }),
    createQuote,
    updateQuoteFromForm,
  ),
  formCase(
    "sales_order",
    () => fixtures.salesOrderForm(ctx.customerId, { lines: line() }),
    createSalesOrder,
    updateSalesOrderFromForm,
    () => kit.setAutoSend({ orders: true }),
  ),
  formCase(
    "purchase_order",
    () => fixtures.purchaseOrderForm(ctx.supplierId, { lines: line() }),
    createPurchaseOrder,
    updatePurchaseOrderFromForm,
  ),
  {
    type: "invoice",
    make: async () => {
      await kit.setAutoSend({ orders: false, invoices: true });
      const order = await kit.newOrder();
      const invoice = await kit.invoice(order.id);
      let version = invoice.version;
      return {
        id: invoice.id,
        edit: async (notes, reference = "") => {
          const lines = await findInvoiceLines(ctx.db, invoice.id);
          const saved = await editInvoice(
            ctx.db,
            {
              id: invoice.id,
              version,
              idempotencyKey: randomUUID(),
              dueDate: invoice.dueDate,
              reference,
              notes,
              lines: lines.map((line) => ({ id: line.id, description: line.description })),
            },
            ctx.userId,
          );
          version = saved.version;
        },
      };
    },
  },
  {
    type: "bill",
    make: async () => {
      const order = await createPurchaseOrder(
        ctx.db,
        fixtures.purchaseOrderForm(ctx.supplierId, {
          lines: [fixtures.line({ quantity: "4", unitPrice: "20", taxRateId: ctx.gstId })],
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
          supplierInvoiceNumber: "SUP-1",
          billDate: "2026-11-25",
          dueDate: "2026-12-20",
          lines: [{ orderLineId: orderLine!.id, quantity: "2" }],
        },
        ctx.userId,
      );
      let version = bill.version;
      return {
        id: bill.id,
        edit: async (notes, reference) => {
          const lines = await findBillLines(ctx.db, bill.id);
          const saved = await editBill(
            ctx.db,
            {
              id: bill.id,
              version,
              idempotencyKey: randomUUID(),
              // A bill's reference in Xero is the supplier's invoice number.
              supplierInvoiceNumber: reference ? `SUP-1 ${reference}` : "SUP-1",
              dueDate: "2026-12-20",
              notes,
              lines: lines.map((line) => ({ id: line.id, description: line.description })),
            },
            ctx.userId,
          );
          version = saved.version;
        },
      };
    },
  },
];

describe("an edit that changes nothing Xero holds", { timeout: 120_000 }, () => {
  it.each(cases)(
    "$type: notes alone cost no Xero call; a real change is one update",
    async ({ type, make }) => {
      const doc = await make();
      const sent = await upToDate(type, doc.id);
      const xeroId = sent.xeroId!;
      const logBefore = (await logOf(doc.id)).length;
      let since = await lastRequestId();

      await doc.edit("Ring before delivery");
      const skipped = await upToDate(type, doc.id, sent.revision);
      expect(skipped).toMatchObject({ xeroId, state: "sent", attempts: 0, lastError: null });
      expect(await writesTo(xeroId, since)).toEqual([]);
      // No sync log entry either: nothing was attempted.
      expect(await logOf(doc.id)).toHaveLength(logBefore);

      since = await lastRequestId();
      await doc.edit("Ring first", "PO 12");
      const updated = await upToDate(type, doc.id, skipped.revision);
      expect(updated.xeroId).toBe(xeroId);
      const writes = await writesTo(xeroId, since);
      expect(writes.map((request) => request.method)).toEqual(["POST"]);
      expect(await logOf(doc.id)).toHaveLength(logBefore + 1);

      // Saved again exactly as it is: nothing goes (an invoice's or bill's form records no change at
      // all; a quote's or order's records one, whose send the planner skips).
      since = await lastRequestId();
      await doc.edit("Ring first", "PO 12");
      await upToDate(type, doc.id, updated.revision - 1);
      expect(await writesTo(xeroId, since)).toEqual([]);
      expect(await logOf(doc.id)).toHaveLength(logBefore + 1);
    },
  );
});

describe("Resend", { timeout: 120_000 }, () => {
  it("sends Factory's version even when it is the payload Xero last accepted", async () => {
    const [quoteCase] = cases;
    const doc = await quoteCase!.make();
    const sent = await upToDate("quote", doc.id);
    const since = await lastRequestId();
    await ctx.db.transaction((tx) => sendDocumentsNow(tx, "quote", [doc.id], { newRevision: true }));
    await upToDate("quote", doc.id, sent.revision);
    expect((await writesTo(sent.xeroId!, since)).map((request) => request.method)).toEqual(["POST"]);
  });
});
