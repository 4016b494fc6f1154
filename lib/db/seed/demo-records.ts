import type { Tx } from "@/lib/db/client";
import { takeNumber } from "@/lib/db/queries/numbering";
import { insertParty, type PartyValues } from "@/lib/db/queries/parties";
import { insertProduct, listTaxRates } from "@/lib/db/queries/products";
import type { Address, Customer, Product, Supplier } from "@/lib/db/schema";
import { loadCurrencySettings } from "@/lib/factory/currency-settings";

/*
 * Demo records for a small New Zealand metal-fabrication shop. The Xero simulator's demo
 * organisation holds contacts with the same names and emails as the first six customers and the
 * first two suppliers, so linking and importing have something to match; keep them in step.
 */

type DemoParty = Pick<PartyValues, "name" | "email" | "phone" | "taxNumber" | "notes"> & {
  city: string;
  street: string;
  postcode: string;
  contact?: { name: string; role: string };
  terms?: [PartyValues["paymentTermsType"], number];
};

const nz = (street: string, city: string, postcode: string): Address => ({
  line1: street,
  line2: "",
  city,
  region: "",
  postcode,
  country: "New Zealand",
});

/** In this order: Northern Rail Services must be C-00006, as the simulator's contact number says. */
const DEMO_CUSTOMERS: DemoParty[] = [
  {
    name: "Harbour Marine Engineering Ltd",
    email: "accounts@harbourmarine.example",
    phone: "09 373 4410",
    street: "12 Wynyard Street",
    city: "Auckland",
    postcode: "1010",
    contact: { name: "Mere Tane", role: "Accounts" },
    terms: ["day_of_following_month", 20],
  },
  {
    name: "Kiwi Agricultural Machinery",
    email: "purchasing@kiwiag.example",
    phone: "07 846 2210",
    street: "88 Te Rapa Road",
    city: "Hamilton",
    postcode: "3200",
    contact: { name: "Graham Smith", role: "Purchasing" },
    terms: ["days_after_invoice_date", 30],
  },
  {
    name: "Summit Construction Group",
    email: "ap@summitconstruction.example",
    phone: "04 472 9930",
    street: "200 Lambton Quay",
    city: "Wellington",
    postcode: "6011",
    contact: { name: "Priya Patel", role: "Project manager" },
    terms: ["day_of_following_month", 20],
  },
  {
    name: "Riverside Brewing Co",
    email: "orders@riversidebrewing.example",
    phone: "03 366 1120",
    street: "5 Riverside Lane",
    city: "Christchurch",
    postcode: "8011",
    terms: ["days_after_invoice_date", 14],
  },
  {
    name: "Coastal Signs & Displays",
    email: "hello@coastalsigns.example",
    phone: "07 578 3321",
    street: "41 Chapel Street",
    city: "Tauranga",
    postcode: "3110",
    terms: ["days_after_invoice_date", 7],
  },
  {
    name: "Northern Rail Services",
    email: "procurement@northernrail.example",
    phone: "09 438 5500",
    street: "3 Railway Road",
    city: "Whangārei",
    postcode: "0110",
    contact: { name: "Tom Walker", role: "Procurement" },
    terms: ["day_of_following_month", 20],
  },
  {
    name: "Alpine Architectural Joinery",
    email: "office@alpinejoinery.example",
    phone: "03 442 7781",
    street: "17 Gorge Road",
    city: "Queenstown",
    postcode: "9300",
    terms: ["days_after_invoice_date", 20],
  },
  {
    name: "Pacific Food Processing",
    email: "engineering@pacificfood.example",
    phone: "06 355 8120",
    street: "230 Kelvin Grove Road",
    city: "Palmerston North",
    postcode: "4414",
    terms: ["day_of_following_month", 20],
  },
  {
    name: "Metro Shopfitters",
    email: "jobs@metroshopfitters.example",
    phone: "09 525 6640",
    street: "9 Mount Wellington Highway",
    city: "Auckland",
    postcode: "1060",
    terms: ["days_after_invoice_date", 30],
  },
  {
    name: "Greenfield Solar Installations",
    email: "admin@greenfieldsolar.example",
    phone: "06 835 2290",
    street: "56 Thackeray Street",
    city: "Napier",
    postcode: "4110",
    terms: ["days_after_invoice_date", 14],
  },
  {
    name: "Southern Dairy Equipment",
    email: "parts@southerndairy.example",
    phone: "03 211 4470",
    street: "140 Tay Street",
    city: "Invercargill",
    postcode: "9810",
    terms: ["day_of_following_month", 20],
  },
  {
    name: "Taranaki Energy Services",
    email: "purchasing@taranakienergy.example",
    phone: "06 759 3300",
    street: "25 Breakwater Road",
    city: "New Plymouth",
    postcode: "4310",
    terms: ["days_after_invoice_date", 30],
  },
  {
    name: "Nelson Boatworks",
    email: "yard@nelsonboatworks.example",
    phone: "03 548 9012",
    street: "7 Vickerman Street",
    city: "Nelson",
    postcode: "7010",
    terms: ["days_after_invoice_date", 20],
  },
  {
    name: "Central Otago Vineyards Ltd",
    email: "vineyard@centralotagovines.example",
    phone: "03 445 0021",
    street: "1 Felton Road",
    city: "Cromwell",
    postcode: "9310",
  },
  {
    name: "Waikato Playground Co",
    email: "sales@waikatoplay.example",
    phone: "07 855 7733",
    street: "60 Bryce Street",
    city: "Hamilton",
    postcode: "3204",
    terms: ["days_after_invoice_date", 14],
  },
  {
    name: "Capital City Council Facilities",
    email: "invoices@capitalfacilities.example",
    phone: "04 499 4444",
    street: "101 Wakefield Street",
    city: "Wellington",
    postcode: "6011",
    taxNumber: "012-345-678",
    terms: ["day_of_following_month", 20],
  },
  {
    name: "Ōtautahi Cycle Racks",
    email: "kia.ora@otautahicycles.example",
    phone: "03 377 2020",
    street: "33 Tuam Street",
    city: "Christchurch",
    postcode: "8011",
    terms: ["days_after_invoice_date", 7],
  },
  {
    name: "Bay Cold Storage",
    email: "maintenance@baycold.example",
    phone: "07 572 1188",
    street: "2 Hewletts Road",
    city: "Mount Maunganui",
    postcode: "3116",
    terms: ["days_after_invoice_date", 30],
  },
  {
    name: "Hawke's Bay Orchard Supplies",
    email: "orders@hborchard.example",
    phone: "06 878 6655",
    street: "410 Omahu Road",
    city: "Hastings",
    postcode: "4120",
    terms: ["day_of_following_month", 20],
  },
  {
    name: "Precision Robotics NZ",
    email: "supply@precisionrobotics.example",
    phone: "09 951 0400",
    street: "14 Normanby Road",
    city: "Auckland",
    postcode: "1024",
    notes: "Tight tolerances: send first-article inspection reports with every order.",
  },
];

