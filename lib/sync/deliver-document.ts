import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { recordExists } from "@/lib/db/queries/record-exists";
import { getSyncState } from "@/lib/db/queries/sync-states";
import type { SyncDocumentType } from "@/lib/db/schema";
import { DomainError } from "@/lib/errors";
import { emailXeroInvoice, getOnlineInvoiceUrl, getXeroPdf } from "@/lib/xero/api/document-delivery";
import { XeroError } from "@/lib/xero/api/errors";
import { withXero } from "@/lib/xero/api/session";
import { deliveryRefusal, pdfFileName, type DeliveryOptions } from "./delivery";
import { ENDPOINT } from "./payload";

/**
 * Getting a document out of Xero for people: its PDF, its online invoice link, or an email from Xero
 * to its contact. Each asks Xero at once (these are reads or one-off sends a person waits for, not
 * sync work), through {@link withXero} and its shared rate budget, and records what happened in the
 * document's history (audit rows; lib/factory/document-history.ts says them in words).
 */

/** The audit actions these write; document-history.ts titles them. */
export const DELIVERY_ACTIONS = {
  pdf: "xero_pdf_downloaded",
  onlineLink: "xero_online_link_copied",
  email: "xero_emailed",
  emailRefused: "xero_email_refused",
} as const;

/** A refusal made here, before Xero is asked (wrong status, not in Xero, no such document). */
export class DeliveryError extends DomainError {
  constructor(message: string) {
    super(message);
    this.name = "DeliveryError";
  }
}

async function xeroIdFor(db: Db, type: SyncDocumentType, id: string, action: keyof DeliveryOptions) {
  if (!(await recordExists(db, type, id))) throw new DeliveryError("That document doesn't exist.");
  const state = await getSyncState(db, type, id);
  const refusal = deliveryRefusal(action, type, state);
  if (refusal || !state?.xeroId) throw new DeliveryError(refusal ?? "It isn't in Xero yet.");
  return state;
}

/** Xero's rendering of the document, with a file name that names it (INV-0042.pdf). */
export async function downloadXeroPdf(
  db: Db,
  input: { type: SyncDocumentType; id: string; userId: string },
): Promise<{ bytes: Buffer; fileName: string }> {
  const state = await xeroIdFor(db, input.type, input.id, "pdf");
  const bytes = await withXero(db, (api) => getXeroPdf(api, ENDPOINT[input.type], state.xeroId ?? ""));
  const fileName = pdfFileName(input.type, state);
  await recordAudit(db, {
    userId: input.userId,
    entityType: input.type,
    entityId: input.id,
    action: DELIVERY_ACTIONS.pdf,
    after: { file: fileName },
  });
  return { bytes, fileName };
}

/** The link a customer opens to see the invoice online. */
export async function onlineInvoiceLink(
  db: Db,
  input: { type: SyncDocumentType; id: string; userId: string },
): Promise<string> {
  const state = await xeroIdFor(db, input.type, input.id, "onlineLink");
  const url = await withXero(db, (api) => getOnlineInvoiceUrl(api, state.xeroId ?? ""));
  await recordAudit(db, {
    userId: input.userId,
    entityType: input.type,
    entityId: input.id,
    action: DELIVERY_ACTIONS.onlineLink,
    after: { url },
  });
  return url;
}

/**
 * Xero emails the invoice to its contact. Xero's refusal (no email address on the contact, say) is
 * kept in the history as well as shown, so whoever looks next sees why no email went.
 */
export async function emailInvoiceFromXero(
  db: Db,
  input: { type: SyncDocumentType; id: string; userId: string; idempotencyKey: string },
): Promise<void> {
  const state = await xeroIdFor(db, input.type, input.id, "email");
  const audit = { userId: input.userId, entityType: input.type, entityId: input.id };
  try {
    await withXero(db, (api) => emailXeroInvoice(api, state.xeroId ?? "", input.idempotencyKey));
  } catch (error) {
    if (error instanceof XeroError && (error.kind === "validation" || error.kind === "locked")) {
      await recordAudit(db, {
        ...audit,
        action: DELIVERY_ACTIONS.emailRefused,
        after: { reason: error.message },
      });
    }
    throw error;
  }
  await recordAudit(db, { ...audit, action: DELIVERY_ACTIONS.email, after: { number: state.xeroNumber } });
}
