import type { PurchaseOrderRecord } from "../state/types.ts";
import { documentOperations, type DocumentType } from "./document-engine.ts";
import type { LineAmountMode } from "./totals.ts";
import { asText } from "./wire.ts";

const MODES = new Set(["Exclusive", "Inclusive", "NoTax"]);

/**
 * Purchase orders (developer.xero.com/documentation/api/purchase-orders): an existing contact
 * (ContactID or ContactNumber) and lines; DRAFT → SUBMITTED → AUTHORISED → BILLED; BILLED and
 * DELETED ones cannot be edited. They do not post to the ledger, so lock dates do not apply.
 */
export const purchaseOrderType: DocumentType<PurchaseOrderRecord> = {
  key: "PurchaseOrders",
  collection: "purchaseOrders",
  idField: "PurchaseOrderID",
  numberField: "PurchaseOrderNumber",
  label: "Purchase order",
  dateFields: ["Date", "DeliveryDate", "ExpectedArrivalDate"],
  passthrough: [
    "Reference",
    "DeliveryAddress",
    "AttentionTo",
    "Telephone",
    "DeliveryInstructions",
    "SentToContact",
    "BrandingThemeID",
  ],
  side: () => "purchases",
  parseMode: (value) =>
    value === undefined ? "Exclusive" : MODES.has(asText(value)) ? (value as LineAmountMode) : null,
  formatMode: (mode) => mode,
  defaultStatus: "DRAFT",
  lifecycle: "purchaseOrder",
  posted: new Set(),
  allowDiscount: () => false,
  requireDate: false,
  numbering: { prefix: "PO-", counter: "purchaseOrder" },
  numbered: () => true,
  duplicateNumber: (number) => `Purchase order number ${number} already exists.`,
  finish: () => undefined,
};

export const purchaseOrderOperations = documentOperations(
  purchaseOrderType,
  {
    list: "getPurchaseOrders",
    get: ["getPurchaseOrder", "getPurchaseOrderByNumber"],
    create: "createPurchaseOrders",
    upsert: "updateOrCreatePurchaseOrders",
    update: "updatePurchaseOrder",
  },
  (records, q) =>
    records.filter(
      (r) =>
        (typeof q.Status === "string" ? r.Status === q.Status.toUpperCase() : r.Status !== "DELETED") &&
        (typeof q.DateFrom !== "string" || r.Date >= q.DateFrom) &&
        (typeof q.DateTo !== "string" || r.Date <= q.DateTo),
    ),
);