/** Steel & Tube Distributors and Pacific Aluminium Supplies match contacts in the simulator's demo organisation. */
const DEMO_SUPPLIERS: DemoParty[] = [
  {
    name: "Steel & Tube Distributors",
    email: "sales@steeltube.example",
    phone: "0800 783 353",
    street: "15 Kerwyn Avenue",
    city: "Auckland",
    postcode: "2013",
    contact: { name: "Dave Hunt", role: "Account manager" },
    terms: ["day_of_following_month", 20],
  },
  {
    name: "Pacific Aluminium Supplies",
    email: "orders@pacal.example",
    phone: "09 274 6600",
    street: "22 Ash Road",
    city: "Auckland",
    postcode: "2104",
    terms: ["day_of_following_month", 20],
  },
  {
    name: "Industrial Gases NZ",
    email: "accounts@industrialgases.example",
    phone: "0800 442 788",
    street: "8 Gas Lane",
    city: "Hamilton",
    postcode: "3206",
    terms: ["days_after_invoice_date", 30],
  },
  {
    name: "FastFix Fasteners",
    email: "trade@fastfix.example",
    phone: "09 444 3210",
    street: "51 Porana Road",
    city: "Auckland",
    postcode: "0627",
    terms: ["day_of_following_month", 20],
  },
  {
    name: "PowderCoat Pros",
    email: "jobs@powdercoatpros.example",
    phone: "09 827 1150",
    street: "19 Ward Street",
    city: "Auckland",
    postcode: "0600",
    terms: ["days_after_invoice_date", 14],
  },
  {
    name: "Galvanising Services Ltd",
    email: "bookings@galvservices.example",
    phone: "07 849 3344",
    street: "77 Kahikatea Drive",
    city: "Hamilton",
    postcode: "3204",
    terms: ["day_of_following_month", 20],
  },
  {
    name: "Abrasives & Tooling Co",
    email: "sales@abrasivestooling.example",
    phone: "03 379 2288",
    street: "12 Sockburn Road",
    city: "Christchurch",
    postcode: "8042",
    terms: ["days_after_invoice_date", 30],
  },
  {
    name: "Southern Stainless",
    email: "orders@southernstainless.example",
    phone: "03 477 6600",
    street: "95 Crawford Street",
    city: "Dunedin",
    postcode: "9016",
    terms: ["day_of_following_month", 20],
  },
  {
    name: "Laser Cut Direct",
    email: "quotes@lasercutdirect.example",
    phone: "09 263 8800",
    street: "4 Vogler Drive",
    city: "Auckland",
    postcode: "2104",
    terms: ["days_after_invoice_date", 7],
  },
  {
    name: "Freightways Haulage",
    email: "billing@freightwayshaulage.example",
    phone: "0800 373 444",
    street: "300 Great South Road",
    city: "Auckland",
    postcode: "1062",
    terms: ["days_after_invoice_date", 20],
  },
];

