import { describe, expect, it } from "vitest";
import { describeSettingsEvent, type SettingsNames } from "@/lib/linking/settings-history";

const GST = "3f1c2a70-0000-4000-8000-000000000001";
const names: SettingsNames = {
  taxRates: new Map([[GST, "GST 15%"]]),
  taxTypes: new Map([
    ["OUTPUT2", "15% GST on Income"],
    ["INPUT2", "15% GST on Expenses"],
    ["NONE", "No GST"],
  ]),
  accounts: new Map([
    ["200", "200 — Sales"],
    ["300", "300 — Purchases"],
  ]),
};

describe("the settings history in sentences", () => {
  it("says which automatic sending was turned on or off", () => {
    expect(
      describeSettingsEvent(
        {
          action: "updated",
          before: { autoSendQuotes: false, billStatus: "DRAFT" },
          after: { autoSendQuotes: true, billStatus: "AUTHORISED" },
        },
        names,
      ),
    ).toEqual({
      title: "Settings changed",
      sentences: [
        "Automatic sending of quotes turned on",
        "Bills are created in Xero as Awaiting payment (was Draft)",
      ],
    });
  });

  it("names accounts and untaxed-line tax types", () => {
    expect(
      describeSettingsEvent(
        {
          action: "updated",
          before: { salesAccountCode: null, purchaseNoTaxType: "NONE" },
          after: { salesAccountCode: "200", purchaseNoTaxType: "EXEMPTEXPENSES" },
        },
        names,
      ).sentences,
    ).toEqual([
      "Sales account: 200 — Sales (was none)",
      "Tax type for untaxed purchase lines: EXEMPTEXPENSES (was No GST)",
    ]);
  });

  it("names the tax rate and the Xero tax type of a changed mapping, side by side", () => {
    expect(
      describeSettingsEvent(
        {
          action: "tax_mapping_updated",
          before: { taxRate: "GST 15%", sales: null, purchases: "INPUT2" },
          after: { taxRate: "GST 15%", sales: "OUTPUT2", purchases: "INPUT2" },
        },
        names,
      ),
    ).toEqual({
      title: "Tax mapping changed",
      sentences: ["Tax rate GST 15% on sales: 15% GST on Income (was Not mapped)"],
    });
  });

  it("lists the defaults taken from the organisation by name, not by tax-rate id", () => {
    const described = describeSettingsEvent(
      {
        action: "defaults_from_organisation",
        before: { salesAccountCode: null, purchaseAccountCode: null },
        after: {
          salesAccountCode: "200",
          purchaseAccountCode: "300",
          taxMappings: [{ taxRateId: GST, salesTaxType: "OUTPUT2", purchaseTaxType: "INPUT2" }],
        },
      },
      names,
    );
    expect(described).toEqual({
      title: "Defaults taken from the organisation",
      sentences: [
        "Sales account: 200 — Sales (was none)",
        "Purchases account: 300 — Purchases (was none)",
        "Tax rate GST 15% on sales: 15% GST on Income",
        "Tax rate GST 15% on purchases: 15% GST on Expenses",
      ],
    });
    expect(described.sentences.join(" ")).not.toContain(GST);
  });

  it("describes connection events", () => {
    expect(
      describeSettingsEvent({ action: "connected", before: null, after: { organisation: "Demo NZ" } }, names)
        .sentences,
    ).toEqual(["Connected to Demo NZ"]);
    expect(
      describeSettingsEvent(
        {
          action: "organisation_switched",
          before: { organisation: "Demo NZ" },
          after: { organisation: "Demo UK", linksCleared: true },
        },
        names,
      ).sentences[0],
    ).toBe("Switched from Demo NZ to Demo UK");
  });
});
