import { createHmac, randomBytes } from "node:crypto";
import { newId } from "../state/ids.ts";
import type { SimState } from "../state/store.ts";
import type { Change, ChangeFeed, EventCategory } from "./changes.ts";

/**
 * Xero's webhooks, sent by the simulator (developer.xero.com/documentation/guides/webhooks/overview;
 * the payload is xero-webhooks.yaml `WebhookEvent`; docs/xero/api-behaviour.md#webhooks):
 * - a subscription is a delivery URL, a webhook key and the categories chosen; the demo app has one
 *   (as a Xero app has), and an organisation may be given its own for a test;
 * - events are sent only for organisations connected to the app, and only once the URL has passed
 *   "intent to receive": an empty `events` payload sent once correctly signed (answer 200 with an
 *   empty body) and once wrongly signed (answer 401). The simulator runs that check before its first
 *   delivery, or when asked (admin API);
 * - changes close together go out in one delivery (`batchMs`), signed `x-xero-signature =
 *   base64(HMAC-SHA256(key, raw body))`, with `firstEventSequence`/`lastEventSequence` counting up;
 * - anything but a 200 within 5 s is a failure; failed deliveries are retried less and less often
 *   for 24 hours, after which the subscription is disabled. `timeScale` shrinks that schedule (and the
 *   24 hours) for tests.
 */

export interface WebhookOptions {
  /** A subscription for every organisation from the start (the app's own: XERO_SIM_WEBHOOK_URL/_KEY). */
  url?: string;
  key?: string;
  categories?: EventCategory[];
  /** How long changes gather before a delivery goes (Xero sends within seconds). */
  batchMs?: number;
  /** Multiplies the retry schedule and the 24-hour give-up (e.g. 0.001 in tests). */
  timeScale?: number;
  /** How long a receiver has to answer (Xero: 5 s). */
  timeoutMs?: number;
}

export const ALL_CATEGORIES: EventCategory[] = ["CONTACT", "INVOICE", "CREDITNOTE"];
const DEFAULT_BATCH_MS = 1000;
const DEFAULT_TIMEOUT_MS = 5000;
const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;
/** The simulator's schedule ("decreasing frequency"; Xero publishes none): then hourly to 24 h. */
const RETRY_DELAYS_MS = [10_000, 30_000, 60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, 60 * 60_000];
/** The simulator's choice: a delivery carries at most this many events. */
const MAX_EVENTS_PER_DELIVERY = 100;
const LOG_SIZE = 500;
const RESOURCE_PATHS: Record<EventCategory, string> = {
  CONTACT: "Contacts",
  INVOICE: "Invoices",
  CREDITNOTE: "CreditNotes",
};

export interface IntentToReceive {
  at: string;
  passed: boolean;
  /** The answers to the correctly and the wrongly signed payloads (status 0: no answer in time). */
  correct: { status: number; bodyLength: number; setCookie: boolean; error?: string };
  incorrect: { status: number; error?: string };
  problems: string[];
}

interface Subscription {
  /** An organisation's id, or "*" for the app's subscription (every organisation). */
  scope: string;
  url: string;
  key: string;
  categories: EventCategory[];
  status: "awaiting intent to receive" | "enabled" | "disabled";
  sequence: number;
  intent?: IntentToReceive;
  gathering: WebhookEvent[];
  timer?: NodeJS.Timeout;
}

export interface WebhookEvent {
  resourceUrl: string;
  resourceId: string;
  eventDateUtc: string;
  eventType: "CREATE" | "UPDATE";
  eventCategory: EventCategory;
  tenantId: string;
  tenantType: "ORGANISATION";
  data?: Record<string, unknown>;
}

export interface Attempt {
  at: string;
  /** 0 when no answer came (timeout, refused connection). */
  status: number;
  durationMs: number;
  error?: string;
}

export interface Delivery {
  id: string;
  scope: string;
  url: string;
  state: "sending" | "delivered" | "retrying" | "failed";
  firstEventSequence: number;
  lastEventSequence: number;
  events: WebhookEvent[];
  attempts: Attempt[];
  nextAttemptAt?: string;
}

const entropy = () => [...randomBytes(20)].map((b) => String.fromCharCode(65 + (b % 26))).join("");

export function signature(key: string, body: string): string {
  return createHmac("sha256", key).update(body).digest("base64");
}

export class WebhookSender {
  readonly #subscriptions = new Map<string, Subscription>();
  readonly #deliveries: Delivery[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #initial: WebhookOptions;
  readonly #batchMs: number;
  readonly #timeScale: number;
  readonly #timeoutMs: number;
  readonly #state: () => SimState;
  readonly #issuer: () => string;
  #closed = false;

