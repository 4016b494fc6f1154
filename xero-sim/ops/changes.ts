/**
 * Changes to records that Xero announces by webhook (xero-webhooks.yaml `WebhookEvent`): which
 * organisation, which category, which record, created or updated. Every path that changes such a
 * record (the API's writes, payments, the admin levers) reports it here once; the webhook sender
 * (ops/webhooks.ts) listens. Categories per the spec: CONTACT, INVOICE (invoices and bills; payments
 * and credit allocations show as updates of their invoice), CREDITNOTE.
 */
export type EventCategory = "CONTACT" | "INVOICE" | "CREDITNOTE";
export type EventType = "CREATE" | "UPDATE";

export interface Change {
  tenantId: string;
  category: EventCategory;
  resourceId: string;
  type: EventType;
  /** Epoch milliseconds. */
  at: number;
  /** Extra fields the event carries for its category (credit notes: `{Type, Status}`, spec CreditNoteWebhookEvent). */
  data?: Record<string, unknown>;
}

export class ChangeFeed {
  readonly #listeners = new Set<(change: Change) => void>();

  changed(
    tenantId: string,
    category: EventCategory,
    resourceId: string,
    type: EventType,
    data?: Record<string, unknown>,
  ): void {
    const change: Change = {
      tenantId,
      category,
      resourceId,
      type,
      at: Date.now(),
      ...(data ? { data } : {}),
    };
    for (const listener of this.#listeners) listener(change);
  }

  listen(listener: (change: Change) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
