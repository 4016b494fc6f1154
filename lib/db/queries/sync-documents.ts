import { asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Executor } from "../client";
import {
  billLines,
  bills,
  customers,
  invoiceLines,
  invoices,
  products,
  purchaseOrderLines,
  purchaseOrders,
  quoteLines,
  quotes,
  salesOrderLines,
  salesOrders,
  suppliers,
  xeroItemCache,
  xeroSettings,
  xeroTaxMappings,
  type SyncDocumentType,
  type TaxMode,
  type XeroSettings,
} from "../schema";

/** One line as the sync reads it: sales documents' unit price or purchase documents' unit cost. */
export interface SyncLine {
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  productId: string | null;
  taxRateId: string | null;
}

/** A document and its party as the sync needs them, whatever its type. */
export interface SyncDocument {
  type: SyncDocumentType;
  id: string;
  number: string;
  currency: string;
  taxMode: TaxMode;
  total: string;
  date: string;
  dueDate: string | null;
  expiryDate: string | null;
  reference: string | null;
  party: { kind: "customer" | "supplier"; id: string; name: string; xeroContactId: string | null };
  lines: SyncLine[];
  /** Invoices: their sales order. Bills: their purchase order. */
  parent: { id: string; number: string } | null;
  supplierInvoiceNumber: string | null;
  deliveryDate: string | null;
  deliveryAddress: (typeof purchaseOrders.$inferSelect)["deliveryAddress"];
  deliveryInstructions: string | null;
}

const base = {
  parent: null,
  supplierInvoiceNumber: null,
  deliveryDate: null,
  deliveryAddress: null,
  deliveryInstructions: null,
  dueDate: null,
  expiryDate: null,
} as const;

const saleLine = (
  l: typeof quoteLines.$inferSelect | typeof salesOrderLines.$inferSelect | typeof invoiceLines.$inferSelect,
): SyncLine => ({
  description: l.description,
  quantity: l.quantity,
  unitPrice: l.unitPrice,
  discountPercent: l.discountPercent,
  productId: l.productId,
  taxRateId: l.taxRateId,
});

const purchaseLine = (
  l: typeof purchaseOrderLines.$inferSelect | typeof billLines.$inferSelect,
): SyncLine => ({
  description: l.description,
  quantity: l.quantity,
  unitPrice: l.unitCost,
  discountPercent: l.discountPercent,
  productId: l.productId,
  taxRateId: l.taxRateId,
});

async function customerOf(db: Executor, id: string) {
  const [row] = await db
    .select({ id: customers.id, name: customers.name, xeroContactId: customers.xeroContactId })
    .from(customers)
    .where(eq(customers.id, id));
  return row && { kind: "customer" as const, ...row };
}

async function supplierOf(db: Executor, id: string) {
  const [row] = await db
    .select({ id: suppliers.id, name: suppliers.name, xeroContactId: suppliers.xeroContactId })
    .from(suppliers)
    .where(eq(suppliers.id, id));
  return row && { kind: "supplier" as const, ...row };
}

