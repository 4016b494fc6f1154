import { describe, expect, it } from "vitest";
import { documentTotals, lineTotals } from "@/xero-sim/accounting/totals";

describe("Xero document totals", () => {
  it("rounds tax per line to 2 dp, then sums (not tax on the subtotal)", () => {
    // Three lines of 0.10 at 15 %: each line's tax 0.015 rounds to 0.02, so 0.06, not round(0.045) = 0.05.
    const totals = documentTotals(
      [1, 2, 3].map(() => ({ quantity: 1, unitAmount: 0.1, taxRate: 15 })),
      "Exclusive",
    );
    expect(totals.lines.map((l) => l.taxAmount)).toEqual([0.02, 0.02, 0.02]);
    expect(totals).toMatchObject({ subTotal: 0.3, totalTax: 0.06, total: 0.36 });
  });

  it("carves tax out of inclusive lines with rate / (100 + rate)", () => {
    const totals = documentTotals([{ quantity: 1, unitAmount: 100, taxRate: 15 }], "Inclusive");
    expect(totals.lines[0]).toMatchObject({ lineAmount: 100, taxAmount: 13.04 });
    expect(totals).toMatchObject({ subTotal: 86.96, totalTax: 13.04, total: 100 });
  });

  it("charges no tax with NoTax whatever the rate", () => {
    expect(documentTotals([{ quantity: 2, unitAmount: 50, taxRate: 20 }], "NoTax")).toMatchObject({
      subTotal: 100,
      totalTax: 0,
      total: 100,
    });
  });

  it("rounds unit amounts to 2 dp by default and keeps 4 with unitdp=4", () => {
    const line = { quantity: 3, unitAmount: 10.335, taxRate: 0 };
    expect(lineTotals(line, "Exclusive")).toMatchObject({ unitAmount: 10.34, lineAmount: 31.02 });
    expect(lineTotals(line, "Exclusive", 4)).toMatchObject({ unitAmount: 10.335, lineAmount: 31.01 });
  });

  it("applies DiscountRate to the line before tax and reports the discount", () => {
    const line = lineTotals({ quantity: 3, unitAmount: 19.99, discountRate: 12.5, taxRate: 15 }, "Exclusive");
    // 59.97 × 0.875 = 52.47375 → 52.47; tax 7.8705 → 7.87; discount 59.97 − 52.47 = 7.50.
    expect(line).toMatchObject({ lineAmount: 52.47, taxAmount: 7.87, discountAmount: 7.5 });
    const totals = documentTotals(
      [{ quantity: 3, unitAmount: 19.99, discountRate: 12.5, taxRate: 15 }],
      "Exclusive",
    );
    expect(totals.totalDiscount).toBe(7.5);
  });

  it("rounds halves away from zero, also for credits", () => {
    expect(lineTotals({ quantity: 1, unitAmount: 0.125, taxRate: 0 }, "Exclusive").lineAmount).toBe(0.13);
    expect(lineTotals({ quantity: -1, unitAmount: 0.125, taxRate: 0 }, "Exclusive").lineAmount).toBe(-0.13);
  });

  it("counts a description-only line as zero and a price without quantity once", () => {
    expect(lineTotals({ taxRate: 15 }, "Exclusive")).toMatchObject({ lineAmount: 0, taxAmount: 0 });
    expect(lineTotals({ unitAmount: 12, taxRate: 15 }, "Exclusive")).toMatchObject({
      lineAmount: 12,
      taxAmount: 1.8,
    });
  });

  it("avoids binary floating-point drift on sums", () => {
    const totals = documentTotals(
      Array.from({ length: 10 }, () => ({ quantity: 1, unitAmount: 0.1, taxRate: 0 })),
      "Exclusive",
    );
    expect(totals.subTotal).toBe(1);
  });
});