type DemoProduct = [
  sku: string,
  name: string,
  unit: string,
  salePrice: string,
  purchaseCost: string,
  description?: string,
];

const DEMO_PRODUCTS: DemoProduct[] = [
  ["MS-FLAT-50x6", "Mild steel flat bar 50 × 6 mm", "m", "14.5000", "8.2000"],
  ["MS-FLAT-75x10", "Mild steel flat bar 75 × 10 mm", "m", "28.9000", "17.4000"],
  ["MS-RHS-50x25x3", "Mild steel RHS 50 × 25 × 3 mm", "m", "22.7500", "13.1000"],
  ["MS-SHS-75x75x4", "Mild steel SHS 75 × 75 × 4 mm", "m", "41.2000", "24.6000"],
  ["MS-ANGLE-50x50x5", "Mild steel angle 50 × 50 × 5 mm", "m", "19.8000", "11.3500"],
  ["MS-PLATE-6MM", "Mild steel plate 6 mm, 2400 × 1200", "sheet", "486.0000", "298.0000"],
  ["MS-PLATE-10MM", "Mild steel plate 10 mm, 2400 × 1200", "sheet", "812.0000", "505.0000"],
  ["SS304-SHEET-1.5", "Stainless 304 sheet 1.5 mm, 2400 × 1200", "sheet", "395.0000", "242.0000"],
  ["SS316-TUBE-50.8", "Stainless 316 round tube 50.8 × 1.6 mm", "m", "64.5000", "39.9000"],
  ["AL-SHEET-3MM", "Aluminium 5052 sheet 3 mm, 2400 × 1200", "sheet", "289.0000", "176.0000"],
  ["AL-CHQR-3MM", "Aluminium checker plate 3 mm, 2400 × 1200", "sheet", "325.0000", "199.0000"],
  ["GAL-GRATE-1M", "Galvanised grating panel 1000 × 1000", "each", "245.0000", "150.0000"],
  [
    "FAB-HANDRAIL-M",
    "Handrail fabrication, galvanised",
    "m",
    "185.0000",
    "0.0000",
    "Fabricated to drawing, hot-dip galvanised, installed price excluded.",
  ],
  ["FAB-BALUSTRADE-M", "Stainless balustrade, glass clamps", "m", "640.0000", "0.0000"],
  ["FAB-STAIR-STRINGER", "Steel stair stringer pair", "pair", "1450.0000", "0.0000"],
  ["FAB-BRACKET-L", "Laser-cut L bracket, 6 mm", "each", "12.5000", "4.1000"],
  ["FAB-BASEPLATE-200", "Base plate 200 × 200 × 12 mm, 4 holes", "each", "38.0000", "15.5000"],
  ["FAB-GATE-SWING", "Swing gate, 1.8 m, powder coated", "each", "980.0000", "0.0000"],
  ["FAB-BIKE-RACK-5", "Cycle rack, 5 bays, galvanised", "each", "760.0000", "0.0000"],
  ["SVC-WELD-HR", "Welding labour", "hour", "95.0000", "0.0000"],
  ["SVC-FAB-HR", "Fabrication labour", "hour", "88.0000", "0.0000"],
  ["SVC-SITE-HR", "Site installation labour", "hour", "110.0000", "0.0000"],
  ["SVC-DESIGN-HR", "Drafting and design", "hour", "120.0000", "0.0000"],
  ["SVC-LASER-MIN", "Laser cutting time", "minute", "4.2500", "0.0000"],
  ["SVC-POWDERCOAT-M2", "Powder coating, standard colours", "m²", "42.0000", "28.0000"],
  ["SVC-GALV-KG", "Hot-dip galvanising", "kg", "2.3500", "1.6000"],
  ["CON-WIRE-ER70S-15KG", "MIG wire ER70S-6 0.9 mm, 15 kg spool", "each", "98.0000", "61.0000"],
  ["CON-ARGON-G", "Argon shielding gas, G size", "cylinder", "165.0000", "112.0000"],
  ["CON-BOLT-M12-GALV", "Bolt M12 × 50 galvanised, with nut", "each", "1.4500", "0.5200"],
  ["SVC-DELIVERY", "Delivery, local", "each", "85.0000", "45.0000"],
];

