import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import type { TaxMode } from "@/lib/db/schema";
import {
  creditLineAmounts,
  creditLines,
  withRoundingLines,
  type ChargedLine,
  type CreditSourceLine,
} from "@/lib/factory/credit-remainder";
import { sumLines } from "@/lib/factory/document-lines";
import {
  calculateLine,
  compare,
  sum,
  XERO_LINE_PRICING,
  xeroUnitAmount,
  type LinePricing,
} from "@/lib/factory/money";
import { documentTotals, type LineAmountMode } from "@/xero-sim/accounting/totals";
import { Random } from "../../integration/sync/support/random";

const GST = { taxRateId: "gst", taxPercent: "15.0000" };
const XERO_MODE: Record<TaxMode, LineAmountMode> = {
  exclusive: "Exclusive",
  inclusive: "Inclusive",
  no_tax: "NoTax",
};

function invoiceLine(
  quantity: string,
  unitPrice: string,
  mode: TaxMode,
  pricing: LinePricing,
  rate: { taxRateId: string | null; taxPercent: string } = GST,
  discountPercent = "0.00",
): ChargedLine {
  const amounts = calculateLine(
    { quantity, unitPrice, discountPercent, taxRate: rate.taxPercent },
    mode,
    pricing,
  );
  return { id: "line", quantity, quantityCredited: "0", unitPrice, discountPercent, ...rate, ...amounts };
}

type SentLine = { quantity: string; unitPrice: string; discountPercent: string; taxPercent: string };

/** A credit note's total as the simulator (Xero's arithmetic) works it out from the lines Factory sends. */
function xeroTotal(lines: readonly SentLine[], mode: TaxMode, pricing: LinePricing): string {
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
  return new Decimal(totals.total).toFixed(2);
}

/** Credits `line` in the given quantities, one credit note each; what each holds and Xero's total of it. */
function creditInTurn(line: ChargedLine, quantities: string[], mode: TaxMode, pricing: LinePricing) {
  let soFar = { lineAmount: "0", taxAmount: "0" };
  let credited = "0";
  return quantities.map((quantity) => {
    const { rounding, ...item } = creditLineAmounts(
      { ...line, quantityCredited: credited },
      quantity,
      soFar,
      mode,
      pricing,
    );
    const held = [item, ...rounding];
    soFar = {
      lineAmount: sum([soFar.lineAmount, ...held.map((l) => l.lineAmount)]),
      taxAmount: sum([soFar.taxAmount, ...held.map((l) => l.taxAmount)]),
    };
    credited = sum([credited, quantity]);
    const sent: SentLine[] = [
      {
        quantity,
        unitPrice: line.unitPrice,
        discountPercent: line.discountPercent,
        taxPercent: line.taxPercent,
      },
      ...rounding.map((r) => ({
        quantity: "1",
        unitPrice: r.lineAmount,
        discountPercent: "0",
        taxPercent: r.taxPercent,
      })),
    ];
    const factory = sum(held.map((l) => l.lineAmount));
    const factoryTax = sum(held.map((l) => l.taxAmount));
    return {
      factoryTotal: new Decimal(mode === "inclusive" ? factory : sum([factory, factoryTax])).toFixed(2),
      xeroTotal: xeroTotal(sent, mode, pricing),
      rounding,
    };
  });
}

const total = (line: ChargedLine, mode: TaxMode) =>
  new Decimal(mode === "inclusive" ? line.lineAmount : sum([line.lineAmount, line.taxAmount])).toFixed(2);

