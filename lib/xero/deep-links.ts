/**
 * Links that open a record in the right Xero organisation. Xero's documented form goes through
 * `organisationlogin` with the organisation's ShortCode, so someone with several organisations lands
 * in the one Factory books into (developer.xero.com/documentation/guides/how-to-guides/deep-link-xero;
 * docs/xero/api-behaviour.md#deep-links). Contacts use the new view path Xero recommends.
 */
const XERO_LOGIN = "https://go.xero.com/organisationlogin/default.aspx";

/**
 * Where a record opens while Factory is connected to the simulator instead of Xero: the simulator's
 * own page for it (xero-sim/admin/document-view.ts). `simulator` is its origin (xeroSimulatorOrigin),
 * null when connected to real Xero.
 */
export function simulatorRecordUrl(
  simulator: string,
  shortCode: string,
  kind: "quote" | "invoice" | "bill" | "purchase-order" | "credit-note" | "contact",
  id: string,
): string {
  return `${simulator}/sim/view/${encodeURIComponent(shortCode)}/${kind}/${encodeURIComponent(id)}`;
}

export function xeroDeepLink(shortCode: string, path: string): string {
  // Xero's examples leave the redirect path unencoded (it is a path, not a query value).
  return `${XERO_LOGIN}?shortcode=${encodeURIComponent(shortCode)}&redirecturl=${path}`;
}

export function xeroContactUrl(
  shortCode: string,
  contactId: string,
  simulator: string | null = null,
): string {
  if (simulator) return simulatorRecordUrl(simulator, shortCode, "contact", contactId);
  return xeroDeepLink(shortCode, `/Contacts/View/${encodeURIComponent(contactId)}`);
}
