import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { XeroDocumentCopy } from "@/lib/xero/api/read-back";
import { syncSuite } from "./support/suite";

/**
 * Issue 12: read-back stores Xero's copy of a document only when it is newer (UpdatedDateUTC) than
 * what Factory knows. What Factory learns from its own send counts too: a copy read before the send
 * (or before a later step of it, a credit note's allocation) and applied after it changes nothing.
 * The copy here is a real one, read from the simulator while the send's allocation was held there.
 */
const { sim, ctx, kit } = await syncSuite("sync_stale_copies");
const { simAdmin, simRecords, waitFor } = await import("./support/sync-db");
const { getSyncState } = await import("@/lib/db/queries/sync-states");
const { findInvoiceLines } = await import("@/lib/db/queries/invoices");
const { readBackTargets } = await import("@/lib/db/queries/read-back");
const { createCreditNote } = await import("@/lib/factory/credit-notes");
const { applyCopies } = await import("@/lib/sync/read-back");
const { readCreditNotesByIds, readInvoicesByIds } = await import("@/lib/xero/api/read-back");
const { withXero } = await import("@/lib/xero/api/session");
const { creditNotes } = await import("@/lib/db/schema");

describe("a copy read before a send, applied after it", () => {
  it("does not undo a credit note's allocation (PAID stays PAID)", async () => {
    await kit.setAutoSend({ orders: true, invoices: true });
    const order = await kit.newOrder(); // 287.50
    const invoice = await kit.invoice(order.id);
    const sentInvoice = await kit.stateOf("invoice", invoice.id, "sent");

    // The allocation step reads the invoice's AmountDue before allocating: held there, the credit
    // note is in Xero (AUTHORISED, all its credit remaining) and not allocated yet.
    const hold = (await simAdmin(sim, "POST", "/sim/faults", {
      kind: "hold",
      times: 1,
      method: "GET",
      pathPrefix: `/api.xro/2.0/Invoices/${sentInvoice.xeroId}`,
    })) as { id: string };
    const lines = await findInvoiceLines(ctx.db, invoice.id);
    const credit = await createCreditNote(
      ctx.db,
      {
        kind: "customer",
        creditedId: invoice.id,
        idempotencyKey: randomUUID(),
        creditDate: "2026-11-26",
        reference: "RMA stale",
        notes: "",
        lines: lines.map((line) => ({ lineId: line.id, quantity: line.position === 1 ? "1" : "0" })),
      },
      ctx.userId,
    );
    let stale: XeroDocumentCopy | undefined;
    try {
      await waitFor("the allocation's invoice read to be held", async () => {
        const { faults } = (await simAdmin(sim, "GET", "/sim/faults")) as {
          faults: { id: string; hits: number }[];
        };
        return faults.find((f) => f.id === hold.id)?.hits === 1;
      });
      const created = await getSyncState(ctx.db, "credit_note", credit.id);
      // The poller's read, made now: before the allocation.
      [stale] = await withXero(ctx.db, (api) => readCreditNotesByIds(api, [created?.xeroId ?? ""]));
    } finally {
      await simAdmin(sim, "DELETE", `/sim/faults/${hold.id}`);
    }
    expect(stale).toMatchObject({ status: "AUTHORISED", total: "115.00", amountDue: "115.00" });

    const settled = await waitFor(
      "the credit note sent and allocated",
      async () => {
        const state = await getSyncState(ctx.db, "credit_note", credit.id);
        const [note] = await ctx.db.select().from(creditNotes).where(eq(creditNotes.id, credit.id));
        return state?.state === "sent" && note?.allocationSettledAt ? state : undefined;
      },
      45_000,
    );
    expect(settled.xeroStatus).toBe("PAID");
    const [inXero] = (await simRecords(sim, ctx.tenantId, "creditNotes")).filter(
      (record) => record.CreditNoteID === settled.xeroId,
    );
    expect(inXero).toMatchObject({ Status: "PAID", RemainingCredit: 0 });

    // The stale copy arrives late: nothing changes.
    const xeroId = settled.xeroId ?? "";
    const targets = await readBackTargets(ctx.db, ["credit_note"], [xeroId]);
    expect(await applyCopies(ctx.db, [stale!], targets)).toBe(0);
    const after = await getSyncState(ctx.db, "credit_note", credit.id);
    expect(after).toMatchObject({
      xeroStatus: "PAID",
      xeroAmountDue: settled.xeroAmountDue,
      xeroUpdatedAt: settled.xeroUpdatedAt,
    });
  });

  it("stores the send's UpdatedDateUTC, so its own copy read again is not newer", async () => {
    await kit.setAutoSend({ orders: true, invoices: true });
    const order = await kit.newOrder();
    const invoice = await kit.invoice(order.id);
    const sent = await kit.stateOf("invoice", invoice.id, "sent");
    const [record] = (await simRecords(sim, ctx.tenantId, "invoices")).filter(
      (r) => r.InvoiceID === sent.xeroId,
    );
    // The simulator's own time of the copy the send answered with.
    expect(record?.UpdatedDateUTC).toBe(`/Date(${sent.xeroUpdatedAt?.getTime()}+0000)/`);
    // That same copy, read back (a poll that read it before the send's answer was stored): nothing new.
    const xeroId = sent.xeroId ?? "";
    const [copy] = await withXero(ctx.db, (api) => readInvoicesByIds(api, [xeroId]));
    expect(copy?.updatedAt).toEqual(sent.xeroUpdatedAt);
    expect(await applyCopies(ctx.db, [copy!], await readBackTargets(ctx.db, ["invoice"], [xeroId]))).toBe(0);
    expect((await getSyncState(ctx.db, "invoice", invoice.id))?.readBackAt).toBeNull();
  });
});
