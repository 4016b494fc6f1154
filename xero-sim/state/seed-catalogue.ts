/**
 * Deterministic demo data for the two organisations: chart of accounts, tax rates, items and
 * contact names. Kept as plain tables so a reader can see exactly what the demo orgs hold.
 */

/** [code, name, type, class, taxType, systemAccount?] */
export type AccountRow = [
  string,
  string,
  string,
  "ASSET" | "EQUITY" | "EXPENSE" | "LIABILITY" | "REVENUE",
  string,
  string?,
];

export function chartOfAccounts(salesTax: string, purchaseTax: string, taxAccountName: string): AccountRow[] {
  return [
    ["090", "Business Bank Account", "BANK", "ASSET", "NONE"],
    ["200", "Sales", "REVENUE", "REVENUE", salesTax],
    ["260", "Other Revenue", "OTHERINCOME", "REVENUE", salesTax],
    ["270", "Interest Income", "OTHERINCOME", "REVENUE", "NONE"],
    ["300", "Purchases", "DIRECTCOSTS", "EXPENSE", purchaseTax],
    ["310", "Cost of Goods Sold", "DIRECTCOSTS", "EXPENSE", purchaseTax],
    ["320", "Subcontractors", "DIRECTCOSTS", "EXPENSE", purchaseTax],
    ["400", "Advertising", "EXPENSE", "EXPENSE", purchaseTax],
    ["404", "Bank Fees", "EXPENSE", "EXPENSE", "NONE"],
    ["425", "Freight & Courier", "EXPENSE", "EXPENSE", purchaseTax],
    ["429", "General Expenses", "EXPENSE", "EXPENSE", purchaseTax],
    ["445", "Light, Power, Heating", "EXPENSE", "EXPENSE", purchaseTax],
    ["449", "Motor Vehicle Expenses", "EXPENSE", "EXPENSE", purchaseTax],
    ["461", "Printing & Stationery", "EXPENSE", "EXPENSE", purchaseTax],
    ["473", "Repairs and Maintenance", "EXPENSE", "EXPENSE", purchaseTax],
    ["477", "Wages and Salaries", "EXPENSE", "EXPENSE", "NONE"],
    ["485", "Subscriptions", "EXPENSE", "EXPENSE", purchaseTax],
    ["489", "Telephone & Internet", "EXPENSE", "EXPENSE", purchaseTax],
    ["610", "Accounts Receivable", "CURRENT", "ASSET", "NONE", "DEBTORS"],
    ["630", "Inventory", "INVENTORY", "ASSET", "NONE"],
    ["710", "Office Equipment", "FIXED", "ASSET", purchaseTax],
    ["720", "Plant and Machinery", "FIXED", "ASSET", purchaseTax],
    ["800", "Accounts Payable", "CURRLIAB", "LIABILITY", "NONE", "CREDITORS"],
    ["820", taxAccountName, "CURRLIAB", "LIABILITY", "NONE", "GST"],
    ["840", "Historical Adjustment", "CURRLIAB", "LIABILITY", "NONE", "HISTORICAL"],
    ["860", "Rounding", "CURRLIAB", "LIABILITY", "NONE", "ROUNDING"],
    ["960", "Retained Earnings", "EQUITY", "EQUITY", "NONE", "RETAINEDEARNINGS"],
    ["970", "Owner A Funds Introduced", "EQUITY", "EQUITY", "NONE"],
  ];
}

/** The account that every org has but which is ARCHIVED, so apps can see it is refused. */
export const ARCHIVED_ACCOUNT: AccountRow = ["494", "Travel - International", "EXPENSE", "EXPENSE", "NONE"];

/** [taxType, name, reportTaxType, rate, revenue?, expenses?] */
export type TaxRow = [string, string, string, number, boolean, boolean];

export const NZ_TAX_RATES: TaxRow[] = [
  ["OUTPUT2", "15% GST on Income", "OUTPUT", 15, true, false],
  ["INPUT2", "15% GST on Expenses", "INPUT", 15, false, true],
  ["NONE", "No GST", "NONE", 0, true, true],
  ["ZERORATED", "Zero Rated", "OUTPUT", 0, true, false],
  ["EXEMPTOUTPUT", "Exempt Income", "EXEMPTOUTPUT", 0, true, false],
  ["EXEMPTINPUT", "Exempt Expenses", "EXEMPTINPUT", 0, false, true],
  ["GSTONIMPORTS", "GST on Imports", "GSTONIMPORTS", 0, false, true],
];

export const UK_TAX_RATES: TaxRow[] = [
  ["OUTPUT2", "20% (VAT on Income)", "OUTPUT", 20, true, false],
  ["INPUT2", "20% (VAT on Expenses)", "INPUT", 20, false, true],
  ["RROUTPUT", "5% (VAT on Income)", "OUTPUT", 5, true, false],
  ["RRINPUT", "5% (VAT on Expenses)", "INPUT", 5, false, true],
  ["ZERORATEDOUTPUT", "Zero Rated Income", "ZERORATEDOUTPUT", 0, true, false],
  ["ZERORATEDINPUT", "Zero Rated Expenses", "ZERORATEDINPUT", 0, false, true],
  ["EXEMPTOUTPUT", "Exempt Income", "EXEMPTOUTPUT", 0, true, false],
  ["EXEMPTINPUT", "Exempt Expenses", "EXEMPTINPUT", 0, false, true],
  ["NONE", "No VAT", "NONE", 0, true, true],
];

