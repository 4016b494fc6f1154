import type { PgBoss } from "pg-boss";
import type { Db, Executor } from "@/lib/db/client";
import { setProductItemUpdate } from "@/lib/db/queries/xero-links";
import { updateItemFromProduct } from "@/lib/linking/item-updates";
import { executorDatabase, getSyncProducer } from "./boss";

/**
 * `ITEM_UPDATE_QUEUE`: a product's edit goes on to its Xero item (lib/linking/item-updates.ts). The
 * job names the product, not a payload, so the item gets the product as it is when the job runs;
 * one job per product waits at a time (stately + singleton key), so quick edits cost one update.
 */
export const ITEM_UPDATE_QUEUE = "xero-update-item";

const ensured = new WeakSet<PgBoss>();

async function ensureItemQueue(boss: PgBoss): Promise<void> {
  if (ensured.has(boss)) return;
  await boss.createQueue(ITEM_UPDATE_QUEUE, {
    policy: "stately",
    retryLimit: 8,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 600,
    expireInSeconds: 180,
  });
  ensured.add(boss);
}

/** Queues the item update in the caller's transaction (the outbox), and says so on the product. */
export async function enqueueItemUpdate(tx: Executor, productId: string): Promise<void> {
  await setProductItemUpdate(tx, productId, { state: "queued", message: null, at: new Date().toISOString() });
  const boss = await getSyncProducer();
  await ensureItemQueue(boss);
  await boss.send(ITEM_UPDATE_QUEUE, { productId }, { singletonKey: productId, db: executorDatabase(tx) });
}

/** Registers the item update handler on a worker's pg-boss. */
export async function registerItemJobs(
  boss: PgBoss,
  db: Db,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<void> {
  await ensureItemQueue(boss);
  await boss.work<{ productId: string }>(
    ITEM_UPDATE_QUEUE,
    { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5, batchSize: 1 },
    async ([job]) => {
      if (job) await updateItemFromProduct(db, job.data.productId);
    },
  );
}
