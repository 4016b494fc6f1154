import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import type { TaxMode } from "@/lib/db/schema";
import { priceForQuantity, sumLines } from "@/lib/factory/document-lines";
import {
  calculateLine,
  compare,
  lineTax,
  sum,
  toFixed,
  XERO_LINE_PRICING,
  xeroUnitAmount,
  type LinePricing,
} from "@/lib/factory/money";
import {
  completesOrder,
  completionRounding,
  roundingLineValues,
  type OrderLineAmounts,
  type TakenLineAmounts,
} from "@/lib/factory/order-remainder";
import { documentTotals, type LineAmountMode } from "@/xero-sim/accounting/totals";
import { Random } from "../../integration/sync/support/random";

const INVOICE = XERO_LINE_PRICING.invoice;
const GST = { taxRateId: "gst", taxPercent: "15.0000" };

function orderLine(
  id: string,
  quantity: string,
  unitPrice: string,
  rate: { taxRateId: string | null; taxPercent: string },
  mode: TaxMode,
  pricing: LinePricing,
  discountPercent = "0.00",
): OrderLineAmounts & { quantity: string } {
  const amounts = calculateLine(
    { quantity, unitPrice, discountPercent, taxRate: rate.taxPercent },
    mode,
    pricing,
  );
  return { id, quantity, unitPrice, discountPercent, ...rate, ...amounts };
}

type Part = TakenLineAmounts & { quantity: string };

function part(line: OrderLineAmounts, quantity: string, mode: TaxMode, pricing: LinePricing): Part {
  return { ...line, orderLineId: line.id, quantity, ...priceForQuantity(line, quantity, mode, pricing) };
}

describe("the invoice that completes an order takes the remainder", () => {
  it("842.67 in two parts: the second invoice carries −0.01 at GST and the parts add up", () => {
    const line = orderLine("a", "15.5000", "47.2750", GST, "exclusive", XERO_LINE_PRICING.sales_order);
    expect(sumLines([line], "exclusive")).toEqual({
      subtotal: "732.76",
      taxTotal: "109.91",
      total: "842.67",
    });
    const first = part(line, "2.7500", "exclusive", INVOICE);
    const second = part(line, "12.7500", "exclusive", INVOICE);
    expect(sumLines([first], "exclusive").total).toBe("149.51");
    expect(sumLines([second], "exclusive").total).toBe("693.17");

    const rounding = completionRounding([line], [first, second], "exclusive");
    expect(rounding).toEqual([{ ...GST, lineAmount: "-0.01", taxAmount: "0.00" }]);
    const secondInvoice = sumLines([second, ...rounding], "exclusive");
    expect(secondInvoice).toEqual({ subtotal: "602.75", taxTotal: "90.41", total: "693.16" });
    expect(sum(["149.51", secondInvoice.total])).toBe("842.67");
  });

  it("makes up a cent of tax with no cent of amount: a taxed line and an untaxed one, Xero's tax on each", () => {
    // 3 × 0.10 at 15 %: one line of 0.30, tax 0.045 → 0.05. In three parts of 0.10, tax 0.02 each: 0.06.
    const line = orderLine("a", "3.0000", "0.1000", GST, "exclusive", INVOICE);
    const parts = ["1", "1", "1"].map((quantity) => part(line, quantity, "exclusive", INVOICE));
    const rounding = completionRounding([line], parts, "exclusive");
    // The amount is already right (0.30), the tax a cent over: the smallest line taxed −0.01 at 15 %
    // is −0.04 (−0.006 → −0.01), and +0.04 untaxed puts the amount back.
    expect(rounding).toEqual([
      { ...GST, lineAmount: "-0.04", taxAmount: "-0.01" },
      { taxRateId: null, taxPercent: "0.0000", lineAmount: "0.04", taxAmount: "0.00" },
    ]);
    expect(sumLines([...parts, ...rounding], "exclusive")).toEqual(sumLines([line], "exclusive"));
  });

  it("adds nothing when the parts already add up", () => {
    const line = orderLine("a", "10.0000", "12.5000", GST, "exclusive", INVOICE);
    const parts = ["4", "6"].map((quantity) => part(line, quantity, "exclusive", INVOICE));
    expect(completionRounding([line], parts, "exclusive")).toEqual([]);
    expect(completionRounding([line], [part(line, "10", "exclusive", INVOICE)], "exclusive")).toEqual([]);
  });

  it("calls nothing rounding that is not: a line repriced after part of it was invoiced is left out", () => {
    const before = orderLine("a", "10.0000", "10.0000", GST, "exclusive", INVOICE);
    const first = part(before, "5", "exclusive", INVOICE);
    const repriced = orderLine("a", "10.0000", "12.0000", GST, "exclusive", INVOICE);
    const second = part(repriced, "5", "exclusive", INVOICE);
    expect(completionRounding([repriced], [first, second], "exclusive")).toEqual([]);
  });

  it("counts an earlier rounding line against what its rate lacks", () => {
    const line = orderLine("a", "15.5000", "47.2750", GST, "exclusive", INVOICE);
    const parts = [part(line, "2.75", "exclusive", INVOICE), part(line, "12.75", "exclusive", INVOICE)];
    const earlier = {
      ...GST,
      orderLineId: null,
      unitPrice: "-0.0100",
      discountPercent: "0",
      lineAmount: "-0.01",
      taxAmount: "0.00",
    };
    expect(completionRounding([line], [...parts, earlier], "exclusive")).toEqual([]);
  });

  it("knows when a document completes its order", () => {
    const lines = [
      { id: "a", quantity: "10", doneQuantity: "4" },
      { id: "b", quantity: "2", doneQuantity: "2" },
    ];
    expect(completesOrder(lines, [{ orderLineId: "a", quantity: "6" }])).toBe(true);
    expect(completesOrder(lines, [{ orderLineId: "a", quantity: "5.9999" }])).toBe(false);
  });
});

