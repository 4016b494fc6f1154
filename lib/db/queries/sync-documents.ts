import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Executor } from "../client";
import {
  billLines,
  bills,
  creditNoteLines,
  creditNotes,
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
  xeroTaxMappings,
  type DocumentLineKind,
  type SyncDocumentType,
  type TaxMode,
} from "../schema";

/** One line as the sync reads it: sales documents' unit price or purchase documents' unit cost. */
export interface SyncLine {
  /** "rounding" for an order's last invoice (bill)'s rounding adjustment; "item" otherwise. */
  kind: DocumentLineKind;
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
  /** The document's own status in Factory (cancelled, voided, accepted, …). */
  status: string;
  currency: string;
  taxMode: TaxMode;
  total: string;
  date: string;
  dueDate: string | null;
  expiryDate: string | null;
  reference: string | null;
  party: { kind: "customer" | "supplier"; id: string; name: string; xeroContactId: string | null };
  lines: SyncLine[];
  /** Invoices: their sales order. Bills: their purchase order. Credit notes: the invoice (bill) they credit. */
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

/** What every document type shares; each type adds its own dates and fields in `rest`. */
function syncDocument(
  type: SyncDocumentType,
  doc: { id: string; number: string; status: string; currency: string; taxMode: TaxMode; total: string },
  party: SyncDocument["party"],
  lines: SyncLine[],
  rest: Pick<SyncDocument, "date" | "reference"> & Partial<SyncDocument>,
): SyncDocument {
  const { id, number, status, currency, taxMode, total } = doc;
  return { ...base, type, id, number, status, currency, taxMode, total, party, lines, ...rest };
}

const saleLine = (
  l: typeof quoteLines.$inferSelect | typeof salesOrderLines.$inferSelect | typeof invoiceLines.$inferSelect,
): SyncLine => ({
  kind: "kind" in l ? l.kind : "item",
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
  kind: "kind" in l ? l.kind : "item",
  description: l.description,
  quantity: l.quantity,
  unitPrice: l.unitCost,
  discountPercent: l.discountPercent,
  productId: l.productId,
  taxRateId: l.taxRateId,
});

const partyColumns = (table: typeof customers | typeof suppliers) => ({
  id: table.id,
  name: table.name,
  xeroContactId: table.xeroContactId,
});

function byParent<T>(rows: readonly T[], parentOf: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const parent = parentOf(row);
    const list = map.get(parent);
    if (list) list.push(row);
    else map.set(parent, [row]);
  }
  return map;
}

/**
 * Loads documents as they are now (latest state wins), with their party and lines, in two queries
 * per type whatever the count (a bulk batch of 50 must not cost 150 round trips). Documents that
 * no longer exist are simply absent from the map.
 */
