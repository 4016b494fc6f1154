import type { Tx } from "@/lib/db/client";
import { findTaxPercents } from "@/lib/db/queries/document-lookups";
import { takeNumber } from "@/lib/db/queries/numbering";
import {
  addQuantityBilled,
  findPurchaseOrderLines,
  insertBill,
  insertPurchaseOrder,
  insertPurchaseOrderLines,
  updatePurchaseOrder,
} from "@/lib/db/queries/purchase-orders";
import { insertQuote, replaceQuoteLines } from "@/lib/db/queries/quotes";
import {
  addQuantityInvoiced,
  findSalesOrderLines,
  insertInvoice,
  insertSalesOrder,
  insertSalesOrderLines,
  updateSalesOrder,
} from "@/lib/db/queries/sales-orders";
import type { Customer, Product, QuoteStatus, SalesOrderStatus, Supplier, TaxMode } from "@/lib/db/schema";
import { blankLine, type DocumentLineValues } from "@/lib/factory/document-fields";
import { priceForQuantity, priceLines, sumLines } from "@/lib/factory/document-lines";
import {
  purchaseOrderStatusAfterBilling,
  salesOrderStatusAfterInvoicing,
} from "@/lib/factory/document-status";
import { addDays, dueDateFromTerms, today } from "@/lib/factory/due-date";
import { XERO_LINE_PRICING } from "@/lib/factory/money";
import { progressState } from "@/lib/factory/remaining";
import { env } from "@/lib/env";
import type { DemoRecords } from "./demo-records";

/*
 * The documents' demo data: quotes in each status, sales orders (one converted from a quote, one
 * partly invoiced, one fully invoiced) and purchase orders (one sent, one partly billed, one billed),
 * for the demo customers, suppliers and products, written in seedDemoData's transaction. Like the
 * demo records they write no factory events: they stand for history, so nothing is queued for Xero.
 * The totals come from the same money maths and pricing as documents made in the app.
 */

type DemoLine = [product: Product | undefined, quantity: string, extra?: Partial<DocumentLineValues>];

async function priced(
  tx: Tx,
  lines: DemoLine[],
  type: "quote" | "sales_order" | "purchase_order",
  taxMode: TaxMode,
) {
  const price = type === "purchase_order" ? "purchaseCost" : "salePrice";
  const values = lines.map(([product, quantity, extra]) => ({
    ...blankLine(product?.taxRateId),
    productId: product?.id ?? "",
    description: product?.description || product?.name || "",
    unitPrice: product?.[price] ?? "0",
    quantity,
    ...extra,
  }));
  const taxPercents = await findTaxPercents(tx, [
    ...new Set(values.map((line) => line.taxRateId).filter(Boolean)),
  ]);
  return priceLines(values, taxMode, taxPercents, XERO_LINE_PRICING[type]);
}

async function demoQuote(
  tx: Tx,
  customer: Customer,
  daysAgo: number,
  status: QuoteStatus,
  lines: DemoLine[],
) {
  const { lines: rows, amounts } = await priced(tx, lines, "quote", "exclusive");
  const issueDate = addDays(today(env.DEFAULT_TIME_ZONE), -daysAgo);
  const quote = await insertQuote(tx, {
    number: await takeNumber(tx, "quote"),
    customerId: customer.id,
    status,
    issueDate,
    expiryDate: addDays(issueDate, 30),
    currency: customer.currency,
    taxMode: "exclusive",
    reference: null,
    notes: null,
    ...amounts,
  });
  await replaceQuoteLines(
    tx,
    quote.id,
    rows.map(({ id: _id, ...line }) => line),
  );
  return { quote, priced: { lines: rows, amounts } };
}

