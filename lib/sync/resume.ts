import type { Db } from "@/lib/db/client";
import { loadSyncDocument } from "@/lib/db/queries/sync-documents";
import { listStaleSyncStates, listSyncStatesIn } from "@/lib/db/queries/sync-states";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import type { SyncDocumentType } from "@/lib/db/schema";
import { applyDefaultMappings } from "@/lib/linking/default-mappings";
import { sendDocumentsNow } from "./enqueue";

/** A document queued or sending for this long with no live lease has lost its job; queue it again. */
const STALE_MS = 5 * 60_000;

/**
 * Lets held documents go again once their reason has gone: everything waiting for a reconnect when
 * the connection works again, a document waiting for its contact once the party is linked, and any
 * document whose job was lost. Runs every minute on the worker; the reconnect flow may call it too.
 */
export async function resumeHeldDocuments(db: Db): Promise<number> {
  const ready: { recordType: SyncDocumentType; recordId: string }[] = [];
  const connection = await getXeroConnection(db);
  if (connection?.status === "connected") ready.push(...(await listSyncStatesIn(db, ["waiting_reconnect"])));
  for (const held of await listSyncStatesIn(db, ["waiting_for_contact"])) {
    const doc = await loadSyncDocument(db, held.recordType, held.recordId);
    if (doc?.party.xeroContactId) ready.push(held);
  }
  ready.push(...(await listStaleSyncStates(db, STALE_MS)));
  for (const { recordType, recordId } of ready) {
    await db.transaction((tx) => sendDocumentsNow(tx, recordType, [recordId]));
  }
  return ready.length;
}

/**
 * After a (re)connect: fills unset account and tax mappings from the organisation (so documents can
 * flow at once; the admin can change them), then sends what was held while Xero was disconnected
 * straight away rather than at the next minute's sweep. Failures are logged, never shown as a failed
 * connect: the Xero page still offers the settings, and the sweep retries the sending.
 */
export async function afterXeroConnect(db: Db, userId: string): Promise<void> {
  try {
    await applyDefaultMappings(db, userId);
  } catch (error) {
    console.error("[xero] default mappings not applied:", error instanceof Error ? error.message : error);
  }
  try {
    await resumeHeldDocuments(db);
  } catch (error) {
    console.error("[sync] resuming held documents failed:", error instanceof Error ? error.message : error);
  }
}