export async function loadSyncDocuments(
  db: Executor,
  type: SyncDocumentType,
  ids: readonly string[],
): Promise<Map<string, SyncDocument>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  switch (type) {
    case "quote": {
      const [rows, lines] = await Promise.all([
        db
          .select({ doc: quotes, party: partyColumns(customers) })
          .from(quotes)
          .innerJoin(customers, eq(customers.id, quotes.customerId))
          .where(inArray(quotes.id, wanted)),
        db
          .select()
          .from(quoteLines)
          .where(inArray(quoteLines.quoteId, wanted))
          .orderBy(asc(quoteLines.position)),
      ]);
      const linesOf = byParent(lines, (line) => line.quoteId);
      return new Map(
        rows.map(({ doc, party }) => [
          doc.id,
          syncDocument(type, doc, { kind: "customer", ...party }, (linesOf.get(doc.id) ?? []).map(saleLine), {
            date: doc.issueDate,
            expiryDate: doc.expiryDate,
            reference: doc.reference,
          }),
        ]),
      );
    }
    case "sales_order": {
      const [rows, lines] = await Promise.all([
        db
          .select({ doc: salesOrders, party: partyColumns(customers) })
          .from(salesOrders)
          .innerJoin(customers, eq(customers.id, salesOrders.customerId))
          .where(inArray(salesOrders.id, wanted)),
        db
          .select()
          .from(salesOrderLines)
          .where(inArray(salesOrderLines.salesOrderId, wanted))
          .orderBy(asc(salesOrderLines.position)),
      ]);
      const linesOf = byParent(lines, (line) => line.salesOrderId);
      return new Map(
        rows.map(({ doc, party }) => [
          doc.id,
          syncDocument(type, doc, { kind: "customer", ...party }, (linesOf.get(doc.id) ?? []).map(saleLine), {
            date: doc.orderDate,
            reference: doc.reference,
          }),
        ]),
      );
    }
    case "invoice": {
      const [rows, lines] = await Promise.all([
        db
          .select({
            doc: invoices,
            order: { id: salesOrders.id, number: salesOrders.number },
            party: partyColumns(customers),
          })
          .from(invoices)
          .innerJoin(salesOrders, eq(salesOrders.id, invoices.salesOrderId))
          .innerJoin(customers, eq(customers.id, salesOrders.customerId))
          .where(inArray(invoices.id, wanted)),
        db
          .select()
          .from(invoiceLines)
          .where(inArray(invoiceLines.invoiceId, wanted))
          .orderBy(asc(invoiceLines.position)),
      ]);
      const linesOf = byParent(lines, (line) => line.invoiceId);
      return new Map(
        rows.map(({ doc, order, party }) => [
          doc.id,
          syncDocument(type, doc, { kind: "customer", ...party }, (linesOf.get(doc.id) ?? []).map(saleLine), {
            date: doc.issueDate,
            dueDate: doc.dueDate,
            reference: doc.reference,
            parent: order,
          }),
        ]),
      );
    }
    case "purchase_order": {
      const [rows, lines] = await Promise.all([
        db
          .select({ doc: purchaseOrders, party: partyColumns(suppliers) })
          .from(purchaseOrders)
          .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
          .where(inArray(purchaseOrders.id, wanted)),
        db
          .select()
          .from(purchaseOrderLines)
          .where(inArray(purchaseOrderLines.purchaseOrderId, wanted))
          .orderBy(asc(purchaseOrderLines.position)),
      ]);
      const linesOf = byParent(lines, (line) => line.purchaseOrderId);
      return new Map(
        rows.map(({ doc, party }) => [
          doc.id,
          syncDocument(
            type,
            doc,
            { kind: "supplier", ...party },
            (linesOf.get(doc.id) ?? []).map(purchaseLine),
            {
              date: doc.orderDate,
              reference: doc.reference,
              deliveryDate: doc.deliveryDate,
              deliveryAddress: doc.deliveryAddress,
              deliveryInstructions: doc.deliveryInstructions,
            },
          ),
        ]),
      );
    }
    case "bill": {
      const [rows, lines] = await Promise.all([
        db
          .select({
            doc: bills,
            order: { id: purchaseOrders.id, number: purchaseOrders.number },
            party: partyColumns(suppliers),
          })
          .from(bills)
          .innerJoin(purchaseOrders, eq(purchaseOrders.id, bills.purchaseOrderId))
          .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
          .where(inArray(bills.id, wanted)),
        db.select().from(billLines).where(inArray(billLines.billId, wanted)).orderBy(asc(billLines.position)),
      ]);
      const linesOf = byParent(lines, (line) => line.billId);
      return new Map(
        rows.map(({ doc, order, party }) => [
          doc.id,
          syncDocument(
            type,
            doc,
            { kind: "supplier", ...party },
            (linesOf.get(doc.id) ?? []).map(purchaseLine),
            {
              date: doc.billDate,
              dueDate: doc.dueDate,
              reference: null,
              parent: order,
              supplierInvoiceNumber: doc.supplierInvoiceNumber,
            },
          ),
        ]),
      );
    }
    case "credit_note":
    case "supplier_credit":
      return loadCreditNotes(db, type, wanted);
  }
}

const creditLine = (l: typeof creditNoteLines.$inferSelect): SyncLine => ({
  kind: l.kind,
  description: l.description,
  quantity: l.quantity,
  unitPrice: l.unitPrice,
  discountPercent: l.discountPercent,
  productId: l.productId,
  taxRateId: l.taxRateId,
});

