import type { Db } from "@/lib/db/client";
import { databaseNow, listDocumentSyncRows, type DocumentSyncRow } from "@/lib/db/queries/sync-document-rows";
import { documentIds } from "@/lib/db/queries/sync-documents";
import { listUnsentIds } from "@/lib/db/queries/sync-states";
import type { SyncDocumentType } from "@/lib/db/schema";
import { documentHref, SYNC_STATE_LABELS } from "./view";

/** What "Send all unsent" is about to send: the unsent documents of the type, as of `since`. */
export interface BulkRun {
  ids: string[];
  /** When it was asked for, on the database's clock (ISO): a document changed since has been taken. */
  since: string;
}

/** The documents "Send all unsent" of `type` will take, read as the button is pressed. */
export async function startBulkRun(db: Db, type: SyncDocumentType): Promise<BulkRun> {
  const since = await databaseNow(db);
  const ids = await listUnsentIds(db, type, await documentIds(db, type));
  return { ids, since: since.toISOString() };
}

/** Where one document of a bulk send stands. */
export type BulkOutcome = "on_its_way" | "sent" | "waiting" | "failed";

/**
 * A document not yet changed since the run began is still on its way (the bulk job has not taken
 * it); after that its sync state says: sent; queued or sending, on its way; failed or locked in
 * Xero, failed; anything else waits (for a contact, a reconnect, Xero itself, or, not sent, with
 * the planner's reason).
 */
export function bulkOutcome(
  row: Pick<DocumentSyncRow, "state" | "updatedAt"> | undefined,
  since: Date,
): BulkOutcome {
  if (!row || row.updatedAt < since) return "on_its_way";
  switch (row.state) {
    case "sent":
      return "sent";
    case "queued":
    case "sending":
      return "on_its_way";
    case "failed":
    case "locked":
      return "failed";
    default:
      return "waiting";
  }
}

/** A document of a bulk send that did not go: its number, page, state and why. */
export interface BulkDocument {
  id: string;
  number: string;
  href: string;
  stateLabel: string;
  message: string | null;
}

export interface BulkProgress {
  total: number;
  sent: number;
  onItsWay: number;
  waiting: BulkDocument[];
  failed: BulkDocument[];
}

/** How far "Send all unsent" has got with the documents it took. */
export async function bulkProgress(
  db: Db,
  type: SyncDocumentType,
  run: { ids: readonly string[]; since: Date },
): Promise<BulkProgress> {
  const rows = new Map(
    (await listDocumentSyncRows(db, { type, ids: run.ids }, run.ids.length)).map((row) => [
      row.recordId,
      row,
    ]),
  );
  const progress: BulkProgress = { total: run.ids.length, sent: 0, onItsWay: 0, waiting: [], failed: [] };
  for (const id of run.ids) {
    const row = rows.get(id);
    const outcome = bulkOutcome(row, run.since);
    if (outcome === "sent") progress.sent++;
    else if (outcome === "on_its_way" || !row) progress.onItsWay++;
    else
      progress[outcome].push({
        id,
        number: row.number,
        href: documentHref(type, id),
        stateLabel: SYNC_STATE_LABELS[row.state],
        message: row.lastError,
      });
  }
  return progress;
}
