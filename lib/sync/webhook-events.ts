import type { Db } from "@/lib/db/client";
import { insertWebhookEvents } from "@/lib/db/queries/read-back";
import type { StoredWebhookEvent } from "@/lib/xero/webhooks";
import { logger } from "@/lib/ops/logger";
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
 * Asking the worker to read them comes after those answers, not before: a 200 promises Xero only that
 * the events are kept (they are, committed), and the read is asked for once the requests are on
 * their way (see {@link EventWriter.askForRead}).
 */
export class EventWriter {
  #queue: Waiting[] = [];
  #flushing = false;
  #askedAt = 0;
  #asking: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly ask: () => Promise<void> = askForReadBack,
  ) {}

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

  /** The read asked for last, settled (for tests and a graceful stop); never rejects. */
  get asking(): Promise<void> {
    return this.#asking ?? Promise.resolve();
  }

  async #flush(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0);
      let added = 0;
      try {
        added = await insertWebhookEvents(
          this.db,
          batch.flatMap((waiting) => waiting.events),
        );
      } catch (error) {
        for (const waiting of batch) waiting.done(error);
        continue;
      }
      for (const waiting of batch) waiting.done();
      if (added > 0) this.askForRead();
    }
    this.#flushing = false;
  }

  /**
   * Queues the read-back job (one waits at a time: the queue's singleton key), without holding up the
   * answers: the events are committed before this is called. Should the job not be queued (the
   * database refuses the send, or this process dies first), the worker's minute schedule of the same
   * job reads every stored event anyway, and the next delivery asks again.
   */
  askForRead(): void {
    if (this.#asking || Date.now() - this.#askedAt < ASKED_RECENTLY_MS) return;
    this.#asking = this.ask()
      .then(
        () => {
          this.#askedAt = Date.now();
        },
        (error: unknown) => {
          logger.warn(
            { err: error },
            "Could not queue the read-back of stored Xero webhook events; the worker's minute schedule will read them.",
          );
        },
      )
      .finally(() => {
        this.#asking = undefined;
      });
  }
}

async function askForReadBack(): Promise<void> {
  const boss = await getSyncProducer();
  await boss.send(READ_BACK_QUEUE, {}, { singletonKey: READ_BACK_KEY, startAfter: GATHER_SECONDS });
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
