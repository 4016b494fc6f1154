import type { DocumentSyncState, SyncDocumentType } from "@/lib/db/schema";

/**
 * What Xero can do with a document Factory sent it, by Xero's rules (developer.xero.com/documentation/
 * api/invoices): every document Xero holds has a PDF; only an approved sales invoice has an online
 * invoice link (none for drafts) and can be emailed to its contact. The pages show only the actions
 * allowed here, and the server refuses the others before calling Xero.
 */
export interface DeliveryOptions {
  pdf: boolean;
  onlineLink: boolean;
  email: boolean;
}

/** Xero statuses of an approved sales invoice. */
const APPROVED = new Set(["AUTHORISED", "PAID"]);

export function deliveryOptions(
  type: SyncDocumentType,
  state: Pick<DocumentSyncState, "xeroId" | "xeroStatus"> | undefined,
): DeliveryOptions {
  const inXero = Boolean(state?.xeroId) && state?.xeroStatus !== "DELETED";
  const approvedSale = inXero && type === "invoice" && APPROVED.has(state?.xeroStatus ?? "");
  return { pdf: inXero, onlineLink: approvedSale, email: approvedSale };
}

/** Why an action isn't offered, in words for the person who asked. */
export function deliveryRefusal(
  action: keyof DeliveryOptions,
  type: SyncDocumentType,
  state: Pick<DocumentSyncState, "xeroId" | "xeroStatus"> | undefined,
): string | null {
  if (deliveryOptions(type, state)[action]) return null;
  if (!state?.xeroId) return "It isn't in Xero yet: send it to Xero first.";
  if (state.xeroStatus === "DELETED") return "It was deleted in Xero.";
  if (type !== "invoice") {
    return action === "email"
      ? "Only invoices can be emailed from Xero."
      : "Only invoices have an online invoice link.";
  }
  return `Xero only ${action === "email" ? "emails" : "gives a link to"} approved invoices; this one is ${(state.xeroStatus ?? "a draft").toLowerCase()} in Xero.`;
}

/** A PDF's file name: Xero's number for it (INV-0042), else the Factory document type. */
export function pdfFileName(
  type: SyncDocumentType,
  state: Pick<DocumentSyncState, "xeroNumber"> | undefined,
): string {
  const name = state?.xeroNumber?.trim() || type.replace("_", "-");
  return `${name.replace(/[^\w.-]+/g, "-")}.pdf`;
}

/**
 * The path segment of each document type, as its pages spell it: the PDF route takes it
 * (/api/xero/documents/invoices/{id}/pdf); every type Factory sends is here, credit notes included.
 */
export const DOCUMENT_PATHS = {
  quotes: "quote",
  "sales-orders": "sales_order",
  invoices: "invoice",
  "purchase-orders": "purchase_order",
  bills: "bill",
  "credit-notes": "credit_note",
  "supplier-credits": "supplier_credit",
} as const satisfies Record<string, SyncDocumentType>;

/** Where "Download PDF" fetches a document from. */
export function pdfPath(type: SyncDocumentType, id: string): string {
  const segment = Object.entries(DOCUMENT_PATHS).find(([, value]) => value === type)?.[0];
  return `/api/xero/documents/${segment ?? type}/${id}/pdf`;
}