const XERO_MODE: Record<TaxMode, LineAmountMode> = {
  exclusive: "Exclusive",
  inclusive: "Inclusive",
  no_tax: "NoTax",
};

/** A document's totals as the simulator (Xero's arithmetic) works them out from the lines Factory sends. */
function xeroTotals(lines: readonly Part[], mode: TaxMode, pricing: LinePricing) {
  const totals = documentTotals(
    lines.map((line) => {
      const held = xeroUnitAmount(line, pricing);
      return {
        quantity: Number(line.quantity),
        unitAmount: Number(held.unitAmount),
        discountRate: Number(held.discountPercent) || undefined,
        taxRate: mode === "no_tax" ? 0 : Number(line.taxPercent),
      };
    }),
    XERO_MODE[mode],
    pricing.unitDp,
  );
  const money = (value: number) => new Decimal(value).toFixed(2);
  return { subtotal: money(totals.subTotal), taxTotal: money(totals.totalTax), total: money(totals.total) };
}

describe("property: an order split into random parts adds up exactly, in Factory and in Xero", () => {
  const RATES = [
    { taxRateId: "gst", taxPercent: "15.0000" },
    { taxRateId: "reduced", taxPercent: "12.5000" },
    { taxRateId: "low", taxPercent: "3.0000" },
    { taxRateId: "zero", taxPercent: "0.0000" },
    { taxRateId: null, taxPercent: "0.0000" },
  ];
  const KINDS = [
    { order: XERO_LINE_PRICING.sales_order, part: XERO_LINE_PRICING.invoice },
    { order: XERO_LINE_PRICING.purchase_order, part: XERO_LINE_PRICING.bill },
  ];

  it("over 1,000 seeded orders, every mode, both order kinds", () => {
    const random = new Random(20_261_114);
    let adjusted = 0;
    const failures: string[] = [];
    for (let n = 0; n < 1000; n++) {
      const mode = random.pick(["exclusive", "inclusive", "no_tax"] as const);
      const kind = random.pick(KINDS);
      const lines = Array.from({ length: random.int(1, 5) }, (_, index) => {
        const rate = random.pick(RATES);
        const orderQuantity = random.chance(0.3) ? String(random.int(1, 40)) : random.decimal(0.0001, 250, 4);
        return orderLine(
          `l${index}`,
          toFixed(orderQuantity, 4),
          toFixed(random.decimal(0.01, 2500, 4), 4),
          { taxRateId: mode === "no_tax" ? null : rate.taxRateId, taxPercent: rate.taxPercent },
          mode,
          kind.order,
          random.chance(0.3) ? toFixed(random.decimal(0.01, 40, 2), 2) : "0.00",
        );
      });
      // Each line's quantity cut into up to 5 parts (some empty), dealt out over up to 5 documents.
      const documents = random.int(1, 5);
      const taken: Part[][] = Array.from({ length: documents }, () => []);
      for (const line of lines) {
        let left = new Decimal(line.quantity);
        for (let d = 0; d < documents; d++) {
          const quantity =
            d === documents - 1 ? left : left.times(random.next()).toDecimalPlaces(4, Decimal.ROUND_DOWN);
          left = left.minus(quantity);
          if (quantity.isZero()) continue;
          taken[d]!.push(part(line, quantity.toFixed(4), mode, kind.part));
        }
      }
      const rounding = completionRounding(lines, taken.flat(), mode);
      const roundingLines = rounding.map((amounts) => {
        const values = roundingLineValues(amounts, "Rounding adjustment");
        return { ...values, orderLineId: null };
      });
      taken[documents - 1]!.push(...roundingLines);
      if (rounding.length > 0) adjusted++;

      const order = sumLines(lines, mode);
      const inFactory = taken.map((lines) => sumLines(lines, mode));
      const inXero = taken.map((lines) => xeroTotals(lines, mode, kind.part));
      const added = {
        subtotal: toFixed(sum(inFactory.map((t) => t.subtotal)), 2),
        taxTotal: toFixed(sum(inFactory.map((t) => t.taxTotal)), 2),
        total: toFixed(sum(inFactory.map((t) => t.total)), 2),
      };
      // Nothing is called rounding when every line's parts already added up to it.
      const parts = taken.flat();
      const exact = lines.every((line) => {
        const mine = parts.filter((p) => p.orderLineId === line.id);
        return (
          compare(sum(mine.map((p) => p.lineAmount)), line.lineAmount) === 0 &&
          compare(sum(mine.map((p) => p.taxAmount)), line.taxAmount) === 0
        );
      });
      const wrong = [
        JSON.stringify(inXero) !== JSON.stringify(inFactory) && "Xero's totals differ from Factory's",
        JSON.stringify(added) !== JSON.stringify(order) && "the documents do not add up to the order",
        // What Factory stores for a rounding line is what Xero works out for it.
        rounding.some((line) => lineTax(line.lineAmount, line.taxPercent, mode) !== line.taxAmount) &&
          "a rounding line's tax is not Xero's",
        // Rounding, not a hidden price: cents, however many parts.
        rounding.some((line) => compare(new Decimal(line.lineAmount).abs().toString(), "1.00") >= 0) &&
          "a rounding line is a dollar or more",
        exact && rounding.length > 0 && "rounding where the parts added up",
      ].filter(Boolean);
      if (wrong.length > 0) {
        failures.push(
          `order ${n}: ${wrong.join(", ")}: ${JSON.stringify({ mode, lines, rounding, added, order })}`,
        );
      }
    }
    expect(failures.slice(0, 3)).toEqual([]);
    // The seed exercises the adjustment often enough to mean something.
    expect(adjusted).toBeGreaterThan(300);
  }, 60_000);
});