async function demoSalesOrder(
  tx: Tx,
  customer: Customer,
  daysAgo: number,
  { lines: rows, amounts }: Awaited<ReturnType<typeof priced>>,
  extra: { quoteId?: string; reference?: string; status?: SalesOrderStatus } = {},
) {
  const order = await insertSalesOrder(tx, {
    number: await takeNumber(tx, "sales_order"),
    customerId: customer.id,
    quoteId: extra.quoteId ?? null,
    status: extra.status ?? "confirmed",
    orderDate: addDays(today(env.DEFAULT_TIME_ZONE), -daysAgo),
    deliveryDate: addDays(today(env.DEFAULT_TIME_ZONE), 14 - daysAgo),
    currency: customer.currency,
    taxMode: "exclusive",
    reference: extra.reference ?? null,
    notes: null,
    ...amounts,
  });
  await insertSalesOrderLines(
    tx,
    order.id,
    rows.map(({ id: _id, ...line }) => line),
  );
  return order;
}

/** An invoice for the first `quantities.length` lines of an order, as "Generate invoice" makes it. */
async function demoInvoice(
  tx: Tx,
  orderId: string,
  customer: Customer,
  daysAgo: number,
  quantities: string[],
) {
  const orderLines = await findSalesOrderLines(tx, orderId);
  const taken = orderLines
    .slice(0, quantities.length)
    .map((line, index) => ({ line, quantity: quantities[index]! }));
  const lines = taken.map(({ line, quantity }, index) => ({
    salesOrderLineId: line.id,
    position: index + 1,
    productId: line.productId,
    description: line.description,
    quantity,
    unitPrice: line.unitPrice,
    discountPercent: line.discountPercent,
    taxRateId: line.taxRateId,
    taxPercent: line.taxPercent,
    ...priceForQuantity(line, quantity, "exclusive", XERO_LINE_PRICING.invoice),
  }));
  const issueDate = addDays(today(env.DEFAULT_TIME_ZONE), -daysAgo);
  await insertInvoice(
    tx,
    {
      number: await takeNumber(tx, "invoice"),
      salesOrderId: orderId,
      status: "issued",
      issueDate,
      dueDate: dueDateFromTerms(issueDate, {
        type: customer.paymentTermsType,
        day: customer.paymentTermsDay,
      }),
      currency: customer.currency,
      taxMode: "exclusive",
      ...sumLines(lines, "exclusive"),
    },
    lines,
  );
  for (const { line, quantity } of taken) await addQuantityInvoiced(tx, line.id, quantity);
  const progress = progressState(
    (await findSalesOrderLines(tx, orderId)).map((line) => ({
      quantity: line.quantity,
      doneQuantity: line.quantityInvoiced,
    })),
  );
  await updateSalesOrder(tx, orderId, { status: salesOrderStatusAfterInvoicing("confirmed", progress) });
}

async function demoPurchaseOrder(tx: Tx, supplier: Supplier, daysAgo: number, lines: DemoLine[]) {
  const { lines: rows, amounts } = await priced(tx, lines, "purchase_order", "exclusive");
  const order = await insertPurchaseOrder(tx, {
    number: await takeNumber(tx, "purchase_order"),
    supplierId: supplier.id,
    status: "sent",
    orderDate: addDays(today(env.DEFAULT_TIME_ZONE), -daysAgo),
    deliveryDate: addDays(today(env.DEFAULT_TIME_ZONE), 10 - daysAgo),
    deliveryAddress: {
      line1: "41 Kahu Road",
      line2: "",
      city: "Christchurch",
      region: "",
      postcode: "8042",
      country: "New Zealand",
    },
    deliveryInstructions: "Deliver to the rear roller door; forklift on site.",
    currency: supplier.currency,
    taxMode: "exclusive",
    reference: null,
    notes: null,
    ...amounts,
  });
  await insertPurchaseOrderLines(
    tx,
    order.id,
    rows.map(({ id: _id, unitPrice, ...line }) => ({ ...line, unitCost: unitPrice })),
  );
  return order;
}

