import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { amount2, amount4, currencyCode, editableRecordColumns, percent, taxMode } from "./columns";
import { customers, suppliers, type Address } from "./parties";
import { products, taxRates } from "./products";

export const quoteStatus = pgEnum("quote_status", ["draft", "sent", "accepted", "declined"]);
export const salesOrderStatus = pgEnum("sales_order_status", [
  "draft",
  "confirmed",
  "partially_invoiced",
  "invoiced",
  "cancelled",
]);
export const invoiceStatus = pgEnum("invoice_status", ["draft", "issued", "paid", "voided"]);
export const purchaseOrderStatus = pgEnum("purchase_order_status", [
  "draft",
  "sent",
  "partially_billed",
  "billed",
  "cancelled",
]);
export const billStatus = pgEnum("bill_status", ["draft", "awaiting_payment", "paid", "voided"]);
/**
 * What an invoice or bill line is: an `item` takes part of an order line; a `rounding` line is the
 * labelled adjustment on the invoice (bill) that completes an order, so that the order's invoices
 * (bills) add up exactly to the order (lib/factory/order-remainder.ts). A rounding line belongs to no
 * order line.
 */
export const documentLineKind = pgEnum("document_line_kind", ["item", "rounding"]);
/**
 * A credit note credits an invoice (a customer credit, Xero ACCRECCREDIT, numbered CN-) or a bill
 * (a supplier credit, Xero ACCPAYCREDIT, numbered SC-).
 */
export const creditNoteKind = pgEnum("credit_note_kind", ["customer", "supplier"]);
export const creditNoteStatus = pgEnum("credit_note_status", ["issued", "voided"]);

export type QuoteStatus = (typeof quoteStatus.enumValues)[number];
export type SalesOrderStatus = (typeof salesOrderStatus.enumValues)[number];
export type InvoiceStatus = (typeof invoiceStatus.enumValues)[number];
export type PurchaseOrderStatus = (typeof purchaseOrderStatus.enumValues)[number];
export type BillStatus = (typeof billStatus.enumValues)[number];
export type DocumentLineKind = (typeof documentLineKind.enumValues)[number];
export type CreditNoteKind = (typeof creditNoteKind.enumValues)[number];
export type CreditNoteStatus = (typeof creditNoteStatus.enumValues)[number];

/**
 * Header columns every document shares. Totals are stored (2 dp) as computed when the document was
 * last saved, so lists never sum lines.
 */
const documentColumns = () => ({
  id: uuid().primaryKey().defaultRandom(),
  /** Q-00001, SO-00001, SI-00001, PO-00001, BL-00001, CN-00001, SC-00001, from number_counters. */
  number: text().notNull(),
  /** Chosen when the document is made: its party's currency, else the organisation's base currency. */
  currency: currencyCode().notNull(),
  taxMode: taxMode().notNull().default("exclusive"),
  subtotal: amount2().notNull().default("0"),
  taxTotal: amount2().notNull().default("0"),
  total: amount2().notNull().default("0"),
  notes: text(),
  ...editableRecordColumns(),
});

/**
 * Columns every document line shares. `lineAmount` follows Xero's LineAmount: quantity × unit price
 * less the discount, rounded to 2 dp, and inclusive of tax when the document's tax mode is
 * "inclusive". `taxAmount` is the line's tax rounded to 2 dp; the document's tax is their sum
 * (Xero rounds per line, then sums). `taxPercent` is copied from the tax rate when the line is saved.
 */
const lineColumns = () => ({
  id: uuid().primaryKey().defaultRandom(),
  position: integer().notNull(),
  /** Null for a free-text line. */
  productId: uuid().references(() => products.id),
  description: text().notNull(),
  quantity: amount4().notNull(),
  discountPercent: percent().notNull().default("0"),
  taxRateId: uuid().references(() => taxRates.id),
  taxPercent: percent().notNull().default("0"),
  lineAmount: amount2().notNull(),
  taxAmount: amount2().notNull().default("0"),
});

function lineIndexes(
  table: string,
  columns: { parent: AnyPgColumn; position: AnyPgColumn; productId: AnyPgColumn; taxRateId: AnyPgColumn },
) {
  return [
    index(`${table}_parent_position_idx`).on(columns.parent, columns.position),
    index(`${table}_product_id_idx`).on(columns.productId),
    index(`${table}_tax_rate_id_idx`).on(columns.taxRateId),
  ];
}

const discountInRange = (table: string, discount: AnyPgColumn) =>
  check(`${table}_discount_percent_range`, sql`${discount} >= 0 and ${discount} <= 100`);