  constructor(
    state: () => SimState,
    issuer: () => string,
    changes: ChangeFeed,
    options: WebhookOptions = {},
  ) {
    this.#state = state;
    this.#issuer = issuer;
    this.#initial = options;
    this.#batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
    this.#timeScale = options.timeScale ?? 1;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#configureInitial();
    changes.listen((change) => this.#record(change));
  }

  #configureInitial(): void {
    if (this.#initial.url && this.#initial.key) {
      this.subscribe("*", {
        url: this.#initial.url,
        key: this.#initial.key,
        categories: this.#initial.categories,
      });
    }
  }

  /** Sets (or replaces) a subscription; it must pass intent to receive again. */
  subscribe(scope: string, input: { url: string; key: string; categories?: EventCategory[] }): Subscription {
    this.unsubscribe(scope);
    const subscription: Subscription = {
      scope,
      url: input.url,
      key: input.key,
      categories: input.categories ?? ALL_CATEGORIES,
      status: "awaiting intent to receive",
      sequence: 0,
      gathering: [],
    };
    this.#subscriptions.set(scope, subscription);
    return subscription;
  }

  unsubscribe(scope: string): boolean {
    const existing = this.#subscriptions.get(scope);
    if (existing?.timer) this.#clear(existing.timer);
    return this.#subscriptions.delete(scope);
  }

