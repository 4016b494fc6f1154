"use server";

import { revalidatePath } from "next/cache";
import { ActionError, authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { recordExists } from "@/lib/db/queries/record-exists";
import { listSyncStatesIn } from "@/lib/db/queries/sync-states";
import { enqueueBulkSend, sendDocumentsNow } from "@/lib/sync/enqueue";
import { SYNC_DOCUMENT_LABELS } from "@/lib/sync/view";
import { retryAllFailedSchema, queueSendAllUnsentSchema, sendToXeroSchema } from "./schema";

/** "Send to Xero" / "Resend" / "Retry" on one document; staff and admins alike. */
export const sendToXero = authedAction(sendToXeroSchema, async ({ type, id, resend }) => {
  await getDb().transaction(async (tx) => {
    if (!(await recordExists(tx, type, id)))
      throw new ActionError(
        `That ${SYNC_DOCUMENT_LABELS[type].toLowerCase()} doesn't exist; nothing was sent.`,
      );
    await sendDocumentsNow(tx, type, [id], { newRevision: resend });
  });
  revalidatePath("/", "layout");
});

/** "Send all unsent" for one type queues one bulk job; the worker's sendAllUnsent sends it in batches of 50. */
export const queueSendAllUnsent = authedAction(queueSendAllUnsentSchema, async ({ type }) => {
  await getDb().transaction((tx) => enqueueBulkSend(tx, type));
  revalidatePath("/", "layout");
});

/** "Retry all failed" on the sync log. */
export const retryAllFailed = authedAction(retryAllFailedSchema, async () => {
  const db = getDb();
  const failed = await listSyncStatesIn(db, ["failed"]);
  await db.transaction(async (tx) => {
    for (const { recordType, recordId } of failed) await sendDocumentsNow(tx, recordType, [recordId]);
  });
  revalidatePath("/", "layout");
  return { count: failed.length };
});
