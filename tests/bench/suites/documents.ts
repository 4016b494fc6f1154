import { sql } from "drizzle-orm";
import type { DocumentListQuery } from "../../../lib/db/queries/document-list";
import { listQuotes } from "../../../lib/db/queries/quotes";
import { listSalesOrders } from "../../../lib/db/queries/sales-orders";
import type { QuoteStatus, SalesOrderStatus } from "../../../lib/db/schema";
import type { BenchSuite } from "../bench-kit";

export const DOCUMENT_COUNT = 100_000;

const query = <Status extends string>(
  overrides: Partial<DocumentListQuery<Status>>,
): DocumentListQuery<Status> => ({
  search: "",
  status: "all",
  xero: "all",
  sort: "date",
  direction: "desc",
  page: 1,
  pageSize: 25,
  ...overrides,
});

/** Document numbers as Factory writes them: five digits, more once past 99,999. */
const number = (prefix: string) =>
  sql.raw(`'${prefix}-' || case when i < 100000 then lpad(i::text, 5, '0') else i::text end`);

/**
 * 100,000 quotes and 100,000 sales orders spread over the customers already in the database (the
 * customers suite seeds 100,000; a few are added if there are none), over three years of dates,
 * each status, a customer reference on one in three; then VACUUM ANALYZE. Lists read only the
 * document headers (totals are stored), so no lines are seeded.
 */
export const documentsSuite: BenchSuite = {
  name: `documents (${DOCUMENT_COUNT.toLocaleString("en-NZ")} quotes + ${DOCUMENT_COUNT.toLocaleString("en-NZ")} sales orders)`,
  seed: async (db) => {
    await db.execute(sql`
      insert into customers (code, name, currency)
      select 'CB-' || i, 'Bench customer ' || i, 'NZD' from generate_series(1, 500) as i
      where not exists (select 1 from customers)`);
    await db.execute(sql`
      with ids as (select array_agg(id order by code) as a from customers)
      insert into quotes (number, customer_id, status, issue_date, expiry_date, currency, tax_mode,
                          subtotal, tax_total, total, reference, created_at, updated_at)
      select ${number("Q")}, ids.a[1 + (i::bigint * 7919) % array_length(ids.a, 1)],
             (array['draft','sent','accepted','declined'])[1 + i % 4]::quote_status,
             current_date - (i % 1095), current_date - (i % 1095) + 30, 'NZD', 'exclusive',
             round(((i * 3761) % 2000000) / 100.0, 2), round(((i * 3761) % 2000000) * 0.15 / 100.0, 2),
             round(((i * 3761) % 2000000) * 1.15 / 100.0, 2),
             case when i % 3 = 0 then 'RFQ ' || (i * 31) % 50000 end, now(), now()
      from ids, generate_series(1, ${DOCUMENT_COUNT}) as i`);
    await db.execute(sql`
      with ids as (select array_agg(id order by code) as a from customers)
      insert into sales_orders (number, customer_id, status, order_date, currency, tax_mode,
                                subtotal, tax_total, total, reference, created_at, updated_at)
      select ${number("SO")}, ids.a[1 + (i::bigint * 104729) % array_length(ids.a, 1)],
             (array['draft','confirmed','partially_invoiced','invoiced','cancelled'])[1 + i % 5]::sales_order_status,
             current_date - (i % 1095), 'NZD', 'exclusive',
             round(((i * 7013) % 5000000) / 100.0, 2), round(((i * 7013) % 5000000) * 0.15 / 100.0, 2),
             round(((i * 7013) % 5000000) * 1.15 / 100.0, 2),
             case when i % 3 = 0 then 'PO ' || (i * 17) % 90000 end, now(), now()
      from ids, generate_series(1, ${DOCUMENT_COUNT}) as i`);
    await db.execute(sql`
      insert into number_counters (series, last_value) values ('quote', ${DOCUMENT_COUNT}), ('sales_order', ${DOCUMENT_COUNT})
      on conflict (series) do update set last_value = excluded.last_value`);
    await db.execute(sql`vacuum analyze quotes`);
    await db.execute(sql`vacuum analyze sales_orders`);
  },
  scenarios: [
    { name: "quotes: first page, newest first + count", run: (db) => listQuotes(db, query({})) },
    { name: "quotes: page 2,000, newest first", run: (db) => listQuotes(db, query({ page: 2000 })) },
    {
      name: "quotes: by total, largest first",
      run: (db) => listQuotes(db, query({ sort: "total", direction: "desc" })),
    },
    {
      name: "quotes: by customer name",
      run: (db) => listQuotes(db, query({ sort: "party", direction: "asc" })),
    },
    {
      name: "quotes: status sent",
      run: (db) => listQuotes(db, query<QuoteStatus>({ status: "sent" })),
    },
    {
      name: 'quotes: search "Q-04321" (one number)',
      run: (db) => listQuotes(db, query({ search: "Q-04321" })),
    },
    {
      name: 'quotes: search "brewing" (customer names)',
      run: (db) => listQuotes(db, query({ search: "brewing" })),
    },
    {
      name: 'quotes: search "RFQ 4999" (reference)',
      run: (db) => listQuotes(db, query({ search: "RFQ 4999" })),
    },
    {
      name: 'quotes: search "zz-no-match"',
      run: (db) => listQuotes(db, query({ search: "zz-no-match" })),
    },
    { name: "sales orders: first page + count", run: (db) => listSalesOrders(db, query({})) },
    {
      name: "sales orders: partly invoiced",
      run: (db) => listSalesOrders(db, query<SalesOrderStatus>({ status: "partially_invoiced" })),
    },
    {
      name: 'sales orders: search "harbour" + status',
      run: (db) => listSalesOrders(db, query<SalesOrderStatus>({ search: "harbour", status: "confirmed" })),
    },
    {
      name: 'sales orders: search "SO-7"',
      run: (db) => listSalesOrders(db, query({ search: "SO-7" })),
    },
  ],
};
