import { stableId } from "./ids.ts";
import {
  ARCHIVED_ACCOUNT,
  chartOfAccounts,
  generatedContactNames,
  ITEMS,
  NZ_TAX_RATES,
  UK_TAX_RATES,
  type AccountRow,
  type ItemRow,
  type TaxRow,
} from "./seed-catalogue.ts";
import type { AccountRecord, ContactRecord, ItemRecord, OrgRecord, TaxRateRecord } from "./types.ts";

/** Seeded records carry fixed timestamps so a seeded state is byte-for-byte reproducible. */
const SEEDED_AT = Date.UTC(2026, 9, 1);

interface OrgSpec {
  key: string;
  name: string;
  shortCode: string;
  baseCurrency: string;
  countryCode: string;
  version: "NZ" | "UK";
  timezone: string;
  taxNumber: string;
  taxRates: TaxRow[];
  taxAccountName: string;
  /** Code, description and the day rate Xero would use (units per one unit of the base currency). */
  currencies: [string, string, number][];
  emailDomain: string;
}

const NZ: OrgSpec = {
  key: "nz",
  name: "Demo Fabrication NZ",
  shortCode: "!dfNZ1",
  baseCurrency: "NZD",
  countryCode: "NZ",
  version: "NZ",
  timezone: "NEWZEALANDSTANDARDTIME",
  taxNumber: "123-456-789",
  taxRates: NZ_TAX_RATES,
  taxAccountName: "GST",
  currencies: [
    ["NZD", "New Zealand Dollar", 1],
    ["AUD", "Australian Dollar", 0.9125],
    ["USD", "United States Dollar", 0.5936],
  ],
  emailDomain: "example.co.nz",
};

const UK: OrgSpec = {
  key: "uk",
  name: "Demo Fabrication UK",
  shortCode: "!dfUK2",
  baseCurrency: "GBP",
  countryCode: "GB",
  version: "UK",
  timezone: "GMTSTANDARDTIME",
  taxNumber: "GB 123 4567 89",
  taxRates: UK_TAX_RATES,
  taxAccountName: "VAT",
  currencies: [
    ["GBP", "British Pound", 1],
    ["EUR", "Euro", 1.1742],
    ["USD", "United States Dollar", 1.2718],
  ],
  emailDomain: "example.co.uk",
};

/**
 * Contacts that mirror Factory's own demo customers and suppliers with the differences an
 * import or link wizard must cope with (exact, case/spacing, punctuation, same email, code).
 */
const NZ_MATCHING_CONTACTS: Partial<ContactRecord>[] = [
  {
    Name: "Harbour Marine Engineering Ltd",
    EmailAddress: "accounts@harbourmarine.example",
    IsCustomer: true,
  },
  { Name: "kiwi agricultural  machinery", EmailAddress: "office@kiwiag.example", IsCustomer: true },
  {
    Name: "Summit Construction Group",
    EmailAddress: "ap@summitconstruction.example",
    ContactStatus: "ARCHIVED",
  },
  {
    Name: "Riverside Brewing Company Limited",
    EmailAddress: "orders@riversidebrewing.example",
    IsCustomer: true,
  },
  { Name: "Coastal Signs and Displays", EmailAddress: "hello@coastalsigns.example", IsCustomer: true },
  {
    Name: "Northern Rail Services Ltd",
    ContactNumber: "C-00006",
    EmailAddress: "finance@northernrail.example",
  },
  { Name: "Steel & Tube Distributors", EmailAddress: "sales@steeltube.example", IsSupplier: true },
  { Name: "Pacific Aluminium Supplies", EmailAddress: "orders@pacal.example", IsSupplier: true },
  // Same name as a generated active contact in another case: archived, so names stay unique.
  { Name: "SOUTHERN CROSS ENGINEERING LTD", ContactStatus: "ARCHIVED" },
];

export function seedOrganisations(): OrgRecord[] {
  return [buildOrg(NZ, NZ_MATCHING_CONTACTS), buildOrg(UK, [])];
}

