import { json } from "../http/types.ts";
import type { AccountRecord, OrgRecord, TaxRateRecord } from "../state/types.ts";
import { notFound } from "./errors.ts";
import { filterList, isResponse, type OperationContext, type OperationSpec } from "./operation.ts";
import { dayFields, envelope, msDate } from "./wire.ts";

function organisationToWire(org: OrgRecord) {
  return {
    OrganisationID: org.tenantId,
    APIKey: "",
    Name: org.Name,
    LegalName: org.LegalName,
    PaysTax: true,
    Version: org.Version,
    OrganisationType: "COMPANY",
    BaseCurrency: org.BaseCurrency,
    CountryCode: org.CountryCode,
    IsDemoCompany: true,
    OrganisationStatus: "ACTIVE",
    TaxNumber: org.TaxNumber,
    FinancialYearEndDay: 31,
    FinancialYearEndMonth: 3,
    SalesTaxBasis: org.Version === "UK" ? "ACCRUAL" : "INVOICE",
    SalesTaxPeriod: org.Version === "UK" ? "QUARTERLY1" : "TWOMONTHS",
    DefaultSalesTax: org.DefaultSalesTax,
    DefaultPurchasesTax: org.DefaultPurchasesTax,
    ...dayFields("PeriodLockDate", org.PeriodLockDate),
    ...dayFields("EndOfYearLockDate", org.EndOfYearLockDate),
    CreatedDateUTC: msDate(org.CreatedDateUTC),
    OrganisationEntityType: "COMPANY",
    Timezone: org.Timezone,
    ShortCode: org.ShortCode,
    Class: "DEMO",
    Edition: "BUSINESS",
    LineOfBusiness: "Metal fabrication",
    Addresses: [],
    Phones: [],
    ExternalLinks: [],
    PaymentTerms: {},
  };
}

export function accountToWire(a: AccountRecord) {
  return { ...a, UpdatedDateUTC: msDate(a.UpdatedDateUTC) };
}

function taxRateToWire(t: TaxRateRecord) {
  return {
    Name: t.Name,
    TaxType: t.TaxType,
    ReportTaxType: t.ReportTaxType,
    CanApplyToAssets: t.CanApplyToExpenses,
    CanApplyToEquity: t.CanApplyToExpenses,
    CanApplyToExpenses: t.CanApplyToExpenses,
    CanApplyToLiabilities: t.CanApplyToExpenses,
    CanApplyToRevenue: t.CanApplyToRevenue,
    DisplayTaxRate: t.Rate,
    EffectiveRate: t.Rate,
    Status: t.Status,
    TaxComponents: [
      {
        Name: t.Name.includes("VAT") ? "VAT" : "GST",
        Rate: t.Rate,
        IsCompound: false,
        IsNonRecoverable: false,
      },
    ],
  };
}

function accounts(c: OperationContext) {
  const filtered = filterList(c, c.org.accounts);
  if (isResponse(filtered)) return filtered;
  return json(200, envelope("Accounts", filtered.map(accountToWire)));
}

function taxRates(c: OperationContext) {
  const rates = c.org.taxRates.map((t) => ({ ...t, UpdatedDateUTC: 0 }));
  const filtered = filterList(c, rates);
  if (isResponse(filtered)) return filtered;
  return json(200, envelope("TaxRates", filtered.map(taxRateToWire)));
}

/** The organisation's currencies (base first, then those it added); `where` and `order` per the spec. */
function currencies(c: OperationContext) {
  const filtered = filterList(
    c,
    c.org.currencies.map((currency) => ({ ...currency, UpdatedDateUTC: 0 })),
  );
  if (isResponse(filtered)) return filtered;
  return json(
    200,
    envelope(
      "Currencies",
      filtered.map(({ Code, Description }) => ({ Code, Description })),
    ),
  );
}

export const settingsOperations: Record<string, OperationSpec> = {
  getOrganisations: {
    scope: "accounting.settings",
    write: false,
    handle: (c) => json(200, envelope("Organisations", [organisationToWire(c.org)])),
  },
  getCurrencies: {
    scope: "accounting.settings",
    write: false,
    handle: currencies,
  },
  getAccounts: { scope: "accounting.settings", write: false, handle: accounts },
  getAccount: {
    scope: "accounting.settings",
    write: false,
    handle: (c) => {
      const id = (c.op.pathParams.AccountID ?? "").toLowerCase();
      const account = c.org.accounts.find((a) => a.AccountID === id);
      return account
        ? json(200, envelope("Accounts", [accountToWire(account)]))
        : notFound(`Account ${id} was not found`);
    },
  },
  getTaxRates: { scope: "accounting.settings", write: false, handle: taxRates },
  getTaxRateByTaxType: {
    scope: "accounting.settings",
    write: false,
    handle: (c) => {
      const rate = c.org.taxRates.find((t) => t.TaxType === c.op.pathParams.TaxType);
      return rate
        ? json(200, envelope("TaxRates", [taxRateToWire(rate)]))
        : notFound("Tax rate was not found");
    },
  },
};
