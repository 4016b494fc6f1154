import { describe, expect, it } from "vitest";
import { currencyChoices, currencyNotEnabled, type CurrencySettings } from "@/lib/factory/currencies";

const uk: CurrencySettings = {
  defaultCurrency: "GBP",
  enabled: ["EUR", "GBP", "USD"],
  organisationName: "Demo Fabrication UK",
};
const standalone: CurrencySettings = { defaultCurrency: "NZD", enabled: null, organisationName: null };

describe("currencyChoices", () => {
  it("offers the organisation's enabled currencies, its base currency first", () => {
    expect(currencyChoices(uk)).toEqual(["GBP", "EUR", "USD"]);
  });

  it("keeps a record's own currency visible when the organisation no longer offers it", () => {
    expect(currencyChoices(uk, "NZD")).toEqual(["NZD", "GBP", "EUR", "USD"]);
    expect(currencyChoices(uk, "EUR")).toEqual(["GBP", "EUR", "USD"]);
  });

  it("without an organisation offers every ISO currency, the configured default first", () => {
    const choices = currencyChoices(standalone);
    expect(choices[0]).toBe("NZD");
    expect(choices).toEqual(expect.arrayContaining(["AUD", "EUR", "JPY", "USD"]));
    expect(choices.length).toBeGreaterThan(100);
    expect(new Set(choices).size).toBe(choices.length);
  });
});

describe("currencyNotEnabled", () => {
  it("refuses a currency the organisation has not enabled, naming it and the choices", () => {
    expect(currencyNotEnabled(uk, "NZD")).toBe(
      "NZD isn't enabled in Demo Fabrication UK in Xero. Enable it there (Settings → Currencies), or choose EUR, GBP, USD.",
    );
    expect(currencyNotEnabled(uk, "EUR")).toBeUndefined();
  });

  it("allows any currency when no organisation says", () => {
    expect(currencyNotEnabled(standalone, "JPY")).toBeUndefined();
  });
});
