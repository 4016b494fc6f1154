import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { Random } from "./support/random";
import { PATIENT_WORKER, syncSuite } from "./support/suite";

/**
 * The credits of an invoice (bill) add up to it in Xero, to the cent, and never pass it on the way
 * (lib/factory/credit-remainder.ts). Every figure is read from the SIMULATOR's own records, which
 * price each line the way Xero does (xero-sim/accounting/totals.ts): each credit note's Total, the
 * invoice's Total and AmountDue, the credit notes' RemainingCredit after allocation.
 */
// Totals, not pacing, are under test: Xero's minute is compressed to 5 s in the simulator and in the
// worker's call budget alike (as the differential test does), so some sixty sends don't wait minutes.
const MINUTE_MS = 5000;
const { sim, ctx } = await syncSuite("sync_credit_totals", {
  settings: { billStatus: "AUTHORISED" },
  limits: { minuteWindowMs: MINUTE_MS },
  worker: { ...PATIENT_WORKER, callBudget: { minuteMs: MINUTE_MS } },
});
const { simRecords, waitFor } = await import("./support/sync-db");
const { getSyncState } = await import("@/lib/db/queries/sync-states");
const { createSalesOrder, generateInvoice } = await import("@/lib/factory/sales-orders");
const { findSalesOrder, findSalesOrderLines } = await import("@/lib/db/queries/sales-orders");
const { createPurchaseOrder, convertToBill } = await import("@/lib/factory/purchase-orders");
const { findPurchaseOrder, findPurchaseOrderLines } = await import("@/lib/db/queries/purchase-orders");
const { findInvoiceLines } = await import("@/lib/db/queries/invoices");
const { findBillLines } = await import("@/lib/db/queries/bills");
const { createCreditNote } = await import("@/lib/factory/credit-notes");
const { compare, sum } = await import("@/lib/factory/money");
const { creditNotes } = await import("@/lib/db/schema");
const fixtures = await import("../documents/fixtures");

type Kind = "customer" | "supplier";
type XeroLine = { Description?: string; LineAmount: number; TaxAmount: number; TaxType?: string };

/** The Xero record of a document once it is sent (and, for a credit, its allocation settled). */
async function inXero(type: "invoice" | "bill" | "credit_note" | "supplier_credit", id: string) {
  const xeroId = await waitFor(
    `${type} ${id} in Xero`,
    async () => {
      const state = await getSyncState(ctx.db, type, id);
      if (state?.state === "failed") throw new Error(`${type} failed: ${state.lastError ?? ""}`);
      if (state?.state !== "sent" || !state.xeroId) return undefined;
      if (type === "credit_note" || type === "supplier_credit") {
        const [note] = await ctx.db.select().from(creditNotes).where(eq(creditNotes.id, id));
        if (!note?.allocationSettledAt) return undefined;
      }
      return state.xeroId;
    },
    90_000,
  );
  const collection = type === "invoice" || type === "bill" ? "invoices" : "creditNotes";
  const idField = collection === "invoices" ? "InvoiceID" : "CreditNoteID";
  const record = (await simRecords(sim, ctx.tenantId, collection)).find((r) => r[idField] === xeroId);
  if (!record) throw new Error(`${type} ${id}: no record ${xeroId} in the simulator`);
  return record;
}

const money = (value: unknown) => Number(value).toFixed(2);

async function invoiceInParts(orderId: string, parts: { lineIndex: number; quantity: string }[][]) {
  const invoices = [];
  for (const part of parts) {
    const lines = await findSalesOrderLines(ctx.db, orderId);
    const order = await findSalesOrder(ctx.db, orderId);
    invoices.push(
      await generateInvoice(
        ctx.db,
        {
          salesOrderId: orderId,
          version: order!.version,
          idempotencyKey: randomUUID(),
          issueDate: "2026-11-25",
          dueDate: "2026-12-20",
          reference: "",
          lines: part.map((take) => ({ orderLineId: lines[take.lineIndex]!.id, quantity: take.quantity })),
        },
        ctx.userId,
      ),
    );
  }
  return invoices;
}

async function billInParts(orderId: string, parts: { lineIndex: number; quantity: string }[][]) {
  const bills = [];
  for (const part of parts) {
    const lines = await findPurchaseOrderLines(ctx.db, orderId);
    const order = await findPurchaseOrder(ctx.db, orderId);
    bills.push(
      await convertToBill(
        ctx.db,
        {
          purchaseOrderId: orderId,
          version: order!.version,
          idempotencyKey: randomUUID(),
          supplierInvoiceNumber: `SUP-${randomUUID().slice(0, 6)}`,
          billDate: "2026-11-25",
          dueDate: "2026-12-20",
          lines: part.map((take) => ({ orderLineId: lines[take.lineIndex]!.id, quantity: take.quantity })),
        },
        ctx.userId,
      ),
    );
  }
  return bills;
}