/** Loads a document as it is now (latest state wins), or undefined when it no longer exists. */
export async function loadSyncDocument(
  db: Executor,
  type: SyncDocumentType,
  id: string,
): Promise<SyncDocument | undefined> {
  switch (type) {
    case "quote": {
      const [doc] = await db.select().from(quotes).where(eq(quotes.id, id));
      if (!doc) return undefined;
      const [party, lines] = await Promise.all([
        customerOf(db, doc.customerId),
        db.select().from(quoteLines).where(eq(quoteLines.quoteId, id)).orderBy(asc(quoteLines.position)),
      ]);
      if (!party) return undefined;
      return {
        ...base,
        type,
        id,
        number: doc.number,
        currency: doc.currency,
        taxMode: doc.taxMode,
        total: doc.total,
        date: doc.issueDate,
        expiryDate: doc.expiryDate,
        reference: doc.reference,
        party,
        lines: lines.map(saleLine),
      };
    }
    case "sales_order": {
      const [doc] = await db.select().from(salesOrders).where(eq(salesOrders.id, id));
      if (!doc) return undefined;
      const [party, lines] = await Promise.all([
        customerOf(db, doc.customerId),
        db
          .select()
          .from(salesOrderLines)
          .where(eq(salesOrderLines.salesOrderId, id))
          .orderBy(asc(salesOrderLines.position)),
      ]);
      if (!party) return undefined;
      return {
        ...base,
        type,
        id,
        number: doc.number,
        currency: doc.currency,
        taxMode: doc.taxMode,
        total: doc.total,
        date: doc.orderDate,
        reference: doc.reference,
        party,
        lines: lines.map(saleLine),
      };
    }
    case "invoice": {
      const [row] = await db
        .select({
          doc: invoices,
          order: { id: salesOrders.id, number: salesOrders.number, customerId: salesOrders.customerId },
        })
        .from(invoices)
        .innerJoin(salesOrders, eq(salesOrders.id, invoices.salesOrderId))
        .where(eq(invoices.id, id));
      if (!row) return undefined;
      const [party, lines] = await Promise.all([
        customerOf(db, row.order.customerId),
        db
          .select()
          .from(invoiceLines)
          .where(eq(invoiceLines.invoiceId, id))
          .orderBy(asc(invoiceLines.position)),
      ]);
      if (!party) return undefined;
      return {
        ...base,
        type,
        id,
        number: row.doc.number,
        currency: row.doc.currency,
        taxMode: row.doc.taxMode,
        total: row.doc.total,
        date: row.doc.issueDate,
        dueDate: row.doc.dueDate,
        reference: row.doc.reference,
        party,
        lines: lines.map(saleLine),
        parent: { id: row.order.id, number: row.order.number },
      };
    }
    case "purchase_order": {
      const [doc] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.id, id));
      if (!doc) return undefined;
      const [party, lines] = await Promise.all([
        supplierOf(db, doc.supplierId),
        db
          .select()
          .from(purchaseOrderLines)
          .where(eq(purchaseOrderLines.purchaseOrderId, id))
          .orderBy(asc(purchaseOrderLines.position)),
      ]);
      if (!party) return undefined;
      return {
        ...base,
        type,
        id,
        number: doc.number,
        currency: doc.currency,
        taxMode: doc.taxMode,
        total: doc.total,
        date: doc.orderDate,
        reference: doc.reference,
        party,
        lines: lines.map(purchaseLine),
        deliveryDate: doc.deliveryDate,
        deliveryAddress: doc.deliveryAddress,
        deliveryInstructions: doc.deliveryInstructions,
      };
    }
    case "bill": {
      const [row] = await db
        .select({
          doc: bills,
          order: {
            id: purchaseOrders.id,
            number: purchaseOrders.number,
            supplierId: purchaseOrders.supplierId,
          },
        })
        .from(bills)
        .innerJoin(purchaseOrders, eq(purchaseOrders.id, bills.purchaseOrderId))
        .where(eq(bills.id, id));
      if (!row) return undefined;
      const [party, lines] = await Promise.all([
        supplierOf(db, row.order.supplierId),
        db.select().from(billLines).where(eq(billLines.billId, id)).orderBy(asc(billLines.position)),
      ]);
      if (!party) return undefined;
      return {
        ...base,
        type,
        id,
        number: row.doc.number,
        currency: row.doc.currency,
        taxMode: row.doc.taxMode,
        total: row.doc.total,
        date: row.doc.billDate,
        dueDate: row.doc.dueDate,
        reference: null,
        party,
        lines: lines.map(purchaseLine),
        parent: { id: row.order.id, number: row.order.number },
        supplierInvoiceNumber: row.doc.supplierInvoiceNumber,
      };
    }
  }
}