/** An item line takes part of an order line; a rounding line takes none. */
const orderLineByKind = (table: string, kind: AnyPgColumn, orderLineId: AnyPgColumn) =>
  check(`${table}_order_line_by_kind`, sql`(${kind} = 'rounding') = (${orderLineId} is null)`);

export const quotes = pgTable(
  "quotes",
  {
    ...documentColumns(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id),
    status: quoteStatus().notNull().default("draft"),
    issueDate: date({ mode: "string" }).notNull(),
    expiryDate: date({ mode: "string" }),
    reference: text(),
  },
  (table) => [
    uniqueIndex("quotes_number_key").on(table.number),
    index("quotes_number_trgm_idx").using("gin", table.number.op("gin_trgm_ops")),
    index("quotes_customer_id_idx").on(table.customerId, table.issueDate),
    // Lists sort by date, total or number with the number as tie-break, and search number,
    // reference and customer; each of those has an index so a 100,000-row list stays fast.
    index("quotes_issue_date_idx").on(table.issueDate, table.number),
    index("quotes_total_idx").on(table.total, table.number),
    index("quotes_reference_trgm_idx").using("gin", table.reference.op("gin_trgm_ops")),
    index("quotes_status_idx").on(table.status, table.issueDate),
  ],
);

export const quoteLines = pgTable(
  "quote_lines",
  {
    ...lineColumns(),
    quoteId: uuid()
      .notNull()
      .references(() => quotes.id, { onDelete: "cascade" }),
    unitPrice: amount4().notNull(),
  },
  (table) => [
    ...lineIndexes("quote_lines", { parent: table.quoteId, ...table }),
    discountInRange("quote_lines", table.discountPercent),
  ],
);

export const salesOrders = pgTable(
  "sales_orders",
  {
    ...documentColumns(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id),
    /** The quote this order was converted from; unique, so a quote converts once. */
    quoteId: uuid().references(() => quotes.id),
    status: salesOrderStatus().notNull().default("draft"),
    orderDate: date({ mode: "string" }).notNull(),
    deliveryDate: date({ mode: "string" }),
    /** The customer's own order number. */
    reference: text(),
  },
  (table) => [
    uniqueIndex("sales_orders_number_key").on(table.number),
    uniqueIndex("sales_orders_quote_id_key").on(table.quoteId),
    index("sales_orders_number_trgm_idx").using("gin", table.number.op("gin_trgm_ops")),
    index("sales_orders_customer_id_idx").on(table.customerId, table.orderDate),
    index("sales_orders_order_date_idx").on(table.orderDate, table.number),
    index("sales_orders_total_idx").on(table.total, table.number),
    index("sales_orders_reference_trgm_idx").using("gin", table.reference.op("gin_trgm_ops")),
    index("sales_orders_status_idx").on(table.status, table.orderDate),
  ],
);

export const salesOrderLines = pgTable(
  "sales_order_lines",
  {
    ...lineColumns(),
    salesOrderId: uuid()
      .notNull()
      .references(() => salesOrders.id, { onDelete: "cascade" }),
    unitPrice: amount4().notNull(),
    /**
     * How much of `quantity` invoices already cover. Raise it with
     * `set quantity_invoiced = quantity_invoiced + n` in the invoicing transaction: the check
     * below refuses over-invoicing even when two people invoice the same line at once.
     */
    quantityInvoiced: amount4().notNull().default("0"),
  },
  (table) => [
    ...lineIndexes("sales_order_lines", { parent: table.salesOrderId, ...table }),
    discountInRange("sales_order_lines", table.discountPercent),
    check(
      "sales_order_lines_quantity_invoiced_range",
      sql`${table.quantityInvoiced} >= 0 and ${table.quantityInvoiced} <= ${table.quantity}`,
    ),
  ],
);

export const invoices = pgTable(
  "invoices",
  {
    ...documentColumns(),
    salesOrderId: uuid()
      .notNull()
      .references(() => salesOrders.id),
    status: invoiceStatus().notNull().default("issued"),
    issueDate: date({ mode: "string" }).notNull(),
    dueDate: date({ mode: "string" }).notNull(),
    reference: text(),
  },
  (table) => [
    uniqueIndex("invoices_number_key").on(table.number),
    index("invoices_number_trgm_idx").using("gin", table.number.op("gin_trgm_ops")),
    index("invoices_sales_order_id_idx").on(table.salesOrderId),
    index("invoices_issue_date_idx").on(table.issueDate, table.id),
  ],
);