  /** What the admin API shows: subscriptions (keys withheld) and the delivery log, oldest first. */
  snapshot() {
    return {
      subscriptions: [...this.#subscriptions.values()].map((s) => ({
        scope: s.scope,
        url: s.url,
        categories: s.categories,
        status: s.status,
        lastEventSequence: s.sequence,
        intentToReceive: s.intent ?? null,
        gathering: s.gathering.length,
      })),
      deliveries: this.#deliveries,
    };
  }

  clearLog(): void {
    this.#deliveries.length = 0;
  }

  /** Back to the subscriptions the simulator started with, nothing gathered, an empty log. */
  reset(): void {
    for (const scope of [...this.#subscriptions.keys()]) this.unsubscribe(scope);
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.clearLog();
    this.#configureInitial();
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Sends what is gathering now instead of after the batch window. */
  async flush(): Promise<void> {
    await Promise.all([...this.#subscriptions.values()].map((s) => this.#send(s)));
  }

  /** Runs intent to receive against a subscription now; a pass enables it. */
  async intentToReceive(scope: string): Promise<IntentToReceive | undefined> {
    const subscription = this.#subscriptions.get(scope);
    return subscription ? this.#intent(subscription) : undefined;
  }

  async #intent(subscription: Subscription): Promise<IntentToReceive> {
    const body = JSON.stringify({
      events: [],
      firstEventSequence: 0,
      lastEventSequence: 0,
      entropy: entropy(),
    });
    const correct = await this.#post(subscription.url, body, signature(subscription.key, body));
    const wrongKey = `${subscription.key}-not-the-key`;
    const incorrect = await this.#post(subscription.url, body, signature(wrongKey, body));
    const answer = (r: { status: number; error?: string }) =>
      r.status ? `was answered ${r.status}` : `got no answer (${r.error ?? "none"})`;
    const problems: string[] = [];
    if (correct.status !== 200) problems.push(`a correctly signed payload ${answer(correct)}, not 200`);
    if (correct.bodyLength > 0) problems.push("the answer to a correctly signed payload had a body");
    if (correct.setCookie) problems.push("the answer set a cookie");
    if (incorrect.status !== 401) problems.push(`a wrongly signed payload ${answer(incorrect)}, not 401`);
    const result: IntentToReceive = {
      at: new Date().toISOString(),
      passed: problems.length === 0,
      correct: {
        status: correct.status,
        bodyLength: correct.bodyLength,
        setCookie: correct.setCookie,
        ...(correct.error ? { error: correct.error } : {}),
      },
      incorrect: { status: incorrect.status, ...(incorrect.error ? { error: incorrect.error } : {}) },
      problems,
    };
    subscription.intent = result;
    if (result.passed && subscription.status !== "disabled") subscription.status = "enabled";
    return result;
  }

  #subscriptionFor(tenantId: string): Subscription | undefined {
    return this.#subscriptions.get(tenantId) ?? this.#subscriptions.get("*");
  }

  #record(change: Change): void {
    const subscription = this.#subscriptionFor(change.tenantId);
    if (!subscription || subscription.status === "disabled" || this.#closed) return;
    if (!subscription.categories.includes(change.category)) return;
    // Xero sends an app events only for the organisations connected to it.
    const connected = [...this.#state().connections.values()].some((c) => c.tenantId === change.tenantId);
    if (!connected) return;
    subscription.gathering.push({
      resourceUrl: `${this.#issuer()}/api.xro/2.0/${RESOURCE_PATHS[change.category]}/${change.resourceId}`,
      resourceId: change.resourceId,
      // The spec's examples give UTC without a zone designator, e.g. 2024-06-21T01:15:39.902.
      eventDateUtc: new Date(change.at).toISOString().slice(0, 23),
      eventType: change.type,
      eventCategory: change.category,
      tenantId: change.tenantId,
      tenantType: "ORGANISATION",
      ...(change.data ? { data: change.data } : {}),
    });
    subscription.timer ??= this.#later(() => {
      subscription.timer = undefined;
      void this.#send(subscription);
    }, this.#batchMs);
  }

  async #send(subscription: Subscription): Promise<void> {
    if (subscription.timer) {
      this.#clear(subscription.timer);
      subscription.timer = undefined;
    }
    while (subscription.gathering.length > 0) {
      const events = subscription.gathering.splice(0, MAX_EVENTS_PER_DELIVERY);
      const first = subscription.sequence + 1;
      subscription.sequence += events.length;
      const delivery: Delivery = {
        id: newId(),
        scope: subscription.scope,
        url: subscription.url,
        state: "sending",
        firstEventSequence: first,
        lastEventSequence: subscription.sequence,
        events,
        attempts: [],
      };
      this.#deliveries.push(delivery);
      if (this.#deliveries.length > LOG_SIZE) this.#deliveries.splice(0, this.#deliveries.length - LOG_SIZE);
      await this.#attempt(subscription, delivery, Date.now());
    }
  }

  /** Whether the subscription is still the one in force (a replaced or removed one sends nothing more). */
  #current(subscription: Subscription): boolean {
    return !this.#closed && this.#subscriptions.get(subscription.scope) === subscription;
  }

  async #attempt(subscription: Subscription, delivery: Delivery, firstAt: number): Promise<void> {
    if (!this.#current(subscription)) return;
    delivery.state = "sending";
    delete delivery.nextAttemptAt;
    const started = Date.now();
    let outcome: { status: number; error?: string };
    if (subscription.status !== "enabled") {
      const intent = await this.#intent(subscription);
      if (!this.#current(subscription)) return;
      outcome = intent.passed
        ? await this.#deliver(subscription, delivery)
        : { status: 0, error: `intent to receive not passed: ${intent.problems.join("; ")}` };
    } else {
      outcome = await this.#deliver(subscription, delivery);
    }
    delivery.attempts.push({
      at: new Date(started).toISOString(),
      status: outcome.status,
      durationMs: Date.now() - started,
      ...(outcome.error ? { error: outcome.error } : {}),
    });
    if (outcome.status === 200) {
      delivery.state = "delivered";
      return;
    }
    const delay = this.#scaled(RETRY_DELAYS_MS[delivery.attempts.length - 1] ?? RETRY_DELAYS_MS.at(-1) ?? 0);
    if (Date.now() + delay - firstAt > this.#scaled(GIVE_UP_AFTER_MS)) {
      delivery.state = "failed";
      subscription.status = "disabled";
      return;
    }
    delivery.state = "retrying";
    delivery.nextAttemptAt = new Date(Date.now() + delay).toISOString();
    this.#later(() => void this.#attempt(subscription, delivery, firstAt), delay);
  }

  async #deliver(
    subscription: Subscription,
    delivery: Delivery,
  ): Promise<{ status: number; error?: string }> {
    const body = JSON.stringify({
      events: delivery.events,
      firstEventSequence: delivery.firstEventSequence,
      lastEventSequence: delivery.lastEventSequence,
      entropy: entropy(),
    });
    return this.#post(subscription.url, body, signature(subscription.key, body));
  }

  async #post(
    url: string,
    body: string,
    signed: string,
  ): Promise<{ status: number; bodyLength: number; setCookie: boolean; error?: string }> {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-xero-signature": signed },
        body,
        signal: AbortSignal.timeout(this.#timeoutMs),
        redirect: "manual",
      });
      const text = await response.text();
      return {
        status: response.status,
        bodyLength: text.length,
        setCookie: response.headers.has("set-cookie"),
      };
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      return {
        status: 0,
        bodyLength: 0,
        setCookie: false,
        error: timedOut ? `no answer within ${this.#timeoutMs} ms` : String((error as Error).cause ?? error),
      };
    }
  }

  #scaled(ms: number): number {
    return Math.max(1, Math.round(ms * this.#timeScale));
  }

  #later(run: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.#timers.add(timer);
    return timer;
  }

  #clear(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.#timers.delete(timer);
  }
}
