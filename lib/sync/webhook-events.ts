import type { Db } from "@/lib/db/client";
import { insertWebhookEvents } from "@/lib/db/queries/read-back";
import type { StoredWebhookEvent } from "@/lib/xero/webhooks";
import { getSyncProducer } from "./boss";
import { READ_BACK_KEY, READ_BACK_QUEUE } from "./queues";

/**
 * A burst of deliveries waits this long for the rest of the burst, so the worker reads the
 * documents in full batches rather than one call per delivery.
 */
const GATHER_SECONDS = 1;
/**
 * A job asked for less than this long ago has not started yet (it starts {@link GATHER_SECONDS}
 * after), so events stored now will be in its read: no need to ask again.
 */
const ASKED_RECENTLY_MS = 500;

interface Waiting {
  events: readonly StoredWebhookEvent[];
  done: (error?: unknown) => void;
}

/**
 * Deliveries that arrive together (Xero retrying a backlog, a burst of payments) are stored with one
 * statement: each request waits for the statement holding its events to commit, then is answered.
 */
class EventWriter {
  #queue: Waiting[] = [];
  #flushing = false;
  #askedAt = 0;

  constructor(private readonly db: Db) {}

  store(events: readonly StoredWebhookEvent[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({
        events,
        done: (error) =>
          error === undefined
            ? resolve()
            : reject(error instanceof Error ? error : new Error("Storing the events failed")),
      });
      if (!this.#flushing) setImmediate(() => void this.#flush());
      this.#flushing = true;
    });
  }

  async #flush(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0);
      try {
        const added = await insertWebhookEvents(
          this.db,
          batch.flatMap((waiting) => waiting.events),
        );
        if (added > 0) await this.#askForRead();
        for (const waiting of batch) waiting.done();
      } catch (error) {
        for (const waiting of batch) waiting.done(error);
      }
    }
    this.#flushing = false;
  }

  /**
   * Queues the read-back job (one waits at a time: the queue's singleton key). Should this process
   * die between storing and asking, the worker's minute schedule reads the stored events anyway.
   */
  async #askForRead(): Promise<void> {
    if (Date.now() - this.#askedAt < ASKED_RECENTLY_MS) return;
    const boss = await getSyncProducer();
    await boss.send(READ_BACK_QUEUE, {}, { singletonKey: READ_BACK_KEY, startAfter: GATHER_SECONDS });
    this.#askedAt = Date.now();
  }
}

const writers = new WeakMap<Db, EventWriter>();

/**
 * Stores Xero's events once each (a replay has the same id) and, when any is new, queues the
 * read-back job. Nothing is read from Xero here, so the webhook is answered as soon as the events are
 * stored.
 */
export async function storeWebhookEvents(db: Db, events: readonly StoredWebhookEvent[]): Promise<void> {
  if (events.length === 0) return;
  let writer = writers.get(db);
  if (!writer) {
    writer = new EventWriter(db);
    writers.set(db, writer);
  }
  await writer.store(events);
}
