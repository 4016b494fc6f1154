import { sql } from "drizzle-orm";
import { countParties, listPartyPage, type PartyListQuery } from "../../../lib/db/queries/parties";
import type { BenchSuite } from "../bench-kit";

export const CUSTOMER_COUNT = 100_000;

const listQuery = (overrides: Partial<PartyListQuery>): PartyListQuery => ({
  search: "",
  sort: "name",
  direction: "asc",
  status: "active",
  xero: "all",
  page: 1,
  pageSize: 25,
  ...overrides,
});

const FIRST = [
  "Harbour",
  "Kiwi",
  "Summit",
  "Riverside",
  "Coastal",
  "Northern",
  "Alpine",
  "Pacific",
  "Metro",
  "Greenfield",
  "Southern",
  "Taranaki",
  "Nelson",
  "Central",
  "Waikato",
  "Capital",
  "Ōtautahi",
  "Bay",
  "Hawke's Bay",
  "Precision",
];
const SECOND = [
  "Marine",
  "Agricultural",
  "Construction",
  "Brewing",
  "Signs",
  "Rail",
  "Joinery",
  "Food",
  "Shopfitters",
  "Solar",
  "Dairy",
  "Energy",
  "Boatworks",
  "Vineyards",
  "Playgrounds",
  "Facilities",
  "Cycles",
  "Cold Storage",
  "Orchards",
  "Robotics",
];
const SUFFIX = ["Ltd", "Co", "Group", "Services", "Industries"];

const textArray = (values: string[]) =>
  sql.raw(`array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(",")}]`);

/**
 * 100,000 customers with realistic names, one in 20 archived and one in 3 linked to Xero, inserted
 * in one statement; then VACUUM ANALYZE, as autovacuum would do on a live database.
 */
export const customersSuite: BenchSuite = {
  name: `customers (${CUSTOMER_COUNT.toLocaleString("en-NZ")} rows)`,
  seed: async (db) => {
    await db.execute(sql`
      insert into customers (code, name, email, phone, currency, archived_at, xero_contact_id, created_at, updated_at)
      select 'C-' || case when i < 100000 then lpad(i::text, 5, '0') else i::text end,
             (${textArray(FIRST)})[1 + (i * 7) % ${FIRST.length}] || ' ' ||
             (${textArray(SECOND)})[1 + (i * 13) % ${SECOND.length}] || ' ' ||
             (${textArray(SUFFIX)})[1 + i % ${SUFFIX.length}] || ' ' || i,
             'accounts' || i || '@customer' || (i % 997) || '.example',
             '09 ' || lpad((i % 1000)::text, 3, '0') || ' ' || lpad(i::text, 4, '0'),
             'NZD',
             case when i % 20 = 0 then now() end,
             case when i % 3 = 0 then gen_random_uuid() end,
             now() - make_interval(mins => i),
             now()
      from generate_series(1, ${CUSTOMER_COUNT}) as i`);
    await db.execute(sql`
      insert into number_counters (series, last_value) values ('customer', ${CUSTOMER_COUNT})
      on conflict (series) do update set last_value = excluded.last_value`);
    await db.execute(sql`vacuum analyze customers`);
  },
  scenarios: [
    { name: "list: first page by name", run: (db) => listPartyPage(db, "customer", listQuery({})) },
    { name: "count: active", run: (db) => countParties(db, "customer", listQuery({})) },
    {
      name: "list: page 2,000 by name",
      run: (db) => listPartyPage(db, "customer", listQuery({ page: 2000 })),
    },
    {
      name: "list: first page by code, descending",
      run: (db) => listPartyPage(db, "customer", listQuery({ sort: "code", direction: "desc" })),
    },
    {
      name: "list: linked to Xero, all states",
      run: (db) => listPartyPage(db, "customer", listQuery({ xero: "linked", status: "all" })),
    },
    {
      name: "count: linked to Xero",
      run: (db) => countParties(db, "customer", listQuery({ xero: "linked" })),
    },
    {
      name: 'search: "brewing" (common word)',
      run: (db) => listPartyPage(db, "customer", listQuery({ search: "brewing" })),
    },
    {
      name: 'count: "brewing"',
      run: (db) => countParties(db, "customer", listQuery({ search: "brewing" })),
    },
    {
      name: 'search: "C-04321" (one code)',
      run: (db) => listPartyPage(db, "customer", listQuery({ search: "C-04321" })),
    },
    {
      name: 'search: "accounts777@" (one email)',
      run: (db) => listPartyPage(db, "customer", listQuery({ search: "accounts777@" })),
    },
    {
      name: 'search: "zz-no-match"',
      run: (db) => listPartyPage(db, "customer", listQuery({ search: "zz-no-match" })),
    },
    {
      name: 'count: "ōtautahi cycles"',
      run: (db) => countParties(db, "customer", listQuery({ search: "ōtautahi cycles" })),
    },
  ],
};
