import type { Executor } from "@/lib/db/client";
import {
  loadItemCodes,
  loadSyncSettings,
  loadTaxTypes,
  type SyncDocument,
} from "@/lib/db/queries/sync-documents";
import type { XeroDocumentEndpoint, XeroDocumentPayload } from "@/lib/xero/documents";
import {
  mapBill,
  mapInvoice,
  mapPurchaseOrder,
  mapQuote,
  mapSalesOrder,
  MappingError,
  type FactoryDocument,
  type MappingContext,
} from "@/lib/xero/mappers";

/** Which Xero endpoint each Factory document goes to (design.md §1). */
export const ENDPOINT: Record<SyncDocument["type"], XeroDocumentEndpoint> = {
  quote: "quotes",
  sales_order: "invoices",
  invoice: "invoices",
  purchase_order: "purchase_orders",
  bill: "invoices",
};

/** Builds the Xero payload of a document as it is now, from settings, tax mappings and item links. */
export async function buildPayload(
  db: Executor,
  doc: SyncDocument,
  appUrl: string,
): Promise<XeroDocumentPayload> {
  if (!doc.party.xeroContactId) throw new MappingError(`Link ${doc.party.name} to a Xero contact first.`);
  const purchase = doc.type === "purchase_order" || doc.type === "bill";
  const [settings, taxTypes, itemCodes] = await Promise.all([
    loadSyncSettings(db),
    loadTaxTypes(db, purchase ? "purchase" : "sales"),
    loadItemCodes(
      db,
      doc.lines.map((line) => line.productId).filter((id): id is string => id !== null),
    ),
  ]);
  const ctx: MappingContext = {
    appUrl,
    accountCode: purchase ? settings.purchaseAccountCode : settings.salesAccountCode,
    taxTypes,
    itemCodes,
  };
  const base: FactoryDocument = {
    id: doc.id,
    number: doc.number,
    currency: doc.currency,
    taxMode: doc.taxMode,
    date: doc.date,
    reference: doc.reference,
    xeroContactId: doc.party.xeroContactId,
    lines: doc.lines,
  };
  switch (doc.type) {
    case "quote":
      return mapQuote({ ...base, expiryDate: doc.expiryDate }, ctx);
    case "sales_order":
      return mapSalesOrder(base, ctx);
    case "invoice":
      if (!doc.parent || !doc.dueDate)
        throw new Error(`Invoice ${doc.number} has no sales order or due date`);
      return mapInvoice({ ...base, dueDate: doc.dueDate, salesOrder: doc.parent }, ctx);
    case "purchase_order":
      return mapPurchaseOrder(
        {
          ...base,
          deliveryDate: doc.deliveryDate,
          deliveryAddress: doc.deliveryAddress,
          deliveryInstructions: doc.deliveryInstructions,
        },
        ctx,
        settings.purchaseOrderStatus,
      );
    case "bill":
      if (!doc.parent || !doc.dueDate || !doc.supplierInvoiceNumber) {
        throw new Error(`Bill ${doc.number} has no purchase order, due date or supplier invoice number`);
      }
      return mapBill(
        {
          ...base,
          dueDate: doc.dueDate,
          supplierInvoiceNumber: doc.supplierInvoiceNumber,
          purchaseOrder: doc.parent,
        },
        ctx,
        settings.billStatus,
      );
  }
}

/** Idempotency-Key of a create: the document and the revision sent (≤ 128 characters, spec). */
export const createKey = (type: SyncDocument["type"], id: string, revision: number): string =>
  `factory-${type}-${id}-r${revision}`;