/** Credits the invoice (bill): a quantity per line id; lines not named credit nothing. */
async function credit(kind: Kind, creditedId: string, quantities: ReadonlyMap<string, string>) {
  const lines =
    kind === "customer"
      ? await findInvoiceLines(ctx.db, creditedId)
      : await findBillLines(ctx.db, creditedId);
  return createCreditNote(
    ctx.db,
    {
      kind,
      creditedId,
      idempotencyKey: randomUUID(),
      creditDate: "2026-11-26",
      reference: "",
      notes: "",
      lines: lines.map((line) => ({ lineId: line.id, quantity: quantities.get(line.id) ?? "0" })),
    },
    ctx.userId,
  );
}

/**
 * What Xero holds for a fully credited invoice (bill) and its credits, in the order they were made:
 * the credits' totals sum to the invoice's Total exactly and never pass it on the way; all of each
 * credit is allocated (RemainingCredit 0) and the invoice has nothing left due.
 */
async function expectCreditsAddUp(kind: Kind, creditedId: string, credits: { id: string; total: string }[]) {
  const invoice = await inXero(kind === "customer" ? "invoice" : "bill", creditedId);
  const records = [];
  for (const note of credits) {
    const record = await inXero(kind === "customer" ? "credit_note" : "supplier_credit", note.id);
    // Factory's credit note shows what Xero holds for it.
    expect(money(record.Total)).toBe(note.total);
    records.push(record);
  }
  let running = "0";
  for (const record of records) {
    running = sum([running, String(record.Total)]);
    expect(
      compare(running, String(invoice.Total)),
      `credits reach ${running} of ${String(invoice.Total)}`,
    ).toBeLessThanOrEqual(0);
  }
  expect(money(running)).toBe(money(invoice.Total));
  const after = await inXero(kind === "customer" ? "invoice" : "bill", creditedId);
  expect(after).toMatchObject({ AmountDue: 0, Status: "PAID" });
  for (const record of records) {
    const fresh = (await simRecords(sim, ctx.tenantId, "creditNotes")).find(
      (r) => r.CreditNoteID === record.CreditNoteID,
    );
    expect(fresh?.RemainingCredit).toBe(0);
  }
  return records;
}

