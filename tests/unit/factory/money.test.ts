import { describe, expect, it } from "vitest";
import {
  amountWithTax,
  inBaseCurrency,
  calculateLine as calculateLineWith,
  calculateTotals as calculateTotalsWith,
  compare,
  formatMoney,
  formatQuantity,
  formatUnitPrice,
  hasAtMostDecimalPlaces,
  lineAmount as lineAmountWith,
  lineTax,
  plainDecimal,
  plainPrice,
  subtract,
  sum,
  XERO_LINE_PRICING,
  xeroUnitAmount,
  type LineInput,
} from "@/lib/factory/money";
import type { TaxMode } from "@/lib/db/schema";

/** Sales orders and invoices keep Factory's full precision (4-dp prices, line discounts). */
const FULL = XERO_LINE_PRICING.sales_order;
const lineAmount = (line: Parameters<typeof lineAmountWith>[0]) => lineAmountWith(line, FULL);
const calculateLine = (line: LineInput, mode: TaxMode) => calculateLineWith(line, mode, FULL);
const calculateTotals = (lines: readonly LineInput[], mode: TaxMode) =>
  calculateTotalsWith(lines, mode, FULL);

describe("the document as Xero will hold it", () => {
  it("keeps quote prices to 2 decimals, as Xero quotes have no unitdp (a third decimal is a cent on 3)", () => {
    const line = { quantity: "3", unitPrice: "12.345", taxRate: "15" };
    expect(xeroUnitAmount(line, XERO_LINE_PRICING.quote)).toEqual({
      unitAmount: "12.35",
      discountPercent: "0.00",
    });
    // 3 × 12.35 = 37.05, not 3 × 12.345 = 37.035 → 37.04; the same figures the simulator computes.
    expect(calculateTotalsWith([line], "exclusive", XERO_LINE_PRICING.quote)).toMatchObject({
      subtotal: "37.05",
      tax: "5.56",
      total: "42.61",
    });
    expect(calculateTotalsWith([line], "exclusive", XERO_LINE_PRICING.sales_order).total).toBe("42.60");
  });

  it("folds a purchase discount into a 2-dp net unit cost and works the line from that", () => {
    const line = { quantity: "3", unitPrice: "19.99", discountPercent: "12.5", taxRate: "15" };
    expect(xeroUnitAmount(line, XERO_LINE_PRICING.purchase_order)).toEqual({
      unitAmount: "17.49",
      discountPercent: "0.00",
    });
    // 19.99 less 12.5 % is 17.49125 → 17.49; 3 × 17.49 = 52.47 (with the discount on the line: 52.47 too,
    // but 7 × gives 122.43 against 122.44).
    expect(lineAmountWith({ ...line, quantity: "7" }, XERO_LINE_PRICING.purchase_order)).toBe("122.43");
    expect(lineAmountWith({ ...line, quantity: "7" }, XERO_LINE_PRICING.sales_order)).toBe("122.44");
    // A bill is held as its purchase order is, so its lines add up to the order's.
    expect(XERO_LINE_PRICING.bill).toEqual(XERO_LINE_PRICING.purchase_order);
  });
});

describe("lineAmount", () => {
  it("multiplies quantity by unit price and rounds to 2 dp", () => {
    expect(lineAmount({ quantity: "2", unitPrice: "10.5" })).toBe("21.00");
  });

  it("keeps 4-dp unit prices exact until the line is rounded", () => {
    expect(lineAmount({ quantity: "7", unitPrice: "0.3333" })).toBe("2.33");
    expect(lineAmount({ quantity: "1000", unitPrice: "0.0001" })).toBe("0.10");
    expect(lineAmount({ quantity: "3", unitPrice: "0.0125" })).toBe("0.04");
    expect(lineAmount({ quantity: "2.5", unitPrice: "1.2345" })).toBe("3.09");
  });

  it("rounds halves away from zero, not to even", () => {
    expect(lineAmount({ quantity: "1", unitPrice: "0.125" })).toBe("0.13");
    expect(lineAmount({ quantity: "1", unitPrice: "0.135" })).toBe("0.14");
  });

  it("takes the discount off before rounding", () => {
    expect(lineAmount({ quantity: "3", unitPrice: "19.99", discountPercent: "12.5" })).toBe("52.47");
    expect(lineAmount({ quantity: "1", unitPrice: "100", discountPercent: "100" })).toBe("0.00");
    expect(lineAmount({ quantity: "1", unitPrice: "100", discountPercent: "" })).toBe("100.00");
    expect(lineAmount({ quantity: "1", unitPrice: "100", discountPercent: null })).toBe("100.00");
  });

  it("stays exact far beyond float precision", () => {
    expect(lineAmount({ quantity: "1000000", unitPrice: "9999999.9999" })).toBe("9999999999900.00");
    expect(lineAmount({ quantity: "0.1", unitPrice: "0.2" })).toBe("0.02");
  });
});

