import type {
  CreditNoteStatus,
  BillStatus,
  InvoiceStatus,
  PurchaseOrderStatus,
  QuoteStatus,
  SalesOrderStatus,
} from "@/lib/db/schema/documents";
import type { ProgressState } from "./remaining";

/**
 * Which status changes people may make by hand, and what each status allows. Statuses that follow
 * from invoicing or billing (partially_invoiced, invoiced, partially_billed, billed) are never chosen
 * by hand: they are set from the order lines' progress in the invoicing/billing transaction.
 */

// The schema's enums, spelled out so forms in the browser don't pull in drizzle; `satisfies` keeps them in step.
export const QUOTE_STATUSES = [
  "draft",
  "sent",
  "accepted",
  "declined",
] as const satisfies readonly QuoteStatus[];
export const SALES_ORDER_STATUSES = [
  "draft",
  "confirmed",
  "partially_invoiced",
  "invoiced",
  "cancelled",
] as const satisfies readonly SalesOrderStatus[];
export const PURCHASE_ORDER_STATUSES = [
  "draft",
  "sent",
  "partially_billed",
  "billed",
  "cancelled",
] as const satisfies readonly PurchaseOrderStatus[];

export type BadgeTone = "neutral" | "info" | "success" | "warning" | "danger";

export const QUOTE_STATUS_LABELS: Record<QuoteStatus, string> = {
  draft: "Draft",
  sent: "Sent",
  accepted: "Accepted",
  declined: "Declined",
};

export const SALES_ORDER_STATUS_LABELS: Record<SalesOrderStatus, string> = {
  draft: "Draft",
  confirmed: "Confirmed",
  partially_invoiced: "Partly invoiced",
  invoiced: "Invoiced",
  cancelled: "Cancelled",
};

export const PURCHASE_ORDER_STATUS_LABELS: Record<PurchaseOrderStatus, string> = {
  draft: "Draft",
  sent: "Sent",
  partially_billed: "Partly billed",
  billed: "Billed",
  cancelled: "Cancelled",
};

// The schema's enums again, for the invoice and bill lists' status filters.
export const INVOICE_STATUSES = [
  "draft",
  "issued",
  "paid",
  "voided",
] as const satisfies readonly InvoiceStatus[];
export const BILL_STATUSES = [
  "draft",
  "awaiting_payment",
  "paid",
  "voided",
] as const satisfies readonly BillStatus[];

export const CREDIT_NOTE_STATUSES = ["issued", "voided"] as const satisfies readonly CreditNoteStatus[];

export const CREDIT_NOTE_STATUS_LABELS: Record<CreditNoteStatus, string> = {
  issued: "Issued",
  voided: "Voided",
};

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  draft: "Draft",
  issued: "Awaiting payment",
  paid: "Paid",
  voided: "Voided",
};

export const BILL_STATUS_LABELS: Record<BillStatus, string> = {
  draft: "Draft",
  awaiting_payment: "Awaiting payment",
  paid: "Paid",
  voided: "Voided",
};

const TONES: Record<string, BadgeTone> = {
  draft: "neutral",
  sent: "info",
  confirmed: "info",
  issued: "info",
  awaiting_payment: "info",
  accepted: "success",
  invoiced: "success",
  billed: "success",
  paid: "success",
  partially_invoiced: "warning",
  partially_billed: "warning",
  declined: "danger",
  cancelled: "danger",
  voided: "danger",
};

export function statusTone(status: string): BadgeTone {
  return TONES[status] ?? "neutral";
}

const QUOTE_TRANSITIONS: Record<QuoteStatus, readonly QuoteStatus[]> = {
  draft: ["sent", "accepted", "declined"],
  sent: ["accepted", "declined", "draft"],
  accepted: ["sent"],
  declined: ["draft"],
};

const SALES_ORDER_TRANSITIONS: Record<SalesOrderStatus, readonly SalesOrderStatus[]> = {
  draft: ["confirmed", "cancelled"],
  confirmed: ["draft", "cancelled"],
  partially_invoiced: [],
  invoiced: [],
  cancelled: ["draft"],
};

const PURCHASE_ORDER_TRANSITIONS: Record<PurchaseOrderStatus, readonly PurchaseOrderStatus[]> = {
  draft: ["sent", "cancelled"],
  sent: ["draft", "cancelled"],
  partially_billed: [],
  billed: [],
  cancelled: ["draft"],
};

/** The statuses a quote can be moved to by hand; none once it has become a sales order. */
export function quoteStatusChoices(status: QuoteStatus, converted: boolean): readonly QuoteStatus[] {
  return converted ? [] : QUOTE_TRANSITIONS[status];
}

export function salesOrderStatusChoices(status: SalesOrderStatus): readonly SalesOrderStatus[] {
  return SALES_ORDER_TRANSITIONS[status];
}

export function purchaseOrderStatusChoices(status: PurchaseOrderStatus): readonly PurchaseOrderStatus[] {
  return PURCHASE_ORDER_TRANSITIONS[status];
}

/** A quote can be edited until it is accepted, declined or converted. */
export function canEditQuote(status: QuoteStatus, converted: boolean): boolean {
  return !converted && (status === "draft" || status === "sent");
}

/** A declined quote can't become an order; any other quote can, once. */
export function canConvertQuote(status: QuoteStatus, converted: boolean): boolean {
  return !converted && status !== "declined";
}

/** Orders stay editable while anything remains to invoice; invoiced lines keep at least their invoiced quantity. */
export function canEditSalesOrder(status: SalesOrderStatus): boolean {
  return status === "draft" || status === "confirmed" || status === "partially_invoiced";
}

/**
 * An invoice or bill can be changed in Factory until it is paid or voided; Xero may refuse sooner
 * (`xeroEditRefusal`, lib/sync/planner.ts).
 */
export function canEditInvoice(status: InvoiceStatus): boolean {
  return status === "draft" || status === "issued";
}

export function canEditBill(status: BillStatus): boolean {
  return status === "draft" || status === "awaiting_payment";
}

export function canGenerateInvoice(status: SalesOrderStatus): boolean {
  return status === "draft" || status === "confirmed" || status === "partially_invoiced";
}

export function canEditPurchaseOrder(status: PurchaseOrderStatus): boolean {
  return status === "draft" || status === "sent" || status === "partially_billed";
}

export function canConvertToBill(status: PurchaseOrderStatus): boolean {
  return status === "draft" || status === "sent" || status === "partially_billed";
}

/** An order's status after an invoice is generated or the order's lines change. */
export function salesOrderStatusAfterInvoicing(
  current: SalesOrderStatus,
  progress: ProgressState,
): SalesOrderStatus {
  if (progress === "complete") return "invoiced";
  if (progress === "partial") return "partially_invoiced";
  return current === "partially_invoiced" || current === "invoiced" ? "confirmed" : current;
}

/** A purchase order's status after a bill is converted or the order's lines change. */
export function purchaseOrderStatusAfterBilling(
  current: PurchaseOrderStatus,
  progress: ProgressState,
): PurchaseOrderStatus {
  if (progress === "complete") return "billed";
  if (progress === "partial") return "partially_billed";
  return current === "partially_billed" || current === "billed" ? "sent" : current;
}
