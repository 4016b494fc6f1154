"use server";

import { revalidatePath } from "next/cache";
import { ActionError, authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { recordExists } from "@/lib/db/queries/record-exists";
import { acceptDrift, getReadBackFields } from "@/lib/db/queries/read-back";
import { listSyncStatesIn } from "@/lib/db/queries/sync-states";
import { bulkProgress, startBulkRun } from "@/lib/sync/bulk-progress";
import { emailInvoiceFromXero, onlineInvoiceLink } from "@/lib/sync/deliver-document";
import { enqueueBulkSend, sendDocumentsNow } from "@/lib/sync/enqueue";
import { readBackStampOf, SYNC_DOCUMENT_LABELS } from "@/lib/sync/view";
import {
  emailFromXeroSchema,
  onlineInvoiceLinkSchema,
  queueSendAllUnsentSchema,
  readBackStampSchema,
  bulkSendProgressSchema,
  retryAllFailedSchema,
  sendToXeroSchema,
} from "./schema";

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

/**
 * "Send all unsent" for one type queues one bulk job; the worker's sendAllUnsent sends it in batches
 * of 50. Returns the documents it will take, for the list to follow with {@link bulkSendProgress}.
 */
export const queueSendAllUnsent = authedAction(queueSendAllUnsentSchema, async ({ type }) => {
  const db = getDb();
  const run = await startBulkRun(db, type);
  await db.transaction((tx) => enqueueBulkSend(tx, type));
  revalidatePath("/", "layout");
  return run;
});

/** How far a "Send all unsent" has got: sent, on their way, waiting and failed (with their pages). */
export const bulkSendProgress = authedAction(bulkSendProgressSchema, ({ type, ids, since }) =>
  bulkProgress(getDb(), type, { ids, since: new Date(since) }),
);

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

/** What Factory knows of a document in Xero now, for a Xero card that refreshes when it changes. */
export const readBackStamp = authedAction(readBackStampSchema, async ({ type, id }) =>
  readBackStampOf(await getReadBackFields(getDb(), type, id)),
);

/** "Accept Xero's version": Xero now differs from what Factory sent, and staff know; nothing is sent. */
export const acceptXeroDrift = authedAction(readBackStampSchema, async ({ type, id }) => {
  if (!(await acceptDrift(getDb(), type, id)))
    throw new ActionError("Xero's copy changed again since this page was shown; look at it again.");
  revalidatePath("/", "layout");
});

/** "Copy online invoice link": Xero's link for an approved sales invoice; staff and admins alike. */
export const getOnlineInvoiceLink = authedAction(onlineInvoiceLinkSchema, async ({ type, id }, { user }) => {
  const url = await onlineInvoiceLink(getDb(), { type, id, userId: user.id });
  revalidatePath("/", "layout");
  return { url };
});

/** "Email from Xero": Xero emails the approved sales invoice to its contact; staff and admins alike. */
export const emailFromXero = authedAction(emailFromXeroSchema, async (input, { user }) => {
  try {
    await emailInvoiceFromXero(getDb(), { ...input, userId: user.id });
  } finally {
    revalidatePath("/", "layout");
  }
});
