import { relations } from "drizzle-orm";
import {
  billLines,
  bills,
  creditNoteLines,
  creditNotes,
  invoiceLines,
  invoices,
  purchaseOrderLines,
  purchaseOrders,
  quoteLines,
  quotes,
  salesOrderLines,
  salesOrders,
} from "./documents";
import { customers, suppliers } from "./parties";
import { products, taxRates } from "./products";

// Relations let `db.query.x.findMany({ with: … })` load a document with its lines and parties in one
// SQL statement (no N+1).

export const customersRelations = relations(customers, ({ many }) => ({
  quotes: many(quotes),
  salesOrders: many(salesOrders),
}));

export const suppliersRelations = relations(suppliers, ({ many }) => ({
  purchaseOrders: many(purchaseOrders),
}));

export const productsRelations = relations(products, ({ one }) => ({
  taxRate: one(taxRates, { fields: [products.taxRateId], references: [taxRates.id] }),
}));

export const quotesRelations = relations(quotes, ({ one, many }) => ({
  customer: one(customers, { fields: [quotes.customerId], references: [customers.id] }),
  lines: many(quoteLines),
}));

export const quoteLinesRelations = relations(quoteLines, ({ one }) => ({
  quote: one(quotes, { fields: [quoteLines.quoteId], references: [quotes.id] }),
  product: one(products, { fields: [quoteLines.productId], references: [products.id] }),
  taxRate: one(taxRates, { fields: [quoteLines.taxRateId], references: [taxRates.id] }),
}));

export const salesOrdersRelations = relations(salesOrders, ({ one, many }) => ({
  customer: one(customers, { fields: [salesOrders.customerId], references: [customers.id] }),
  quote: one(quotes, { fields: [salesOrders.quoteId], references: [quotes.id] }),
  lines: many(salesOrderLines),
  invoices: many(invoices),
}));

export const salesOrderLinesRelations = relations(salesOrderLines, ({ one, many }) => ({
  salesOrder: one(salesOrders, { fields: [salesOrderLines.salesOrderId], references: [salesOrders.id] }),
  product: one(products, { fields: [salesOrderLines.productId], references: [products.id] }),
  taxRate: one(taxRates, { fields: [salesOrderLines.taxRateId], references: [taxRates.id] }),
  invoiceLines: many(invoiceLines),
}));

export const invoicesRelations = relations(invoices, ({ one, many }) => ({
  salesOrder: one(salesOrders, { fields: [invoices.salesOrderId], references: [salesOrders.id] }),
  lines: many(invoiceLines),
  creditNotes: many(creditNotes),
}));

export const invoiceLinesRelations = relations(invoiceLines, ({ one }) => ({
  invoice: one(invoices, { fields: [invoiceLines.invoiceId], references: [invoices.id] }),
  salesOrderLine: one(salesOrderLines, {
    fields: [invoiceLines.salesOrderLineId],
    references: [salesOrderLines.id],
  }),
  product: one(products, { fields: [invoiceLines.productId], references: [products.id] }),
  taxRate: one(taxRates, { fields: [invoiceLines.taxRateId], references: [taxRates.id] }),
}));

export const purchaseOrdersRelations = relations(purchaseOrders, ({ one, many }) => ({
  supplier: one(suppliers, { fields: [purchaseOrders.supplierId], references: [suppliers.id] }),
  lines: many(purchaseOrderLines),
  bills: many(bills),
}));

export const purchaseOrderLinesRelations = relations(purchaseOrderLines, ({ one, many }) => ({
  purchaseOrder: one(purchaseOrders, {
    fields: [purchaseOrderLines.purchaseOrderId],
    references: [purchaseOrders.id],
  }),
  product: one(products, { fields: [purchaseOrderLines.productId], references: [products.id] }),
  taxRate: one(taxRates, { fields: [purchaseOrderLines.taxRateId], references: [taxRates.id] }),
  billLines: many(billLines),
}));

export const billsRelations = relations(bills, ({ one, many }) => ({
  purchaseOrder: one(purchaseOrders, { fields: [bills.purchaseOrderId], references: [purchaseOrders.id] }),
  lines: many(billLines),
  creditNotes: many(creditNotes),
}));

export const billLinesRelations = relations(billLines, ({ one }) => ({
  bill: one(bills, { fields: [billLines.billId], references: [bills.id] }),
  purchaseOrderLine: one(purchaseOrderLines, {
    fields: [billLines.purchaseOrderLineId],
    references: [purchaseOrderLines.id],
  }),
  product: one(products, { fields: [billLines.productId], references: [products.id] }),
  taxRate: one(taxRates, { fields: [billLines.taxRateId], references: [taxRates.id] }),
}));

export const creditNotesRelations = relations(creditNotes, ({ one, many }) => ({
  invoice: one(invoices, { fields: [creditNotes.invoiceId], references: [invoices.id] }),
  bill: one(bills, { fields: [creditNotes.billId], references: [bills.id] }),
  lines: many(creditNoteLines),
}));

export const creditNoteLinesRelations = relations(creditNoteLines, ({ one }) => ({
  creditNote: one(creditNotes, { fields: [creditNoteLines.creditNoteId], references: [creditNotes.id] }),
  invoiceLine: one(invoiceLines, { fields: [creditNoteLines.invoiceLineId], references: [invoiceLines.id] }),
  billLine: one(billLines, { fields: [creditNoteLines.billLineId], references: [billLines.id] }),
  product: one(products, { fields: [creditNoteLines.productId], references: [products.id] }),
  taxRate: one(taxRates, { fields: [creditNoteLines.taxRateId], references: [taxRates.id] }),
}));
