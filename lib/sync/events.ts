import type { Executor } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { getXeroSettings } from "@/lib/db/queries/xero-settings";
import { noteDocumentChange } from "@/lib/db/queries/sync-states";
import type { SyncDocumentType } from "@/lib/db/schema";
import { enqueueContactSync } from "./contact-jobs";
import { enqueueDocuments } from "./enqueue";

/** The Factory records that can flow to Xero (docs/sync.md#what-flows-to-xero). */
export type SyncedRecordType =
  | "customer"
  | "supplier"
  | "quote"
  | "sales_order"
  | "invoice"
  | "purchase_order"
  | "bill"
  | "credit_note"
  | "supplier_credit";

export type FactoryEventKind = "created" | "updated" | "invoice_generated" | "converted_to_bill" | "voided";

export interface FactoryEvent {
  kind: FactoryEventKind;
  recordType: SyncedRecordType;
  recordId: string;
  userId: string | null;
  /** What an edit changed, field by field, for the record's history. */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

const AUTO_SEND_SETTING = {
  quote: "autoSendQuotes",
  sales_order: "autoSendSalesOrders",
  invoice: "autoSendInvoices",
  purchase_order: "autoSendPurchaseOrders",
  bill: "autoSendBills",
  credit_note: "autoSendCreditNotes",
  supplier_credit: "autoSendSupplierCredits",
} as const satisfies Record<SyncDocumentType, string>;

/**
 * Called by every create, edit, generate and convert inside the same transaction as the change, so
 * whatever must follow the change commits or rolls back with it: the audit row, and for documents
 * the outbox — the sync state's new revision and, when the type's auto-send switch is on (or the
 * document is already in Xero, whose copy must follow its edits), the pg-boss job, inserted through
 * this same transaction. A crash before commit leaves neither; after commit the job is durable.
 */
export async function recordFactoryEvent(tx: Executor, event: FactoryEvent): Promise<void> {
  await recordAudit(tx, {
    userId: event.userId,
    entityType: event.recordType,
    entityId: event.recordId,
    action: event.kind,
    before: event.before,
    after: event.after,
  });
  if (event.recordType === "customer" || event.recordType === "supplier") {
    // A linked contact follows its record's edits (lib/sync/contact-jobs.ts decides what to send).
    if (event.kind === "updated")
      await enqueueContactSync(tx, { kind: event.recordType, id: event.recordId });
    return;
  }
  const settings = await getXeroSettings(tx);
  const queued = await noteDocumentChange(
    tx,
    event.recordType,
    event.recordId,
    settings[AUTO_SEND_SETTING[event.recordType]],
  );
  if (queued) await enqueueDocuments(tx, [{ type: event.recordType, id: event.recordId }]);
}