/** The settings row, or the column defaults before an admin has saved any. */
export async function loadSyncSettings(
  db: Executor,
): Promise<Omit<XeroSettings, "id" | "updatedAt" | "updatedBy">> {
  const [row] = await db.select().from(xeroSettings).where(eq(xeroSettings.id, 1));
  return (
    row ?? {
      autoSendQuotes: true,
      autoSendSalesOrders: true,
      autoSendInvoices: true,
      autoSendPurchaseOrders: true,
      autoSendBills: true,
      createContactForNewCustomers: true,
      createContactForNewSuppliers: true,
      keepContactsUpdated: true,
      salesAccountCode: null,
      purchaseAccountCode: null,
      billStatus: "DRAFT",
      purchaseOrderStatus: "DRAFT",
    }
  );
}

/** Factory tax rate → Xero tax type, for sales or for purchases. */
export async function loadTaxTypes(
  db: Executor,
  direction: "sales" | "purchase",
): Promise<Map<string, string>> {
  const rows = await db.select().from(xeroTaxMappings);
  const map = new Map<string, string>();
  for (const row of rows) {
    const taxType = direction === "sales" ? row.salesTaxType : row.purchaseTaxType;
    if (taxType) map.set(row.taxRateId, taxType);
  }
  return map;
}

/** Product → linked Xero item's code (from the item cache the link editor keeps). */
export async function loadItemCodes(
  db: Executor,
  productIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ productId: products.id, code: xeroItemCache.code })
    .from(products)
    .innerJoin(xeroItemCache, eq(xeroItemCache.itemId, products.xeroItemId))
    .where(sql`${inArray(products.id, ids)} and ${isNotNull(products.xeroItemId)}`);
  return new Map(rows.map((row) => [row.productId, row.code]));
}

/** Copies Xero's id and number onto the document row, where lists and other pages read them. */
export async function mirrorXeroNumber(
  db: Executor,
  type: SyncDocumentType,
  id: string,
  xeroId: string,
  xeroNumber: string | null,
): Promise<void> {
  switch (type) {
    case "quote":
      await db
        .update(quotes)
        .set({ xeroQuoteId: xeroId, xeroQuoteNumber: xeroNumber })
        .where(eq(quotes.id, id));
      return;
    case "sales_order":
      await db
        .update(salesOrders)
        .set({ xeroInvoiceId: xeroId, xeroInvoiceNumber: xeroNumber })
        .where(eq(salesOrders.id, id));
      return;
    case "invoice":
      await db
        .update(invoices)
        .set({ xeroInvoiceId: xeroId, xeroInvoiceNumber: xeroNumber })
        .where(eq(invoices.id, id));
      return;
    case "purchase_order":
      await db
        .update(purchaseOrders)
        .set({ xeroPurchaseOrderId: xeroId, xeroPurchaseOrderNumber: xeroNumber })
        .where(eq(purchaseOrders.id, id));
      return;
    case "bill":
      await db
        .update(bills)
        .set({ xeroInvoiceId: xeroId, xeroInvoiceNumber: xeroNumber })
        .where(eq(bills.id, id));
      return;
  }
}

/** The invoices generated from an order, oldest first: the first one takes over the order's draft. */
export async function invoicesOfOrder(
  db: Executor,
  salesOrderId: string,
): Promise<{ id: string; number: string }[]> {
  return db
    .select({ id: invoices.id, number: invoices.number })
    .from(invoices)
    .where(eq(invoices.salesOrderId, salesOrderId))
    .orderBy(asc(invoices.createdAt), asc(invoices.number));
}

/** Ids of every document of a type, for "Send all unsent". */
export async function documentIds(db: Executor, type: SyncDocumentType): Promise<string[]> {
  const table = {
    quote: quotes,
    sales_order: salesOrders,
    invoice: invoices,
    purchase_order: purchaseOrders,
    bill: bills,
  }[type];
  const rows = await db.select({ id: table.id }).from(table);
  return rows.map((row) => row.id);
}
