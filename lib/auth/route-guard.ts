import type { RecordKind } from "@/lib/db/queries/record-exists";

/**
 * What the dashboard layout decides before any of the page streams, so a refused or missing page
 * answers with its real HTTP status (403, 404) rather than 200: once the layout's loading boundary
 * has sent the shell, a page's own forbidden() or notFound() can only change what is shown. Each page
 * still checks for itself; this only makes the status honest on a full page load.
 */

/** The request header proxy.ts sets (always overwriting) to tell layouts the path being rendered. */
export const PATHNAME_HEADER = "x-factory-pathname";

const ADMIN_ONLY = [/^\/settings(\/|$)/, /^\/xero(?!\/sync-log(\/|$))(\/|$)/];

export function isAdminOnlyPath(pathname: string): boolean {
  return ADMIN_ONLY.some((pattern) => pattern.test(pathname));
}

const RECORD_PAGES: [RegExp, RecordKind][] = [
  [/^\/customers\/([^/]+)(\/[^/]+)?$/, "customer"],
  [/^\/suppliers\/([^/]+)(\/[^/]+)?$/, "supplier"],
  [/^\/products\/([^/]+)(\/[^/]+)?$/, "product"],
  [/^\/quotes\/([^/]+)(\/[^/]+)?$/, "quote"],
  [/^\/sales-orders\/([^/]+)(\/[^/]+)?$/, "sales_order"],
  [/^\/invoices\/([^/]+)(\/[^/]+)?$/, "invoice"],
  [/^\/purchase-orders\/([^/]+)(\/[^/]+)?$/, "purchase_order"],
  [/^\/bills\/([^/]+)(\/[^/]+)?$/, "bill"],
  [/^\/settings\/users\/([^/]+)$/, "user"],
];
const NOT_RECORDS = new Set(["new", "xero-match"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The record a record page's path names: `{ kind, id }`, `{ kind, id: null }` when the segment can't
 * be an id (a 404 without asking the database), or null for paths that are not record pages.
 */
export function recordOfPath(pathname: string): { kind: RecordKind; id: string | null } | null {
  for (const [pattern, kind] of RECORD_PAGES) {
    const segment = pattern.exec(pathname)?.[1];
    if (segment === undefined || NOT_RECORDS.has(segment)) continue;
    return { kind, id: UUID.test(segment) ? segment : null };
  }
  return null;
}