function buildOrg(spec: OrgSpec, matching: Partial<ContactRecord>[]): OrgRecord {
  const tenantId = stableId(`org:${spec.key}`);
  const org: OrgRecord = {
    tenantId,
    Name: spec.name,
    LegalName: `${spec.name} Limited`,
    ShortCode: spec.shortCode,
    BaseCurrency: spec.baseCurrency,
    CountryCode: spec.countryCode,
    Version: spec.version,
    Timezone: spec.timezone,
    TaxNumber: spec.taxNumber,
    DefaultSalesTax: "Tax Exclusive",
    DefaultPurchasesTax: "Tax Exclusive",
    CreatedDateUTC: SEEDED_AT,
    offline: false,
    currencies: spec.currencies.map(([Code, Description]) => ({ Code, Description })),
    dayRates: Object.fromEntries(spec.currencies.map(([code, , rate]) => [code, rate])),
    accounts: [...chartOfAccounts("OUTPUT2", "INPUT2", spec.taxAccountName), ARCHIVED_ACCOUNT].map((row) =>
      account(spec.key, row),
    ),
    taxRates: spec.taxRates.map(taxRate),
    contacts: new Map(),
    items: new Map(),
    invoices: new Map(),
    quotes: new Map(),
    purchaseOrders: new Map(),
    creditNotes: new Map(),
    counters: { invoice: 0, quote: 0, purchaseOrder: 0, creditNote: 0 },
  };
  const archived = org.accounts.find((a) => a.Code === ARCHIVED_ACCOUNT[0]);
  if (archived) archived.Status = "ARCHIVED";

  const fixed = matching.map((partial, i) => contact(spec.key, `m${i}`, { ...partial }));
  const generated = generatedContactNames(200 - fixed.length).map((name, i) =>
    contact(spec.key, `g${i}`, {
      Name: name,
      EmailAddress: `accounts@${name.toLowerCase().replace(/[^a-z0-9]+/g, "")}.${spec.emailDomain}`,
      // Roughly one in twelve archived, one in five a supplier, most of the rest customers.
      ContactStatus: i % 12 === 11 ? "ARCHIVED" : "ACTIVE",
      IsSupplier: i % 5 === 0,
      IsCustomer: i % 5 !== 0 && i % 7 !== 0,
    }),
  );
  for (const c of [...fixed, ...generated]) org.contacts.set(c.ContactID, c);
  for (const [i, row] of ITEMS.entries()) {
    const record = item(spec.key, row, i);
    org.items.set(record.ItemID, record);
  }
  return org;
}

function account(orgKey: string, [code, name, type, cls, taxType, system]: AccountRow): AccountRecord {
  return {
    AccountID: stableId(`account:${orgKey}:${code}`),
    Code: code,
    Name: name,
    Type: type,
    Class: cls,
    Status: "ACTIVE",
    TaxType: taxType,
    ...(system ? { SystemAccount: system } : {}),
    EnablePaymentsToAccount: false,
    ShowInExpenseClaims: cls === "EXPENSE",
    ...(type === "BANK" ? { BankAccountType: "BANK" } : {}),
    HasAttachments: false,
    UpdatedDateUTC: SEEDED_AT,
  };
}

function taxRate([taxType, name, report, rate, revenue, expenses]: TaxRow): TaxRateRecord {
  return {
    TaxType: taxType,
    Name: name,
    ReportTaxType: report,
    Rate: rate,
    Status: "ACTIVE",
    CanApplyToRevenue: revenue,
    CanApplyToExpenses: expenses,
  };
}

/** Builds one contact with defaults and a stable ID; used by the seed and by the bulk-seed admin endpoint. */
export function contact(
  orgKey: string,
  key: string,
  fields: Partial<ContactRecord>,
  at = SEEDED_AT,
): ContactRecord {
  return {
    ContactID: stableId(`contact:${orgKey}:${key}`),
    ContactStatus: "ACTIVE",
    IsCustomer: false,
    IsSupplier: false,
    Addresses: [],
    Phones: [],
    ContactGroups: [],
    ContactPersons: [],
    HasAttachments: false,
    HasValidationErrors: false,
    UpdatedDateUTC: at,
    Name: "",
    ...fields,
  };
}

function item(orgKey: string, [code, name, sale, purchase]: ItemRow, i: number): ItemRecord {
  const isPurchased = purchase > 0;
  return {
    ItemID: stableId(`item:${orgKey}:${code}`),
    Code: code,
    Name: name.slice(0, 50),
    Description: name,
    ...(isPurchased ? { PurchaseDescription: name } : {}),
    IsSold: true,
    IsPurchased: isPurchased,
    IsTrackedAsInventory: false,
    SalesDetails: { UnitPrice: sale, AccountCode: "200", TaxType: "OUTPUT2" },
    ...(isPurchased
      ? { PurchaseDetails: { UnitPrice: purchase, AccountCode: "300", TaxType: "INPUT2" } }
      : {}),
    UpdatedDateUTC: SEEDED_AT + i * 60_000,
  };
}