describe("the credits of an invoice add up to it in Xero", { timeout: 300_000 }, () => {
  it("3 × 3.3333 (10.00 + 1.50 GST) credited a unit at a time is 3.83 + 3.83 + 3.84 = 11.50", async () => {
    const order = await createSalesOrder(
      ctx.db,
      fixtures.salesOrderForm(ctx.customerId, {
        lines: [
          fixtures.line({ description: "Gasket", quantity: "3", unitPrice: "3.3333", taxRateId: ctx.gstId }),
        ],
      }),
      ctx.userId,
    );
    const [invoice] = await invoiceInParts(order.id, [[{ lineIndex: 0, quantity: "3" }]]);
    expect(invoice!.total).toBe("11.50");
    const [line] = await findInvoiceLines(ctx.db, invoice!.id);
    const one = new Map([[line!.id, "1"]]);
    const credits = [];
    for (let n = 0; n < 3; n++) credits.push(await credit("customer", invoice!.id, one));
    expect(credits.map((note) => note.total)).toEqual(["3.83", "3.83", "3.84"]);
    const records = await expectCreditsAddUp("customer", invoice!.id, credits);
    // Without the rule the last would be 3.83 and the credits 11.49: its cent is a labelled line.
    expect(
      (records[2]!.LineItems as XeroLine[]).filter((l) => l.Description?.startsWith("Rounding adjustment")),
    ).toEqual([
      expect.objectContaining({
        Description: `Rounding adjustment: the credits of ${invoice!.number} line 1 add up to what it charged`,
        LineAmount: 0.01,
        TaxAmount: 0,
        TaxType: "OUTPUT2",
      }),
    ]);
  });

  it("7 × 0.10 (0.70 + 0.11 GST) credited a unit at a time never passes the invoice's 0.81", async () => {
    // Each unit alone is 0.10 + 0.02 (0.015 rounded up): by the sixth the tax credited would be 0.12.
    const order = await createSalesOrder(
      ctx.db,
      fixtures.salesOrderForm(ctx.customerId, {
        lines: [
          fixtures.line({ description: "Washer", quantity: "7", unitPrice: "0.10", taxRateId: ctx.gstId }),
        ],
      }),
      ctx.userId,
    );
    const [invoice] = await invoiceInParts(order.id, [[{ lineIndex: 0, quantity: "7" }]]);
    expect(invoice!.total).toBe("0.81");
    const [line] = await findInvoiceLines(ctx.db, invoice!.id);
    const credits = [];
    for (let n = 0; n < 7; n++)
      credits.push(await credit("customer", invoice!.id, new Map([[line!.id, "1"]])));
    expect(credits.map((note) => note.total)).toEqual([
      "0.12",
      "0.12",
      "0.12",
      "0.12",
      "0.12",
      "0.11",
      "0.10",
    ]);
    await expectCreditsAddUp("customer", invoice!.id, credits);
  });

  it("an invoice's own rounding line is credited by the credit that takes the last of its other lines", async () => {
    // 15.5 h at 47.275 invoiced as 2.75 h and 12.75 h: the second invoice carries −0.01 of rounding.
    const order = await createSalesOrder(
      ctx.db,
      fixtures.salesOrderForm(ctx.customerId, {
        lines: [
          fixtures.line({
            description: "Machining",
            quantity: "15.5",
            unitPrice: "47.275",
            taxRateId: ctx.gstId,
          }),
        ],
      }),
      ctx.userId,
    );
    const [, second] = await invoiceInParts(order.id, [
      [{ lineIndex: 0, quantity: "2.75" }],
      [{ lineIndex: 0, quantity: "12.75" }],
    ]);
    const lines = await findInvoiceLines(ctx.db, second!.id);
    const item = lines.find((l) => l.kind === "item")!;
    const rounding = lines.find((l) => l.kind === "rounding")!;
    expect(rounding.lineAmount).toBe("-0.01");
    // Chosen on its own it is refused; the credit that completes the item line takes it.
    await expect(credit("customer", second!.id, new Map([[rounding.id, "1"]]))).rejects.toThrow(
      /lines need attention/,
    );
    const first = await credit("customer", second!.id, new Map([[item.id, "10"]]));
    const last = await credit("customer", second!.id, new Map([[item.id, "2.75"]]));
    const [roundingAfter] = (await findInvoiceLines(ctx.db, second!.id)).filter((l) => l.kind === "rounding");
    expect(roundingAfter!.quantityCredited).toBe("1.0000");
    await expectCreditsAddUp("customer", second!.id, [first, last]);
  });

  it("random invoices and bills credited in random parts add up in Xero, seeded", async () => {
    const random = new Random(20_261_203);
    const cases: { kind: Kind; id: string; credits: { id: string; total: string }[] }[] = [];
    let roundingLines = 0;
    for (let n = 0; n < 6; n++) {
      const purchase = n % 3 === 2;
      const form = {
        taxMode: random.pick(["exclusive", "inclusive", "no_tax"] as const),
        lines: Array.from({ length: random.int(1, 3) }, () =>
          fixtures.line({
            description: `Part ${random.int(1, 9999)}`,
            quantity: random.chance(0.5) ? String(random.int(2, 12)) : random.decimal(0.5, 30, 2),
            unitPrice: random.decimal(0.01, 90, purchase ? 2 : 4),
            discountPercent: random.chance(0.3) ? random.decimal(1, 30, 2) : "",
            taxRateId: random.chance(0.8) ? ctx.gstId : "",
          }),
        ),
      };
      const order = purchase
        ? await createPurchaseOrder(ctx.db, fixtures.purchaseOrderForm(ctx.supplierId, form), ctx.userId)
        : await createSalesOrder(ctx.db, fixtures.salesOrderForm(ctx.customerId, form), ctx.userId);
      // Half the orders in two parts, so the second document may carry rounding lines of its own.
      const split = random.chance(0.5);
      const parts = split
        ? [
            form.lines.map((line, lineIndex) => ({
              lineIndex,
              quantity: (Number(line.quantity) / 2).toFixed(4),
            })),
            form.lines.map((line, lineIndex) => ({
              lineIndex,
              quantity: (Number(line.quantity) - Number((Number(line.quantity) / 2).toFixed(4))).toFixed(4),
            })),
          ]
        : [form.lines.map((line, lineIndex) => ({ lineIndex, quantity: line.quantity }))];
      const documents = purchase ? await billInParts(order.id, parts) : await invoiceInParts(order.id, parts);
      const kind: Kind = purchase ? "supplier" : "customer";
      const document = documents.at(-1)!;
      const lines = (
        purchase ? await findBillLines(ctx.db, document.id) : await findInvoiceLines(ctx.db, document.id)
      ).filter((line) => line.kind === "item");
      // Each line's quantity cut into 2–4 pieces (whole units where it has them), dealt over the credits.
      const count = random.int(2, 3);
      const pieces = Array.from({ length: count }, () => new Map<string, string>());
      for (const line of lines) {
        const whole = Number.isInteger(Number(line.quantity));
        let left = whole ? Number(line.quantity) : Math.round(Number(line.quantity) * 1e4);
        for (let d = 0; d < count; d++) {
          const take = d === count - 1 ? left : Math.floor(left * random.next());
          left -= take;
          if (take > 0) pieces[d]!.set(line.id, whole ? String(take) : (take / 1e4).toFixed(4));
        }
      }
      const credits = [];
      for (const piece of pieces.filter((p) => p.size > 0))
        credits.push(await credit(kind, document.id, piece));
      cases.push({ kind, id: document.id, credits });
    }
    for (const { kind, id, credits } of cases) {
      const records = await expectCreditsAddUp(kind, id, credits);
      roundingLines += records
        .flatMap((record) => record.LineItems as XeroLine[])
        .filter((line) => line.Description?.startsWith("Rounding adjustment: the credits")).length;
    }
    // The seed splits so that some credits drift: without their rounding lines the sums above would differ.
    expect(roundingLines).toBeGreaterThan(0);
  });
});