/** Customer credits with their invoice and customer, or supplier credits with their bill and supplier. */
async function loadCreditNotes(
  db: Executor,
  type: "credit_note" | "supplier_credit",
  ids: string[],
): Promise<Map<string, SyncDocument>> {
  const customer = type === "credit_note";
  const rowsQuery = customer
    ? db
        .select({
          doc: creditNotes,
          credited: { id: invoices.id, number: invoices.number },
          party: partyColumns(customers),
        })
        .from(creditNotes)
        .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
        .innerJoin(salesOrders, eq(salesOrders.id, invoices.salesOrderId))
        .innerJoin(customers, eq(customers.id, salesOrders.customerId))
        .where(and(inArray(creditNotes.id, ids), eq(creditNotes.kind, "customer")))
    : db
        .select({
          doc: creditNotes,
          credited: { id: bills.id, number: bills.number },
          party: partyColumns(suppliers),
        })
        .from(creditNotes)
        .innerJoin(bills, eq(bills.id, creditNotes.billId))
        .innerJoin(purchaseOrders, eq(purchaseOrders.id, bills.purchaseOrderId))
        .innerJoin(suppliers, eq(suppliers.id, purchaseOrders.supplierId))
        .where(and(inArray(creditNotes.id, ids), eq(creditNotes.kind, "supplier")));
  const [rows, lines] = await Promise.all([
    rowsQuery,
    db
      .select()
      .from(creditNoteLines)
      .where(inArray(creditNoteLines.creditNoteId, ids))
      .orderBy(asc(creditNoteLines.position)),
  ]);
  const linesOf = byParent(lines, (line) => line.creditNoteId);
  return new Map(
    rows.map(({ doc, credited, party }) => [
      doc.id,
      syncDocument(
        type,
        doc,
        { kind: customer ? "customer" : "supplier", ...party },
        (linesOf.get(doc.id) ?? []).map(creditLine),
        { date: doc.creditDate, reference: doc.reference, parent: credited },
      ),
    ]),
  );
}

/** One document as it is now, or undefined when it no longer exists. */
export async function loadSyncDocument(
  db: Executor,
  type: SyncDocumentType,
  id: string,
): Promise<SyncDocument | undefined> {
  return (await loadSyncDocuments(db, type, [id])).get(id);
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

/** A product's linked Xero item as a line needs it: its code and its account for one direction. */
export interface LinkedItem {
  code: string;
  /** The item's sales (or purchase) account in Xero, null when the item has none for that side. */
  accountCode: string | null;
}

/** Product → linked Xero item (from the item cache the link editor keeps). */
export async function loadLinkedItems(
  db: Executor,
  productIds: readonly string[],
  direction: "sales" | "purchase",
): Promise<Map<string, LinkedItem>> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      productId: products.id,
      code: xeroItemCache.code,
      accountCode: direction === "sales" ? xeroItemCache.salesAccountCode : xeroItemCache.purchaseAccountCode,
    })
    .from(products)
    .innerJoin(xeroItemCache, eq(xeroItemCache.itemId, products.xeroItemId))
    .where(sql`${inArray(products.id, ids)} and ${isNotNull(products.xeroItemId)}`);
  return new Map(rows.map(({ productId, code, accountCode }) => [productId, { code, accountCode }]));
}

/**
 * The invoices generated from each order, oldest first (the first one takes over the order's
 * draft), for many orders in one query. Orders without invoices map to an empty list.
 */
export async function invoicesOfOrders(
  db: Executor,
  salesOrderIds: readonly string[],
): Promise<Map<string, { id: string; number: string; voided: boolean }[]>> {
  const ids = [...new Set(salesOrderIds)];
  const map = new Map<string, { id: string; number: string; voided: boolean }[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return map;
  const rows = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      status: invoices.status,
      salesOrderId: invoices.salesOrderId,
    })
    .from(invoices)
    .where(inArray(invoices.salesOrderId, ids))
    .orderBy(asc(invoices.createdAt), asc(invoices.number));
  for (const row of rows)
    map.get(row.salesOrderId)?.push({ id: row.id, number: row.number, voided: row.status === "voided" });
  return map;
}

/** Ids of every document of a type, for "Send all unsent". */
export async function documentIds(db: Executor, type: SyncDocumentType): Promise<string[]> {
  if (type === "credit_note" || type === "supplier_credit") {
    const rows = await db
      .select({ id: creditNotes.id })
      .from(creditNotes)
      .where(eq(creditNotes.kind, type === "credit_note" ? "customer" : "supplier"));
    return rows.map((row) => row.id);
  }
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
