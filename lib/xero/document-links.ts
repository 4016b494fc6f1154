import { simulatorRecordUrl, xeroDeepLink } from "./deep-links";

/**
 * "Open in Xero" for a document Factory sent (docs/xero/api-behaviour.md#deep-links): the documented
 * classic paths through `organisationlogin` for invoices, bills and purchase orders, and for quotes —
 * which the documented list doesn't cover — the `/app/` path Xero's own MCP server uses. No ShortCode,
 * no link: a guessed organisation would be worse than none.
 */
export type XeroDocumentLinkTarget = "quote" | "sales_invoice" | "bill" | "purchase_order" | "credit_note";

const CLASSIC_PATHS: Record<Exclude<XeroDocumentLinkTarget, "quote">, (id: string) => string> = {
  sales_invoice: (id) => `/AccountsReceivable/View.aspx?InvoiceID=${id}`,
  bill: (id) => `/AccountsPayable/Edit.aspx?InvoiceID=${id}`,
  purchase_order: (id) => `/Accounts/Payable/PurchaseOrders/View/${id}/`,
  credit_note: (id) => `/AccountsPayable/ViewCreditNote.aspx?creditNoteID=${id}`,
};

/** The simulator's document view per target (xero-sim/admin/document-view.ts). */
const SIMULATOR_KINDS = {
  quote: "quote",
  sales_invoice: "invoice",
  bill: "bill",
  purchase_order: "purchase-order",
  credit_note: "credit-note",
} as const satisfies Record<XeroDocumentLinkTarget, string>;

export function xeroDocumentUrl(
  target: XeroDocumentLinkTarget,
  shortCode: string | null,
  xeroId: string | null,
  /** The simulator's origin while connected to it (lib/xero/web.ts), else null: real Xero. */
  simulator: string | null = null,
): string | null {
  if (!shortCode || !xeroId) return null;
  if (simulator) return simulatorRecordUrl(simulator, shortCode, SIMULATOR_KINDS[target], xeroId);
  if (target === "quote") {
    return `https://go.xero.com/app/${encodeURIComponent(shortCode)}/quotes/view/${encodeURIComponent(xeroId)}`;
  }
  return xeroDeepLink(shortCode, CLASSIC_PATHS[target](encodeURIComponent(xeroId)));
}
