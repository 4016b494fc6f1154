import { randomUUID } from "node:crypto";
import type postgres from "postgres";

/** A customer, a supplier and a product of this test's own, with a tag to find them by. */
export async function seedParties(sql: postgres.Sql) {
  const tag = randomUUID().slice(0, 8);
  const [customer] = await sql<{ id: string; name: string }[]>`
    insert into customers (code, name, currency, payment_terms_type, payment_terms_day)
    values (${`CE-${tag}`}, ${`Foundry Customer ${tag}`}, 'NZD', 'day_of_following_month', 20)
    returning id, name`;
  const [supplier] = await sql<{ id: string; name: string }[]>`
    insert into suppliers (code, name, currency)
    values (${`SE-${tag}`}, ${`Steel Supplier ${tag}`}, 'NZD') returning id, name`;
  const [product] = await sql<{ id: string; sku: string }[]>`
    insert into products (sku, name, description, sale_price, purchase_cost, tax_rate_id)
    select ${`BRK-${tag}`}, 'Bracket', ${`Galvanised bracket ${tag}`}, 12.5, 7.25, id
    from tax_rates where name = 'GST 15%'
    returning id, sku`;
  return { tag, customer: customer!, supplier: supplier!, product: product! };
}
