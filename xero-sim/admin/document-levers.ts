import type { SimContext } from "../context.ts";
import { json, parseJsonBody, type SimRequest } from "../http/types.ts";
import type { Router } from "../http/router.ts";
import { editDocument, type DocumentType } from "../accounting/document-engine.ts";
import { purchaseOrderType } from "../accounting/purchase-orders.ts";
import { quoteType } from "../accounting/quotes.ts";
import type { DocumentRecord } from "../state/types.ts";

/**
 * Someone editing a quote or purchase order in Xero's own screens: `POST
 * /sim/orgs/{tenantId}/{quotes|purchase-orders}/{id}/edit` with the fields as an API update names
 * them (`LineItems`, `ExpiryDate`, `Status`, …). The same rules as `POST /Quotes/{id}` (refusals
 * included) and the same stored record, UpdatedDateUTC moved; Xero sends no webhook for either, so
 * none goes. Documented in xero-sim/README.md ("Admin API").
 */

/** Quotes and purchase orders carry unit amounts to 2 decimals: neither takes `unitdp` (spec). */
const UNIT_DP = 2;

const KINDS: Record<string, DocumentType<DocumentRecord>> = {
  quotes: quoteType,
  "purchase-orders": purchaseOrderType,
};

function input(req: SimRequest): Record<string, unknown> | null {
  const parsed = parseJsonBody(req);
  return typeof parsed === "object" && parsed !== null && !(parsed instanceof Error) && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : null;
}

export function registerDocumentLevers(router: Router, ctx: SimContext): void {
  for (const [kind, type] of Object.entries(KINDS)) {
    router.add("POST", `/sim/orgs/:tenantId/${kind}/:documentId/edit`, (req, params) => {
      const org = ctx.state.orgs.get((params.tenantId ?? "").toLowerCase());
      if (!org) return json(404, { error: "organisation not found" });
      const fields = input(req);
      if (!fields) return json(400, { error: "the body must be a JSON object of the fields to change" });
      const outcome = editDocument(org, type, params.documentId ?? "", fields, UNIT_DP);
      if (!outcome.ok) {
        const status = outcome.errors.some((e) => e.endsWith("could not be found")) ? 404 : 400;
        return json(status, { error: outcome.errors.join(" "), errors: outcome.errors });
      }
      return json(200, { record: outcome.wire });
    });
  }
}
