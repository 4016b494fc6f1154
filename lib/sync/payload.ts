import { createHash } from "node:crypto";
import type { Executor } from "@/lib/db/client";
import {
  loadLinkedItems,
  loadTaxTypes,
  type LinkedItem,
  type SyncDocument,
} from "@/lib/db/queries/sync-documents";
import { getXeroSettings } from "@/lib/db/queries/xero-settings";
import type { XeroDocumentEndpoint, XeroDocumentPayload } from "@/lib/xero/api/documents";
import {
  mapBill,
  mapCreditNote,
  mapInvoice,
  mapPurchaseOrder,
  mapQuote,
  mapSalesOrder,
  MappingError,
  type FactoryDocument,
  type MappingContext,
} from "@/lib/xero/mappers";

/** Which Xero endpoint each Factory document goes to (docs/sync.md#what-flows-to-xero). */
export const ENDPOINT: Record<SyncDocument["type"], XeroDocumentEndpoint> = {
  quote: "quotes",
  sales_order: "invoices",
  invoice: "invoices",
  purchase_order: "purchase_orders",
  bill: "invoices",
  credit_note: "credit_notes",
  supplier_credit: "credit_notes",
};

/**
 * A hash of a payload, the same for the same content whatever its keys' order: what is stored of
 * the payload Xero last accepted (`sentPayloadHash`), and compared with the next one (the
 * planner's "unchanged").
 */
export function payloadHash(payload: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([, v]) => v !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return createHash("sha256")
    .update(JSON.stringify(canonical(payload)))
    .digest("hex");
}

/** Settings, tax mappings and item links: what every payload of a batch shares. */
export interface PayloadInputs {
  settings: Awaited<ReturnType<typeof getXeroSettings>>;
  taxTypes: Map<string, string>;
  items: Map<string, LinkedItem>;
}

const isPurchase = (type: SyncDocument["type"]) =>
  type === "purchase_order" || type === "bill" || type === "supplier_credit";

/** Loads the shared inputs once for documents of one type (a single send, or a bulk batch). */
export async function loadPayloadInputs(
  db: Executor,
  type: SyncDocument["type"],
  docs: readonly SyncDocument[],
): Promise<PayloadInputs> {
  const productIds = docs
    .flatMap((doc) => doc.lines.map((line) => line.productId))
    .filter((id) => id !== null);
  const direction = isPurchase(type) ? "purchase" : "sales";
  const [settings, taxTypes, items] = await Promise.all([
    getXeroSettings(db),
    loadTaxTypes(db, direction),
    loadLinkedItems(db, productIds, direction),
  ]);
  return { settings, taxTypes, items };
}

/** Builds the Xero payload of a document as it is now, from settings, tax mappings and item links. */
export async function buildPayload(
  db: Executor,
  doc: SyncDocument,
  appUrl: string,
  notes?: string[],
): Promise<XeroDocumentPayload> {
  return mapDocument(doc, await loadPayloadInputs(db, doc.type, [doc]), appUrl, notes);
}

/**
 * The mapper for the document's type, fed from the loaded inputs. What the mapper had to shorten to
 * Xero's limits is added to `notes` (lib/xero/limits.ts).
 */
export function mapDocument(
  doc: SyncDocument,
  inputs: PayloadInputs,
  appUrl: string,
  notes?: string[],
): XeroDocumentPayload {
  if (!doc.party.xeroContactId) throw new MappingError(`Link ${doc.party.name} to a Xero contact first.`);
  const { settings, taxTypes, items } = inputs;
  const purchase = isPurchase(doc.type);
  const ctx: MappingContext = {
    appUrl,
    accountCode: purchase ? settings.purchaseAccountCode : settings.salesAccountCode,
    taxTypes,
    noTaxType: purchase ? settings.purchaseNoTaxType : settings.salesNoTaxType,
    items,
    notes,
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
    case "credit_note":
    case "supplier_credit":
      if (!doc.parent) throw new Error(`Credit note ${doc.number} credits no invoice or bill`);
      return mapCreditNote(
        { ...base, kind: doc.type === "credit_note" ? "customer" : "supplier", credited: doc.parent },
        ctx,
      );
  }
}

/** A sync log message followed by the notes of what was shortened for Xero, as sentences. */
export const withNotes = (message: string | null, notes: readonly string[]): string | null =>
  [message, ...notes].filter(Boolean).join(". ") || null;

/** Idempotency-Key of a create: the document and the revision sent (≤ 128 characters, spec). */
export const createKey = (type: SyncDocument["type"], id: string, revision: number): string =>
  `factory-${type}-${id}-r${revision}`;

/**
 * Idempotency-Key of a credit note's allocation to its invoice (bill): the credit note and the amount
 * (≤ 128 characters, spec). Before allocating, Factory reads the credit note's allocations from Xero,
 * so a replay after Xero has forgotten the key still cannot allocate twice (lib/sync/allocation.ts).
 */
export const allocationKey = (type: SyncDocument["type"], id: string, amount: string): string =>
  `factory-${type}-${id}-allocate-${amount}`;

/**
 * Idempotency-Key of an update: the document, the revision sent and the operation (an invoice
 * taking over its order's draft writes to another document than its own later updates), so a
 * retried update is deduplicated and a new revision is a new request (≤ 128 characters, spec).
 */
export const updateKey = (
  type: SyncDocument["type"],
  id: string,
  revision: number,
  operation: "update" | "take-over" | `status-${string}`,
): string => `factory-${type}-${id}-r${revision}-${operation}`;