describe("the credits of an invoice line add up to what the invoice charged for it", () => {
  it("3 × 3.3333 (11.50 with GST) a unit at a time: 3.83, 3.83, then 3.84 with a cent of rounding", () => {
    const line = invoiceLine("3", "3.3333", "exclusive", XERO_LINE_PRICING.invoice);
    expect(total(line, "exclusive")).toBe("11.50");
    const credits = creditInTurn(line, ["1", "1", "1"], "exclusive", XERO_LINE_PRICING.credit_note);
    expect(credits.map((c) => c.xeroTotal)).toEqual(["3.83", "3.83", "3.84"]);
    expect(credits[2]!.rounding).toEqual([{ ...GST, lineAmount: "0.01", taxAmount: "0.00" }]);
  });

  it("7 × 0.10 (0.81 with GST) a unit at a time: the sixth credit is capped, never passing the invoice", () => {
    const line = invoiceLine("7", "0.10", "exclusive", XERO_LINE_PRICING.bill);
    const credits = creditInTurn(
      line,
      Array.from({ length: 7 }, () => "1"),
      "exclusive",
      XERO_LINE_PRICING.supplier_credit,
    );
    expect(credits.map((c) => c.xeroTotal)).toEqual(["0.12", "0.12", "0.12", "0.12", "0.12", "0.11", "0.10"]);
  });

  it("a credit that is not the last leaves the line's Xero price alone", () => {
    const line = invoiceLine("3", "3.3333", "exclusive", XERO_LINE_PRICING.invoice);
    expect(creditInTurn(line, ["2"], "exclusive", XERO_LINE_PRICING.credit_note)[0]!.rounding).toEqual([]);
  });

  it(
    "property: random lines credited in random parts, totals by the simulator's arithmetic",
    { timeout: 30_000 },
    () => {
      const random = new Random(20_261_203);
      let adjusted = 0;
      for (let n = 0; n < 1000; n++) {
        const mode = random.pick(["exclusive", "inclusive", "no_tax"] as const);
        const purchase = random.chance(0.4);
        const [document, credit] = purchase
          ? [XERO_LINE_PRICING.bill, XERO_LINE_PRICING.supplier_credit]
          : [XERO_LINE_PRICING.invoice, XERO_LINE_PRICING.credit_note];
        const whole = random.chance(0.6);
        const quantity = whole ? String(random.int(2, 40)) : random.decimal(0.5, 40, 4);
        const unitPrice = random.decimal(0.005, 200, document.unitDp);
        const rate = random.chance(0.8) ? GST : { taxRateId: null, taxPercent: "0" };
        const discount = !purchase && random.chance(0.3) ? random.decimal(1, 30, 2) : "0.00";
        const line = invoiceLine(quantity, unitPrice, mode, document, rate, discount);
        // Cut into 2–6 pieces: whole units where the line has them, else to 4 dp.
        const scale = whole ? 1 : 1e4;
        let left = Math.round(Number(quantity) * scale);
        const count = random.int(2, 6);
        const pieces: string[] = [];
        for (let d = 0; d < count && left > 0; d++) {
          const take = d === count - 1 ? left : Math.max(1, Math.floor(left * random.next()));
          left -= take;
          pieces.push(whole ? String(take) : (take / scale).toFixed(4));
        }
        const credits = creditInTurn(line, pieces, mode, credit);
        let running = "0";
        for (const c of credits) {
          // Xero's total of what Factory sends is the total Factory stores.
          expect(c.xeroTotal).toBe(c.factoryTotal);
          running = sum([running, c.xeroTotal]);
          expect(
            compare(running, total(line, mode)),
            `${JSON.stringify(line)} ${pieces.join(" + ")}`,
          ).toBeLessThanOrEqual(0);
          adjusted += c.rounding.length;
        }
        expect(new Decimal(running).toFixed(2)).toBe(total(line, mode));
      }
      expect(adjusted).toBeGreaterThan(50);
    },
  );
});

describe("the lines a credit carries (what saving writes and the credit form previews)", () => {
  const source = (line: ChargedLine, position: number, id: string): CreditSourceLine => ({
    ...line,
    id,
    position,
    kind: "item",
    description: `Line ${position}`,
  });

  it("the last unit of 3 × 3.3333 carries its item line and a cent of rounding, 3.84 in all", () => {
    const line = { ...source(invoiceLine("3", "3.3333", "exclusive", XERO_LINE_PRICING.invoice), 1, "a") };
    const earlier = { ...line, quantityCredited: "2" };
    const credit = creditLines(
      withRoundingLines([earlier], [{ line: earlier, quantity: "1" }]),
      new Map([["a", { lineAmount: "6.66", taxAmount: "1.00" }]]),
      "exclusive",
      XERO_LINE_PRICING.credit_note,
      "INV-00042",
    );
    expect(
      credit.map(({ kind, description, lineAmount, taxAmount }) => [
        kind,
        description,
        lineAmount,
        taxAmount,
      ]),
    ).toEqual([
      ["item", "Line 1", "3.33", "0.50"],
      [
        "rounding",
        "Rounding adjustment: the credits of INV-00042 line 1 add up to what it charged",
        "0.01",
        "0.00",
      ],
    ]);
    expect(sumLines(credit, "exclusive").total).toBe("3.84");
  });

  it("takes what is left of the invoice's own rounding lines with the last of its other lines, and only then", () => {
    const item = source(invoiceLine("2", "5.00", "exclusive", XERO_LINE_PRICING.invoice), 1, "item");
    const rounding: CreditSourceLine = {
      ...source(invoiceLine("1", "-0.01", "exclusive", XERO_LINE_PRICING.invoice), 2, "rounding"),
      kind: "rounding",
      description: "Rounding adjustment: the invoices of SO-00007 add up to the order",
    };
    const lines = [item, rounding];
    expect(withRoundingLines(lines, [{ line: item, quantity: "1" }]).map((p) => p.line.id)).toEqual(["item"]);
    expect(withRoundingLines(lines, [{ line: item, quantity: "2" }])).toEqual([
      { line: item, quantity: "2" },
      { line: rounding, quantity: "1" },
    ]);
    expect(withRoundingLines(lines, [])).toEqual([]);
  });
});