describe("lineTax", () => {
  it("adds tax on top in exclusive mode", () => {
    expect(lineTax("21.00", "15", "exclusive")).toBe("3.15");
    expect(lineTax("0.05", "10", "exclusive")).toBe("0.01");
  });

  it("finds the tax contained in the amount in inclusive mode: amount × rate / (100 + rate)", () => {
    expect(lineTax("115.00", "15", "inclusive")).toBe("15.00");
    expect(lineTax("10.00", "15", "inclusive")).toBe("1.30");
    expect(lineTax("100.00", "12.5", "inclusive")).toBe("11.11");
  });

  it("is zero with no tax, a zero rate or no rate", () => {
    expect(lineTax("100.00", "15", "no_tax")).toBe("0.00");
    expect(lineTax("100.00", "0", "exclusive")).toBe("0.00");
    expect(lineTax("100.00", null, "inclusive")).toBe("0.00");
  });
});

describe("calculateTotals", () => {
  it("sums an exclusive document", () => {
    const totals = calculateTotals(
      [
        { quantity: "2", unitPrice: "10.50", taxRate: "15" },
        { quantity: "1", unitPrice: "4.99", taxRate: "15" },
      ],
      "exclusive",
    );
    expect(totals).toEqual({
      subtotal: "25.99",
      tax: "3.90",
      total: "29.89",
      lines: [
        { lineAmount: "21.00", taxAmount: "3.15" },
        { lineAmount: "4.99", taxAmount: "0.75" },
      ],
    });
  });

  it("rounds tax per line then sums, like Xero: 1141.39 + 34.25 at 10 % is 117.57, not 117.56", () => {
    const totals = calculateTotals(
      [
        { quantity: "1", unitPrice: "1141.39", taxRate: "10" },
        { quantity: "1", unitPrice: "34.25", taxRate: "10" },
      ],
      "exclusive",
    );
    expect(totals.tax).toBe("117.57");
    expect(totals.subtotal).toBe("1175.64");
    expect(totals.total).toBe("1293.21");
    // Rounding the tax on the summed lines would have given a cent less.
    expect(lineTax(totals.subtotal, "10", "exclusive")).toBe("117.56");
  });

  it("rounds per line in the other direction too: three 0.05 lines at 10 % carry 0.03 tax, not 0.02", () => {
    const line = { quantity: "1", unitPrice: "0.05", taxRate: "10" };
    const totals = calculateTotals([line, line, line], "exclusive");
    expect(totals.tax).toBe("0.03");
    expect(lineTax("0.15", "10", "exclusive")).toBe("0.02");
  });

  it("rounds each line amount before summing: three lines of 1 × 0.3333 total 0.99", () => {
    const line = { quantity: "1", unitPrice: "0.3333" };
    const totals = calculateTotals([line, line, line], "no_tax");
    expect(totals.subtotal).toBe("0.99");
    expect(lineAmount({ quantity: "3", unitPrice: "0.3333" })).toBe("1.00");
  });

  it("backs the tax out of inclusive lines, per line", () => {
    const line = { quantity: "1", unitPrice: "10", taxRate: "15" };
    const totals = calculateTotals([line, line, line], "inclusive");
    expect(totals).toMatchObject({ subtotal: "26.10", tax: "3.90", total: "30.00" });
    // The tax contained in the 30.00 total, taken at once, would be 3.91.
    expect(lineTax("30.00", "15", "inclusive")).toBe("3.91");
  });

  it("keeps the total equal to the inclusive amounts", () => {
    const totals = calculateTotals(
      [
        { quantity: "3", unitPrice: "19.99", discountPercent: "12.5", taxRate: "15" },
        { quantity: "2.5", unitPrice: "1.2345", taxRate: "15" },
      ],
      "inclusive",
    );
    expect(totals.lines).toEqual([
      { lineAmount: "52.47", taxAmount: "6.84" },
      { lineAmount: "3.09", taxAmount: "0.40" },
    ]);
    expect(totals).toMatchObject({ subtotal: "48.32", tax: "7.24", total: "55.56" });
  });

  it("applies discounts then tax per line in exclusive mode", () => {
    const totals = calculateTotals(
      [{ quantity: "3", unitPrice: "19.99", discountPercent: "12.5", taxRate: "15" }],
      "exclusive",
    );
    expect(totals).toMatchObject({ subtotal: "52.47", tax: "7.87", total: "60.34" });
  });

  it("mixes tax rates and untaxed lines", () => {
    const totals = calculateTotals(
      [
        { quantity: "1", unitPrice: "100", taxRate: "15" },
        { quantity: "1", unitPrice: "100", taxRate: "0" },
        { quantity: "1", unitPrice: "100", taxRate: null },
      ],
      "exclusive",
    );
    expect(totals).toMatchObject({ subtotal: "300.00", tax: "15.00", total: "315.00" });
  });

  it("charges no tax in no-tax mode whatever the line rates say", () => {
    const totals = calculateTotals([{ quantity: "2", unitPrice: "50", taxRate: "15" }], "no_tax");
    expect(totals).toMatchObject({ subtotal: "100.00", tax: "0.00", total: "100.00" });
  });

  it("gives zeros for an empty document", () => {
    expect(calculateTotals([], "exclusive")).toEqual({
      subtotal: "0.00",
      tax: "0.00",
      total: "0.00",
      lines: [],
    });
  });

  it("handles the largest allowed line exactly", () => {
    const totals = calculateTotals(
      [{ quantity: "1000000", unitPrice: "9999999.9999", taxRate: "15" }],
      "exclusive",
    );
    expect(totals).toMatchObject({
      subtotal: "9999999999900.00",
      tax: "1499999999985.00",
      total: "11499999999885.00",
    });
  });

  it("accepts numbers as well as strings for one-off callers", () => {
    expect(calculateLine({ quantity: 2, unitPrice: 10.5, taxRate: 15 }, "exclusive")).toEqual({
      lineAmount: "21.00",
      taxAmount: "3.15",
    });
  });
});

