import { beforeAll, describe, expect, it } from "vitest";
import type { XeroListState } from "@/lib/db/queries/document-list";
import { listPurchaseOrders } from "@/lib/db/queries/purchase-orders";
import { listQuotes } from "@/lib/db/queries/quotes";
import { listSalesOrders } from "@/lib/db/queries/sales-orders";
import { documentSyncStates, type SyncDocumentType, type SyncState } from "@/lib/db/schema";
import { createPurchaseOrder } from "@/lib/factory/purchase-orders";
import { createQuote } from "@/lib/factory/quotes";
import { createSalesOrder } from "@/lib/factory/sales-orders";
import { eq } from "drizzle-orm";
import { testDb } from "../../support/db";
import { purchaseOrderForm, quoteForm, salesOrderForm, seedBasics } from "./fixtures";

const db = testDb();
let basics: Awaited<ReturnType<typeof seedBasics>>;
beforeAll(async () => {
  basics = await seedBasics(db);
});

/** Puts a document in a sync state as the worker would leave it (or removes its record: `null`). */
async function setSyncState(
  recordType: SyncDocumentType,
  recordId: string,
  state: SyncState | null,
  xeroNumber: string | null = null,
) {
  await db.delete(documentSyncStates).where(eq(documentSyncStates.recordId, recordId));
  if (state) await db.insert(documentSyncStates).values({ recordType, recordId, state, xeroNumber });
}

const query = (search: string, xero: XeroListState | "all") => ({
  search,
  status: "all" as const,
  xero,
  sort: "number" as const,
  direction: "asc" as const,
  page: 1,
  pageSize: 25,
});

describe("the Xero column and filter of the document lists", () => {
  it("filters quotes by Xero state, exactly those documents, and shows Xero's number and state", async () => {
    const states: [SyncState | null, string | null][] = [
      ["sent", "QU-0101"],
      ["locked", "QU-0102"],
      ["failed", null],
      ["queued", null],
      ["waiting_for_contact", null],
      ["waiting_for_xero", null],
      ["not_sent", null],
      [null, null],
    ];
    const ids: string[] = [];
    for (const [state, xeroNumber] of states) {
      const quote = await createQuote(db, quoteForm(basics.customer.id), basics.user.id);
      await setSyncState("quote", quote.id, state, xeroNumber);
      ids.push(quote.id);
    }
    const search = basics.customer.name;
    const idsIn = async (xero: XeroListState | "all") => {
      const page = await listQuotes(db, query(search, xero));
      expect(page.total).toBe(page.rows.length);
      return page.rows.map((row) => row.id).sort();
    };
    const pick = (...indexes: number[]) => indexes.map((index) => ids[index]!).sort();

    expect(await idsIn("sent")).toEqual(pick(0));
    expect(await idsIn("locked")).toEqual(pick(1));
    expect(await idsIn("failed")).toEqual(pick(2));
    expect(await idsIn("waiting")).toEqual(pick(3, 4, 5));
    expect(await idsIn("not_sent")).toEqual(pick(6, 7));
    expect(await idsIn("all")).toEqual(pick(0, 1, 2, 3, 4, 5, 6, 7));

    const rows = new Map((await listQuotes(db, query(search, "all"))).rows.map((row) => [row.id, row]));
    expect(rows.get(ids[0]!)).toMatchObject({ xeroNumber: "QU-0101", xeroState: "sent" });
    expect(rows.get(ids[1]!)).toMatchObject({ xeroNumber: "QU-0102", xeroState: "locked" });
    expect(rows.get(ids[4]!)).toMatchObject({ xeroNumber: null, xeroState: "waiting_for_contact" });
    expect(rows.get(ids[7]!)).toMatchObject({ xeroNumber: null, xeroState: null });
  });

  it("reads each list's own record type: a sales order's state is not a quote's", async () => {
    const order = await createSalesOrder(db, salesOrderForm(basics.customer.id), basics.user.id);
    // A sync record of another type under the same id must not count for the sales order.
    await setSyncState("quote", order.id, "sent", "QU-9999");
    const search = order.number;
    expect((await listSalesOrders(db, query(search, "sent"))).total).toBe(0);
    expect((await listSalesOrders(db, query(search, "not_sent"))).rows).toEqual([
      expect.objectContaining({ id: order.id, xeroNumber: null, xeroState: null }),
    ]);

    await setSyncState("sales_order", order.id, "sent", "INV-0101");
    expect((await listSalesOrders(db, query(search, "sent"))).rows).toEqual([
      expect.objectContaining({ id: order.id, xeroNumber: "INV-0101", xeroState: "sent" }),
    ]);
    expect((await listSalesOrders(db, query(search, "not_sent"))).total).toBe(0);
  });

  it("filters purchase orders by Xero state together with the status filter", async () => {
    const sent = await createPurchaseOrder(db, purchaseOrderForm(basics.supplier.id), basics.user.id);
    const failed = await createPurchaseOrder(db, purchaseOrderForm(basics.supplier.id), basics.user.id);
    await setSyncState("purchase_order", sent.id, "sent", "PO-0101");
    await setSyncState("purchase_order", failed.id, "failed");
    const search = basics.supplier.name;

    const page = await listPurchaseOrders(db, query(search, "failed"));
    expect(page.rows.map((row) => row.id)).toEqual([failed.id]);
    expect(page.total).toBe(1);
    const sentDrafts = await listPurchaseOrders(db, { ...query(search, "sent"), status: sent.status });
    expect(sentDrafts.rows).toEqual([
      expect.objectContaining({ id: sent.id, number: sent.number, xeroNumber: "PO-0101" }),
    ]);
  });
});