export const invoiceLines = pgTable(
  "invoice_lines",
  {
    ...lineColumns(),
    invoiceId: uuid()
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    kind: documentLineKind().notNull().default("item"),
    /** The order line this line invoices (all or part of its quantity); none for a rounding line. */
    salesOrderLineId: uuid().references(() => salesOrderLines.id),
    unitPrice: amount4().notNull(),
    /**
     * How much of `quantity` credit notes already credit; raised atomically in the crediting
     * transaction, like sales_order_lines.quantity_invoiced, so the check refuses over-crediting.
     */
    quantityCredited: amount4().notNull().default("0"),
  },
  (table) => [
    ...lineIndexes("invoice_lines", { parent: table.invoiceId, ...table }),
    index("invoice_lines_sales_order_line_id_idx").on(table.salesOrderLineId),
    discountInRange("invoice_lines", table.discountPercent),
    orderLineByKind("invoice_lines", table.kind, table.salesOrderLineId),
    check(
      "invoice_lines_quantity_credited_range",
      sql`${table.quantityCredited} >= 0 and ${table.quantityCredited} <= ${table.quantity}`,
    ),
  ],
);

export const purchaseOrders = pgTable(
  "purchase_orders",
  {
    ...documentColumns(),
    supplierId: uuid()
      .notNull()
      .references(() => suppliers.id),
    status: purchaseOrderStatus().notNull().default("draft"),
    orderDate: date({ mode: "string" }).notNull(),
    deliveryDate: date({ mode: "string" }),
    deliveryAddress: jsonb().$type<Address>(),
    deliveryInstructions: text(),
    reference: text(),
  },
  (table) => [
    uniqueIndex("purchase_orders_number_key").on(table.number),
    index("purchase_orders_number_trgm_idx").using("gin", table.number.op("gin_trgm_ops")),
    index("purchase_orders_supplier_id_idx").on(table.supplierId, table.orderDate),
    index("purchase_orders_order_date_idx").on(table.orderDate, table.number),
    index("purchase_orders_total_idx").on(table.total, table.number),
    index("purchase_orders_reference_trgm_idx").using("gin", table.reference.op("gin_trgm_ops")),
    index("purchase_orders_status_idx").on(table.status, table.orderDate),
  ],
);

export const purchaseOrderLines = pgTable(
  "purchase_order_lines",
  {
    ...lineColumns(),
    purchaseOrderId: uuid()
      .notNull()
      .references(() => purchaseOrders.id, { onDelete: "cascade" }),
    unitCost: amount4().notNull(),
    /** Like sales_order_lines.quantity_invoiced: raised atomically when a bill is converted. */
    quantityBilled: amount4().notNull().default("0"),
  },
  (table) => [
    ...lineIndexes("purchase_order_lines", { parent: table.purchaseOrderId, ...table }),
    discountInRange("purchase_order_lines", table.discountPercent),
    check(
      "purchase_order_lines_quantity_billed_range",
      sql`${table.quantityBilled} >= 0 and ${table.quantityBilled} <= ${table.quantity}`,
    ),
  ],
);

export const bills = pgTable(
  "bills",
  {
    ...documentColumns(),
    purchaseOrderId: uuid()
      .notNull()
      .references(() => purchaseOrders.id),
    /** The supplier's own invoice number; goes to Xero as the ACCPAY InvoiceNumber. */
    supplierInvoiceNumber: text().notNull(),
    status: billStatus().notNull().default("draft"),
    billDate: date({ mode: "string" }).notNull(),
    dueDate: date({ mode: "string" }).notNull(),
  },
  (table) => [
    uniqueIndex("bills_number_key").on(table.number),
    index("bills_number_trgm_idx").using("gin", table.number.op("gin_trgm_ops")),
    index("bills_purchase_order_id_idx").on(table.purchaseOrderId),
    index("bills_bill_date_idx").on(table.billDate, table.id),
  ],
);

export const billLines = pgTable(
  "bill_lines",
  {
    ...lineColumns(),
    billId: uuid()
      .notNull()
      .references(() => bills.id, { onDelete: "cascade" }),
    kind: documentLineKind().notNull().default("item"),
    /** The purchase order line this line bills (all or part of its quantity); none for a rounding line. */
    purchaseOrderLineId: uuid().references(() => purchaseOrderLines.id),
    unitCost: amount4().notNull(),
    /** Like invoice_lines.quantity_credited, for supplier credits. */
    quantityCredited: amount4().notNull().default("0"),
  },
  (table) => [
    ...lineIndexes("bill_lines", { parent: table.billId, ...table }),
    index("bill_lines_purchase_order_line_id_idx").on(table.purchaseOrderLineId),
    discountInRange("bill_lines", table.discountPercent),
    orderLineByKind("bill_lines", table.kind, table.purchaseOrderLineId),
    check(
      "bill_lines_quantity_credited_range",
      sql`${table.quantityCredited} >= 0 and ${table.quantityCredited} <= ${table.quantity}`,
    ),
  ],
);