/** A bill for the first `quantities.length` lines of a purchase order, as "Convert to bill" makes it. */
async function demoBill(
  tx: Tx,
  orderId: string,
  supplier: Supplier,
  daysAgo: number,
  supplierInvoiceNumber: string,
  quantities: string[],
) {
  const orderLines = await findPurchaseOrderLines(tx, orderId);
  const taken = orderLines
    .slice(0, quantities.length)
    .map((line, index) => ({ line, quantity: quantities[index]! }));
  const lines = taken.map(({ line, quantity }, index) => ({
    purchaseOrderLineId: line.id,
    position: index + 1,
    productId: line.productId,
    description: line.description,
    quantity,
    unitCost: line.unitCost,
    discountPercent: line.discountPercent,
    taxRateId: line.taxRateId,
    taxPercent: line.taxPercent,
    ...priceForQuantity({ ...line, unitPrice: line.unitCost }, quantity, "exclusive", XERO_LINE_PRICING.bill),
  }));
  const billDate = addDays(today(env.DEFAULT_TIME_ZONE), -daysAgo);
  await insertBill(
    tx,
    {
      number: await takeNumber(tx, "bill"),
      purchaseOrderId: orderId,
      supplierInvoiceNumber,
      status: "awaiting_payment",
      billDate,
      dueDate: dueDateFromTerms(billDate, { type: supplier.paymentTermsType, day: supplier.paymentTermsDay }),
      currency: supplier.currency,
      taxMode: "exclusive",
      ...sumLines(lines, "exclusive"),
    },
    lines,
  );
  for (const { line, quantity } of taken) await addQuantityBilled(tx, line.id, quantity);
  const progress = progressState(
    (await findPurchaseOrderLines(tx, orderId)).map((line) => ({
      quantity: line.quantity,
      doneQuantity: line.quantityBilled,
    })),
  );
  await updatePurchaseOrder(tx, orderId, { status: purchaseOrderStatusAfterBilling("sent", progress) });
}

export async function seedDemoDocuments(tx: Tx, records: DemoRecords): Promise<void> {
  const [c1, c2, c3, c4, c5] = records.customers;
  const [s1, s2, s3] = records.suppliers;
  const p = (index: number) => records.products[index % Math.max(records.products.length, 1)];
  if (!c1 || !c2 || !c3 || !c4 || !c5 || !s1 || !s2 || !s3) return;
  const labour = {
    description: "Fabrication and welding labour",
    unitPrice: "95",
    productId: "",
    taxRateId: p(0)?.taxRateId ?? "",
  };

  await demoQuote(tx, c1, 2, "draft", [
    [p(0), "24"],
    [p(5), "2"],
    [undefined, "6", labour],
  ]);
  await demoQuote(tx, c2, 9, "sent", [
    [p(11), "8"],
    [p(3), "36", { discountPercent: "5" }],
  ]);
  await demoQuote(tx, c3, 20, "declined", [[p(9), "4"]]);
  const accepted = await demoQuote(tx, c4, 15, "accepted", [
    [p(6), "3"],
    [p(1), "12.5"],
    [undefined, "10", labour],
  ]);
  // Converted: the order carries the quote's lines and totals, as "Convert to sales order" copies them.
  await demoSalesOrder(tx, c4, 12, accepted.priced, { quoteId: accepted.quote.id, reference: "PO 4471" });

  const sales = (lines: DemoLine[]) => priced(tx, lines, "sales_order", "exclusive");
  const partial = await demoSalesOrder(
    tx,
    c1,
    10,
    await sales([
      [p(0), "40"],
      [p(4), "18"],
      [undefined, "12", labour],
    ]),
    {
      reference: "HM-2231",
    },
  );
  await demoInvoice(tx, partial.id, c1, 4, ["20", "18"]);
  const done = await demoSalesOrder(
    tx,
    c5,
    30,
    await sales([
      [p(7), "2"],
      [p(8), "6.5"],
    ]),
  );
  await demoInvoice(tx, done.id, c5, 25, ["2", "6.5"]);
  await demoSalesOrder(tx, c2, 1, await sales([[p(10), "5"]]), { status: "draft" });

  await demoPurchaseOrder(tx, s1, 3, [
    [p(5), "10"],
    [p(6), "4"],
  ]);
  const partlyBilled = await demoPurchaseOrder(tx, s2, 14, [
    [p(0), "120"],
    [p(2), "60"],
  ]);
  await demoBill(tx, partlyBilled.id, s2, 6, "INV-20931", ["120"]);
  const billed = await demoPurchaseOrder(tx, s3, 28, [[p(8), "30"]]);
  await demoBill(tx, billed.id, s3, 21, "88412", ["30"]);
}
