import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { syncSuite } from "./support/suite";

/**
 * A supplier credit against a bill Xero holds as a DRAFT (Factory's default bill status) can't be
 * allocated yet: Xero allocates credit only to an approved bill (xero-api.md §8). The allocation
 * waits, unsettled, with the reason on record, and is made once read-back sees the bill AUTHORISED,
 * once. Asserted from the simulator's state: the credit note's Allocations, RemainingCredit, the
 * bill's AmountDue, and how many allocation requests reached it.
 */
const { sim, ctx } = await syncSuite("sync_credit_allocation");
const { simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { getSyncState, listSyncLog } = await import("@/lib/db/queries/sync-states");
const { findBillLines } = await import("@/lib/db/queries/bills");
const { findPurchaseOrderLines } = await import("@/lib/db/queries/purchase-orders");
const { createCreditNote } = await import("@/lib/factory/credit-notes");
const { convertToBill, createPurchaseOrder } = await import("@/lib/factory/purchase-orders");
const { creditNotes } = await import("@/lib/db/schema");
const { pollReadBack } = await import("@/lib/sync/read-back");
const fixtures = await import("../documents/fixtures");

type SimRequest = { method: string; path: string };
const allocationCalls = async () =>
  ((await simAdmin(sim, "GET", "/sim/requests?limit=1000")) as { requests: SimRequest[] }).requests.filter(
    (r) => r.method === "PUT" && r.path.endsWith("/Allocations"),
  ).length;

const sentState = (type: "bill" | "supplier_credit", id: string) =>
  waitFor(
    `${type} ${id} sent`,
    async () => {
      const state = await getSyncState(ctx.db, type, id);
      if (state?.state === "failed") throw new Error(`${type} failed: ${state.lastError ?? ""}`);
      return state?.state === "sent" && state.xeroId ? state : undefined;
    },
    45_000,
  );

const noteRow = async (id: string) =>
  (await ctx.db.select().from(creditNotes).where(eq(creditNotes.id, id)))[0];
const xeroRecord = async (collection: "invoices" | "creditNotes", field: string, xeroId: string) =>
  (await simRecords(sim, ctx.tenantId, collection)).find((r) => r[field] === xeroId);

describe("a supplier credit against a bill that is a draft in Xero", () => {
  it("waits, says so, and is allocated once when read-back sees the bill approved", async () => {
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
        supplierInvoiceNumber: "SUP-880",
        billDate: "2026-11-25",
        dueDate: "2026-12-20",
        lines: [{ orderLineId: orderLine!.id, quantity: "4" }],
      },
      ctx.userId,
    );
    const sentBill = await sentState("bill", bill.id);
    expect((await xeroRecord("invoices", "InvoiceID", sentBill.xeroId!))?.Status).toBe("DRAFT");

    const [billLine] = await findBillLines(ctx.db, bill.id);
    const credit = await createCreditNote(
      ctx.db,
      {
        kind: "supplier",
        creditedId: bill.id,
        idempotencyKey: randomUUID(),
        creditDate: "2026-11-27",
        reference: "SUP-CN-88",
        notes: "",
        lines: [{ lineId: billLine!.id, quantity: "1" }], // 20 + 3 GST
      },
      ctx.userId,
    );
    const sentCredit = await sentState("supplier_credit", credit.id);
    const allocateEntry = await waitFor("the allocation's log entry", async () =>
      (await listSyncLog(ctx.db, { recordId: credit.id })).find((entry) => entry.operation === "allocate"),
    );
    expect(allocateEntry.message).toBe(
      `Will be allocated to bill ${bill.number} when it is approved in Xero (Xero holds it as draft, and allocates credit only to an approved bill).`,
    );
    // Xero holds the credit, unallocated; Factory keeps the allocation open.
    expect(await xeroRecord("creditNotes", "CreditNoteID", sentCredit.xeroId!)).toMatchObject({
      Status: "AUTHORISED",
      Total: 23,
      RemainingCredit: 23,
      Allocations: [],
    });
    expect(await noteRow(credit.id)).toMatchObject({ allocationSettledAt: null, allocatedAmount: "0.00" });
    expect(await allocationCalls()).toBe(0);

    // Someone approves the bill in Xero; read-back sees it and the allocation is made.
    await simAdmin(sim, "POST", `/sim/orgs/${ctx.tenantId}/invoices/${sentBill.xeroId}/approve`);
    await pollReadBack(ctx.db);
    const settled = await waitFor(
      "the allocation settled",
      async () => {
        const row = await noteRow(credit.id);
        return row?.allocationSettledAt ? row : undefined;
      },
      45_000,
    );
    expect(settled.allocatedAmount).toBe("23.00");
    expect(await xeroRecord("invoices", "InvoiceID", sentBill.xeroId!)).toMatchObject({
      Status: "AUTHORISED",
      AmountDue: 69,
      AmountCredited: 23,
    });
    expect(await xeroRecord("creditNotes", "CreditNoteID", sentCredit.xeroId!)).toMatchObject({
      Status: "PAID",
      RemainingCredit: 0,
    });
    expect(await allocationCalls()).toBe(1);

    // Read-back sees the bill changed again (by the allocation): nothing is queued, nothing allocated twice.
    await pollReadBack(ctx.db);
    await pollReadBack(ctx.db);
    expect((await getSyncState(ctx.db, "supplier_credit", credit.id))?.state).toBe("sent");
    expect(await allocationCalls()).toBe(1);
  });
});