/**
 * A credit against one invoice (kind customer) or one bill (kind supplier): some or all of its lines,
 * e.g. goods returned. Goes to Xero as a credit note and is allocated to the invoice (bill) there.
 */
export const creditNotes = pgTable(
  "credit_notes",
  {
    ...documentColumns(),
    kind: creditNoteKind().notNull(),
    invoiceId: uuid().references(() => invoices.id),
    billId: uuid().references(() => bills.id),
    status: creditNoteStatus().notNull().default("issued"),
    creditDate: date({ mode: "string" }).notNull(),
    /** Customer credits: Xero's Reference. Supplier credits: the supplier's own credit note number. */
    reference: text(),
    /**
     * Set once Factory knows Xero's allocation of this credit to its invoice (bill) is settled: the
     * amount allocated (0 when nothing was due), so an allocation is never made twice. 0 with no
     * `allocationSettledAt`: tried, and waiting for the invoice (bill) to be approved in Xero
     * (lib/sync/allocation.ts `pending`); read-back queues it again once Xero holds it AUTHORISED.
     */
    allocatedAmount: amount2(),
    allocationSettledAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    uniqueIndex("credit_notes_number_key").on(table.number),
    index("credit_notes_number_trgm_idx").using("gin", table.number.op("gin_trgm_ops")),
    index("credit_notes_invoice_id_idx").on(table.invoiceId),
    index("credit_notes_bill_id_idx").on(table.billId),
    check(
      "credit_notes_credits_by_kind",
      sql`(${table.kind} = 'customer' and ${table.invoiceId} is not null and ${table.billId} is null) or (${table.kind} = 'supplier' and ${table.billId} is not null and ${table.invoiceId} is null)`,
    ),
  ],
);

export const creditNoteLines = pgTable(
  "credit_note_lines",
  {
    ...lineColumns(),
    creditNoteId: uuid()
      .notNull()
      .references(() => creditNotes.id, { onDelete: "cascade" }),
    /**
     * An `item` line credits part of its invoice (bill) line at that line's price; a `rounding` line
     * carries what the credits of that line lack or exceed, so that they never total more than the
     * invoice (bill) charged for it and the last credit of it completes it exactly
     * (lib/factory/credit-remainder.ts). Both name the line they credit; only item lines count
     * towards its credited quantity.
     */
    kind: documentLineKind().notNull().default("item"),
    /** The invoice line (customer credit) or bill line (supplier credit) this line credits. */
    invoiceLineId: uuid().references(() => invoiceLines.id),
    billLineId: uuid().references(() => billLines.id),
    /** The credited line's unit price (unit cost for a bill line). */
    unitPrice: amount4().notNull(),
  },
  (table) => [
    ...lineIndexes("credit_note_lines", { parent: table.creditNoteId, ...table }),
    index("credit_note_lines_invoice_line_id_idx").on(table.invoiceLineId),
    index("credit_note_lines_bill_line_id_idx").on(table.billLineId),
    discountInRange("credit_note_lines", table.discountPercent),
    check(
      "credit_note_lines_one_source",
      sql`(${table.invoiceLineId} is null) <> (${table.billLineId} is null)`,
    ),
  ],
);

export type Quote = typeof quotes.$inferSelect;
export type QuoteLine = typeof quoteLines.$inferSelect;
export type SalesOrder = typeof salesOrders.$inferSelect;
export type SalesOrderLine = typeof salesOrderLines.$inferSelect;
export type Invoice = typeof invoices.$inferSelect;
export type InvoiceLine = typeof invoiceLines.$inferSelect;
export type PurchaseOrder = typeof purchaseOrders.$inferSelect;
export type PurchaseOrderLine = typeof purchaseOrderLines.$inferSelect;
export type Bill = typeof bills.$inferSelect;
export type BillLine = typeof billLines.$inferSelect;
export type CreditNote = typeof creditNotes.$inferSelect;
export type CreditNoteLine = typeof creditNoteLines.$inferSelect;