async function insertDemoParty(tx: Tx, kind: "customer" | "supplier", party: DemoParty, currency: string) {
  const address = nz(party.street, party.city, party.postcode);
  return insertParty(tx, kind, {
    code: await takeNumber(tx, kind),
    name: party.name,
    email: party.email,
    phone: party.phone,
    taxNumber: party.taxNumber ?? null,
    notes: party.notes ?? null,
    billingAddress: address,
    deliveryAddress: address,
    contactPeople: party.contact
      ? [{ ...party.contact, email: party.email ?? "", phone: party.phone ?? "" }]
      : [],
    currency,
    paymentTermsType: party.terms?.[0] ?? null,
    paymentTermsDay: party.terms?.[1] ?? null,
  });
}

export interface DemoRecords {
  customers: Customer[];
  suppliers: Supplier[];
  products: Product[];
}

/**
 * Customers, suppliers and products for the demo, written in one transaction. Writes no sync
 * events: the demo records stand for data that already exists, so nothing is queued for Xero.
 */
export async function seedDemoRecords(tx: Tx): Promise<DemoRecords> {
  const rates = await listTaxRates(tx);
  const gst = rates.find((rate) => rate.name === "GST 15%") ?? rates[0];
  if (!gst) throw new Error("No tax rates: run the migrations first.");
  const seeded: DemoRecords = { customers: [], suppliers: [], products: [] };
  const { defaultCurrency } = await loadCurrencySettings(tx);
  for (const party of DEMO_CUSTOMERS)
    seeded.customers.push(await insertDemoParty(tx, "customer", party, defaultCurrency));
  for (const party of DEMO_SUPPLIERS)
    seeded.suppliers.push(await insertDemoParty(tx, "supplier", party, defaultCurrency));
  for (const [sku, name, unit, salePrice, purchaseCost, description] of DEMO_PRODUCTS) {
    seeded.products.push(
      await insertProduct(tx, { sku, name, unit, salePrice, purchaseCost, description, taxRateId: gst.id }),
    );
  }
  return seeded;
}
