import type { Db } from "@/lib/db/client";
import { insertWebhookEvents } from "@/lib/db/queries/read-back";
import type { StoredWebhookEvent } from "@/lib/xero/webhooks";
import { executorDatabase, getSyncProducer } from "./boss";
import { READ_BACK_KEY, READ_BACK_QUEUE } from "./queues";

/**
 * A burst of deliveries waits this long for the rest of the burst, so the worker reads the
 * documents in full batches rather than one call per delivery.
 */
const GATHER_SECONDS = 1;

/**
 * Stores Xero's events once each and, when any is new, queues the read-back job, in one
 * transaction: nothing is read from Xero here, so the webhook is answered at once. Returns how
 * many events were new.
 */
export async function storeWebhookEvents(db: Db, events: readonly StoredWebhookEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const boss = await getSyncProducer();
  return db.transaction(async (tx) => {
    const added = await insertWebhookEvents(tx, events);
    if (added > 0) {
      await boss.send(
        READ_BACK_QUEUE,
        {},
        { singletonKey: READ_BACK_KEY, startAfter: GATHER_SECONDS, db: executorDatabase(tx) },
      );
    }
    return added;
  });
}
