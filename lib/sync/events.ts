import type { Executor } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";

/** The Factory records that can flow to Xero (design.md §1). */
export type SyncedRecordType =
  "customer" | "supplier" | "quote" | "sales_order" | "invoice" | "purchase_order" | "bill";

export type FactoryEventKind = "created" | "updated" | "invoice_generated" | "converted_to_bill";

export interface FactoryEvent {
  kind: FactoryEventKind;
  recordType: SyncedRecordType;
  recordId: string;
  userId: string | null;
}

/**
 * Called by every create, edit, generate and convert inside the same transaction as the change, so
 * whatever must follow the change (the audit trail, and the Xero sync job: an outbox) commits or rolls
 * back with it.
 */
export async function recordFactoryEvent(tx: Executor, event: FactoryEvent): Promise<void> {
  await recordAudit(tx, {
    userId: event.userId,
    entityType: event.recordType,
    entityId: event.recordId,
    action: event.kind,
  });
}