describe("decimal helpers", () => {
  it("checks decimal places and rejects non-numbers", () => {
    expect(hasAtMostDecimalPlaces("1.2345", 4)).toBe(true);
    expect(hasAtMostDecimalPlaces("1.23456", 4)).toBe(false);
    expect(hasAtMostDecimalPlaces("12", 0)).toBe(true);
    expect(hasAtMostDecimalPlaces("abc", 4)).toBe(false);
    expect(hasAtMostDecimalPlaces("Infinity", 4)).toBe(false);
  });

  it("subtracts, sums and compares exactly", () => {
    expect(subtract("10", "3.3333")).toBe("6.6667");
    expect(sum(["0.1", "0.2"])).toBe("0.3");
    expect(compare("0.3", sum(["0.1", "0.2"]))).toBe(0);
    expect(compare("2", "10")).toBe(-1);
  });
});

describe("formatting", () => {
  const spaces = (text: string) => text.replace(/\s/g, " ");

  it("shows money with its currency code and two decimals", () => {
    expect(spaces(formatMoney("1234.5", "NZD"))).toBe("NZD 1,234.50");
    expect(spaces(formatMoney("9999999999900.00", "AUD"))).toBe("AUD 9,999,999,999,900.00");
  });

  it("shows quantities without trailing zeros and prices with 2 to 4 decimals", () => {
    expect(formatQuantity("2.0000")).toBe("2");
    expect(formatQuantity("1.0625")).toBe("1.0625");
    expect(formatUnitPrice("10.5000")).toBe("10.50");
    expect(formatUnitPrice("10.1234")).toBe("10.1234");
  });
});

describe("form values", () => {
  it("shows stored decimals plainly, prices with at least two decimals", () => {
    expect(plainDecimal("10.5000")).toBe("10.5");
    expect(plainPrice("12.5000")).toBe("12.50");
    expect(plainPrice("95.1234")).toBe("95.1234");
    expect(plainPrice("7")).toBe("7.00");
  });
});

describe("amountWithTax", () => {
  it("finds the line amount nearest a wanted amount on which Xero's per-line tax is exactly a figure", () => {
    // At 15 % a tax of 0.01 is carried by 0.04 to 0.09 (0.0334 … 0.0999 rounds to 0.01).
    expect(amountWithTax("0.01", "15", "exclusive", "0.00")).toBe("0.04");
    expect(amountWithTax("0.01", "15", "exclusive", "0.50")).toBe("0.09");
    expect(amountWithTax("0.01", "15", "exclusive", "0.06")).toBe("0.06");
    expect(amountWithTax("-0.01", "15", "exclusive", "0.00")).toBe("-0.04");
    // Inclusive: 15/115 of 0.04 is 0.0052 → 0.01; of 0.03 it is 0.0039 → 0.00.
    expect(amountWithTax("0.01", "15", "inclusive", "0")).toBe("0.04");
    expect(amountWithTax("0.00", "0", "exclusive", "0.07")).toBe("0.07");
    expect(amountWithTax("0.01", "0", "exclusive", "0")).toBeNull();
    expect(amountWithTax("0.01", "15", "no_tax", "0")).toBeNull();
  });
});

describe("inBaseCurrency", () => {
  it("divides by Xero's rate (document currency per base unit) and rounds to the cent", () => {
    expect(inBaseCurrency("100.00", "0.593600")).toBe("168.46");
    expect(inBaseCurrency("842.67", "1.174200")).toBe("717.65");
    expect(inBaseCurrency("10.00", "1")).toBe("10.00");
  });
});