/** [code, name, sales price, purchase price] — a metal fabrication shop's price list. */
export type ItemRow = [string, string, number, number];

export const ITEMS: ItemRow[] = [
  ...[1.6, 2, 3, 5, 6, 8, 10].map((mm): ItemRow => [
    `STL-SHT-${mm}`,
    `Mild steel sheet ${mm}mm 2400x1200`,
    60 + mm * 42,
    40 + mm * 30,
  ]),
  ...["25x25x3", "40x40x5", "50x50x6", "65x65x6", "75x75x6"].map((s, i): ItemRow => [
    `STL-ANG-${s}`,
    `Steel angle ${s} 6m`,
    48 + i * 31.5,
    32 + i * 22,
  ]),
  ...["25x25x2", "40x40x3", "50x50x3", "75x75x4", "100x100x5"].map((s, i): ItemRow => [
    `STL-RHS-${s}`,
    `Box section ${s} 6m`,
    55 + i * 38.25,
    36 + i * 27,
  ]),
  ...["25x6", "50x6", "50x10", "75x10"].map((s, i): ItemRow => [
    `STL-FLT-${s}`,
    `Flat bar ${s} 6m`,
    29.5 + i * 17,
    19 + i * 12,
  ]),
  ["ALU-SHT-1.6", "Aluminium sheet 1.6mm 2400x1200", 189, 131],
  ["ALU-SHT-3", "Aluminium sheet 3mm 2400x1200", 329, 228],
  ["SS-SHT-1.2", "Stainless 304 sheet 1.2mm 2400x1200", 395, 276],
  ["SS-SHT-2", "Stainless 304 sheet 2mm 2400x1200", 612, 430],
  ...["M8", "M10", "M12", "M16"].map((m, i): ItemRow => [
    `FST-BLT-${m}`,
    `Hex bolt ${m} zinc (box of 50)`,
    24.9 + i * 11,
    13.5 + i * 6.2,
  ]),
  ...["M8", "M10", "M12", "M16"].map((m, i): ItemRow => [
    `FST-NUT-${m}`,
    `Hex nut ${m} zinc (box of 100)`,
    14.5 + i * 5,
    7.25 + i * 2.8,
  ]),
  ...["M8", "M10", "M12"].map((m, i): ItemRow => [
    `FST-WSH-${m}`,
    `Flat washer ${m} (box of 100)`,
    9.95 + i * 3,
    4.4 + i * 1.5,
  ]),
  ["FST-RIV-4.8", "Blind rivet 4.8mm (box of 500)", 42, 23.1],
  ["SVC-LASER", "Laser cutting (per minute)", 4.5, 0],
  ["SVC-PLASMA", "Plasma cutting (per minute)", 2.75, 0],
  ["SVC-FOLD", "Press brake folding (per bend)", 3.2, 0],
  ["SVC-DRILL", "Drilling and tapping (per hole)", 1.85, 0],
  ["LAB-WELD", "Welding labour (per hour)", 95, 0],
  ["LAB-FAB", "Fabrication labour (per hour)", 88, 0],
  ["LAB-SITE", "Site installation labour (per hour)", 105, 0],
  ["LAB-DESIGN", "Drafting and design (per hour)", 120, 0],
  ["FIN-POWDER", "Powder coating (per m2)", 38, 21],
  ["FIN-GALV", "Hot-dip galvanising (per kg)", 1.45, 0.98],
  ["FIN-PAINT", "Two-pack paint finish (per m2)", 46, 24],
  ["CON-WIRE", "MIG wire 0.9mm 15kg spool", 129, 84.5],
  ["CON-GAS", "Argon/CO2 shielding gas refill", 142, 96],
  ["CON-DISC", "Cutting discs 125mm (pack of 25)", 57.5, 31],
  ["DEL-LOCAL", "Local delivery", 65, 0],
  ["DEL-CRANE", "Crane truck delivery (per hour)", 185, 0],
  ["MAT-MESH", "Reinforcing mesh sheet SE62", 96, 67.25],
  ["MAT-GRATE", "Galvanised floor grating 1000x600", 288, 199],
  ["MAT-CHQ", "Aluminium checker plate 3mm 2400x1200", 365, 252],
];

const PLACES = [
  "Aoraki",
  "Tasman",
  "Kauri",
  "Waitaki",
  "Ironbank",
  "Harbourside",
  "Southern Cross",
  "Rimu",
  "Matai",
  "Totara",
  "Kaimai",
  "Ruapehu",
  "Hauraki",
  "Manuka",
  "Pohutukawa",
  "Karaka",
  "Takitimu",
  "Awatere",
  "Wakatipu",
  "Rangitoto",
];
const TRADES = [
  "Engineering Ltd",
  "Construction Ltd",
  "Farm Supplies",
  "Marine Services",
  "Joinery Ltd",
  "Builders Ltd",
  "Structural Steel",
  "Architects",
  "Property Group",
  "Transport Ltd",
];

/** About 190 realistic, unique contact names: every place crossed with each trade, minus a few. */
export function generatedContactNames(count: number): string[] {
  const names: string[] = [];
  for (let i = 0; names.length < count; i++) {
    const place = PLACES[i % PLACES.length] ?? "";
    const trade = TRADES[Math.floor(i / PLACES.length) % TRADES.length] ?? "";
    names.push(`${place} ${trade}`);
  }
  return names;
}
