import { describe, expect, it } from "vitest";
import type { TaxMappingRow } from "@/lib/db/queries/xero-settings";
import { suggestMappings } from "@/lib/linking/default-mappings";
import type { XeroReferenceData } from "@/lib/xero/reference-data";

const account = (
  code: string,
  name: string,
  type: string,
  extra: Partial<{ active: boolean; system: boolean }> = {},
) => ({
  code,
  name,
  type,
  active: extra.active ?? true,
  system: extra.system ?? false,
});
const tax = (taxType: string, name: string, rate: number, revenue: boolean, expenses: boolean) => ({
  taxType,
  name,
  rate,
  active: true,
  canApplyToRevenue: revenue,
  canApplyToExpenses: expenses,
});

/** Like the NZ demo organisation. */
const nz: Pick<XeroReferenceData, "accounts" | "taxTypes"> = {
  accounts: [
    account("090", "Business Bank", "BANK"),
    account("200", "Sales", "REVENUE"),
    account("260", "Other Revenue", "REVENUE"),
    account("300", "Purchases", "DIRECTCOSTS"),
    account("310", "Cost of Goods Sold", "DIRECTCOSTS"),
    account("610", "Accounts Receivable", "CURRENT", { system: true }),
  ],
  taxTypes: [
    tax("OUTPUT2", "15% GST on Income", 15, true, false),
    tax("INPUT2", "15% GST on Expenses", 15, false, true),
    tax("NONE", "No GST", 0, true, true),
    tax("ZERORATED", "Zero Rated", 0, true, false),
    tax("EXEMPTOUTPUT", "Exempt Income", 0, true, false),
    tax("EXEMPTINPUT", "Exempt Expenses", 0, false, true),
  ],
};

const rate = (
  taxRateId: string,
  taxRateName: string,
  percent: string,
  mapped: Partial<TaxMappingRow> = {},
) => ({
  taxRateId,
  taxRateName,
  percent,
  active: true,
  salesTaxType: null,
  purchaseTaxType: null,
  ...mapped,
});

describe("suggestMappings", () => {
  it("proposes Xero's usual accounts and the tax type of each Factory rate", () => {
    const suggested = suggestMappings(nz, { salesAccountCode: null, purchaseAccountCode: null }, [
      rate("gst", "GST 15%", "15"),
      rate("zero", "Zero rated", "0"),
      rate("none", "No tax", "0"),
    ]);
    expect(suggested).toEqual({
      salesAccountCode: "200",
      purchaseAccountCode: "300",
      taxMappings: [
        { taxRateId: "gst", salesTaxType: "OUTPUT2", purchaseTaxType: "INPUT2" },
        { taxRateId: "zero", salesTaxType: "ZERORATED", purchaseTaxType: "NONE" },
        { taxRateId: "none", salesTaxType: "NONE", purchaseTaxType: "NONE" },
      ],
    });
  });

  it("never replaces what an admin chose", () => {
    const suggested = suggestMappings(nz, { salesAccountCode: "260", purchaseAccountCode: "310" }, [
      rate("gst", "GST 15%", "15", { salesTaxType: "NONE", purchaseTaxType: "NONE" }),
      rate("zero", "Zero rated", "0", { salesTaxType: "EXEMPTOUTPUT" }),
    ]);
    expect(suggested).toEqual({
      salesAccountCode: undefined,
      purchaseAccountCode: undefined,
      taxMappings: [{ taxRateId: "zero", salesTaxType: "EXEMPTOUTPUT", purchaseTaxType: "NONE" }],
    });
  });

  it("leaves an ambiguous rate for the admin instead of guessing", () => {
    const suggested = suggestMappings(nz, { salesAccountCode: "200", purchaseAccountCode: "300" }, [
      rate("r5", "Reduced 5%", "5"),
      rate("odd", "Special 0%", "0"),
    ]);
    expect(suggested.taxMappings).toEqual([
      { taxRateId: "odd", salesTaxType: "NONE", purchaseTaxType: "NONE" },
    ]);
  });

  it("skips archived and system accounts when Xero's usual codes are missing", () => {
    const suggested = suggestMappings(
      {
        accounts: [
          account("200", "Sales", "REVENUE", { active: false }),
          account("210", "Fabrication", "REVENUE"),
        ],
        taxTypes: [],
      },
      { salesAccountCode: null, purchaseAccountCode: null },
      [],
    );
    expect(suggested).toEqual({ salesAccountCode: "210", purchaseAccountCode: undefined, taxMappings: [] });
  });
});
