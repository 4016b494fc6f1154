import {
  bigserial,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/** The Factory documents that go to Xero (docs/sync.md#what-flows-to-xero); contacts and items sync through their links. */
export const syncDocumentType = pgEnum("sync_document_type", [
  "quote",
  "sales_order",
  "invoice",
  "purchase_order",
  "bill",
  "credit_note",
  "supplier_credit",
]);
export type SyncDocumentType = (typeof syncDocumentType.enumValues)[number];

/**
 * Where a document stands with Xero. `waiting_reconnect` and `waiting_for_contact` hold the
 * document without failing it; `waiting_for_xero` means Xero could not answer (unreachable, 5xx,
 * timeout) and the document goes again by itself at `nextAttemptAt`, however long that takes;
 * `failed` waits for a person (only Xero's definite refusals, with Xero's message kept); `locked`
 * means Xero no longer accepts edits (paid, voided, deleted), so nothing retries.
 */
export const syncState = pgEnum("sync_state", [
  "not_sent",
  "queued",
  "sending",
  "sent",
  "failed",
  "waiting_reconnect",
  "waiting_for_contact",
  "locked",
  "waiting_for_xero",
]);
export type SyncState = (typeof syncState.enumValues)[number];

/** A create whose answer may have been lost: resent byte for byte with its key until Xero answers. */
export interface PendingCreate {
  idempotencyKey: string;
  revision: number;
  payload: unknown;
  /** Set when the create went in a bulk batch: the document's place in it, to rebuild the same body. */
  batchIndex?: number;
  /** What the payload shortened to Xero's limits, kept for the Xero card when the create is replayed. */
  notes?: string[];
}

/** A document as Factory sent it, in the terms drift compares (money as 2-dp strings, dates YYYY-MM-DD). */
export interface SentSnapshot {
  contactId: string | null;
  date: string | null;
  dueDate: string | null;
  status: string | null;
  total: string | null;
  lines: { description: string; quantity: string; unitAmount: string; lineAmount: string }[];
}

/** One field where Xero's copy differs from what Factory sent. */
export interface DriftDifference {
  field: string;
  factory: string | null;
  xero: string | null;
}

/** One row per Factory document that has ever been evented or sent. */
export const documentSyncStates = pgTable(
  "document_sync_states",
  {
    recordType: syncDocumentType().notNull(),
    recordId: uuid().notNull(),
    state: syncState().notNull().default("not_sent"),
    /** Bumped by every Factory change (create, edit, generate, convert) and by "Resend". */
    revision: integer().notNull().default(1),
    /** The revision Xero last accepted; equal to `revision` when Xero is up to date. */
    sentRevision: integer(),
    xeroId: uuid(),
    xeroNumber: text(),
    /** Xero's own status word (DRAFT, AUTHORISED, PAID, …) as of the last answer. */
    xeroStatus: text(),
    /** Xero's Total and Factory's total at the revision sent; they differ only by rounding. */
    xeroTotal: numeric({ precision: 16, scale: 2 }),
    factoryTotal: numeric({ precision: 16, scale: 2 }),
    /**
     * Xero's CurrencyRate on a foreign-currency document (units of its currency per unit of the base
     * currency, up to 6 decimals per the spec); null in the base currency or before Xero answered.
     */
    xeroCurrencyRate: numeric({ precision: 18, scale: 6 }),
    /**
     * What Factory had to shorten to Xero's limits in the revision Xero last accepted (a reference
     * saved before the form left room for the document's number, say): shown on the Xero card.
     */
    xeroNotes: jsonb().$type<string[]>(),
    /**
     * What Xero says became of the document after Factory sent it (read back from webhooks or the
     * poller, lib/sync/read-back.ts): amounts paid, due and credited (2 dp, in the document's
     * currency), the day it was fully paid and the due date Xero holds. Null until first read back.
     */
    xeroAmountPaid: numeric({ precision: 16, scale: 2 }),
    xeroAmountDue: numeric({ precision: 16, scale: 2 }),
    xeroAmountCredited: numeric({ precision: 16, scale: 2 }),
    xeroPaidOn: date({ mode: "string" }),
    xeroDueDate: date({ mode: "string" }),
    /**
     * Xero's UpdatedDateUTC of the copy last read back: a read older than this one changes nothing,
     * so out-of-order and replayed events apply at most once.
     */
    xeroUpdatedAt: timestamp({ withTimezone: true }),
    /** When Factory last read the document back from Xero. */
    readBackAt: timestamp({ withTimezone: true }),
    /** What Factory sent in the revision Xero last accepted, in the terms drift compares (lines, totals, contact, dates). */
    sentSnapshot: jsonb().$type<SentSnapshot>(),
    /** Where Xero's copy no longer matches `sentSnapshot` (someone edited it in Xero); null when it matches. */
    xeroDrift: jsonb().$type<DriftDifference[]>(),
    /** The differences staff accepted ("Xero now differs"); the card stays quiet until Xero's copy changes again. */
    xeroDriftAccepted: jsonb().$type<DriftDifference[]>(),
    /**
     * A hash of the document's payload as Factory last sent it whole and Xero accepted it (create,
     * update, take-over, status step): an update that would send the same payload again is skipped
     * (the planner's "unchanged"). Cleared by "Resend", which sends Factory's version regardless.
     */
    sentPayloadHash: text(),
    lastSentAt: timestamp({ withTimezone: true }),
    lastAttemptAt: timestamp({ withTimezone: true }),
    /** Xero's own words when it refused, or why the document waits. */
    lastError: text(),
    /** Attempts since the last success; only a success sets it back. */
    attempts: integer().notNull().default(0),
    /**
     * When a document waiting for Xero (an outage, or Xero's rate limit) goes again; its job is
     * scheduled for then, and the minute's sweep re-queues any whose job was lost.
     */
    nextAttemptAt: timestamp({ withTimezone: true }),
    pendingCreate: jsonb().$type<PendingCreate>(),
    /**
     * Held by whichever worker is sending this document (a single send or a bulk batch); a worker
     * killed mid-send leaves a lease that simply runs out.
     */
    leaseUntil: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.recordType, table.recordId] }),
    index("document_sync_states_state_idx").on(table.state, table.recordType),
    index("document_sync_states_xero_id_idx").on(table.xeroId),
  ],
);

export type DocumentSyncState = typeof documentSyncStates.$inferSelect;

export const syncOutcome = pgEnum("sync_outcome", [
  "success",
  "retrying",
  "failed",
  "waiting",
  "locked",
  "skipped",
]);
export type SyncOutcome = (typeof syncOutcome.enumValues)[number];

/** Every attempt to send a document, for `/xero/sync-log` (certification: sync logs, error handling). */
export const syncLog = pgTable(
  "sync_log",
  {
    id: uuid().primaryKey().defaultRandom(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    recordType: syncDocumentType().notNull(),
    recordId: uuid().notNull(),
    /** The Factory number at the time (SO-00042), so the log reads without joins. */
    recordNumber: text(),
    /** create, update, bulk create, … */
    operation: text().notNull(),
    outcome: syncOutcome().notNull(),
    durationMs: integer().notNull(),
    /** Xero's own message, or ours when we held the document. */
    message: text(),
    attempt: integer().notNull(),
    httpStatus: integer(),
    xeroId: uuid(),
  },
  (table) => [
    index("sync_log_at_idx").on(table.at),
    index("sync_log_record_idx").on(table.recordType, table.recordId, table.at),
    index("sync_log_outcome_idx").on(table.outcome, table.at),
  ],
);

export type SyncLogEntry = typeof syncLog.$inferSelect;

/**
 * Per organisation: a pause every process honours (Xero's Retry-After after a 429). The row is also
 * what callers lock to take a slot, so admission is serialised per organisation across machines.
 */
export const xeroRateBudgets = pgTable("xero_rate_budgets", {
  tenantId: text().primaryKey(),
  pausedUntil: timestamp({ withTimezone: true }),
  pauseReason: text(),
  /**
   * The organisation's daily call limit as Xero's own `X-DayLimit-Remaining` implies it (Xero's
   * smaller tiers allow fewer than 5,000 calls a day), learned at `dayLimitAt`; null until a
   * response carried the header.
   */
  dayLimit: integer(),
  dayLimitAt: timestamp({ withTimezone: true }),
});

/**
 * Calls made (or in flight) per organisation, the shared ledger for Xero's limits: in flight =
 * unfinished rows whose lease is live; per minute and per day = rows that ended (their answer
 * arrived, or their lease ran out) within the window, and those in flight
 * (lib/db/queries/xero-rate-budget.ts).
 */
export const xeroApiCalls = pgTable(
  "xero_api_calls",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    tenantId: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    /** A process killed mid-call never finishes its row; the lease frees the slot anyway. */
    leaseUntil: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [index("xero_api_calls_tenant_started_idx").on(table.tenantId, table.startedAt)],
);

/**
 * Xero's webhook events, each stored once. Xero's events carry no id of their own (the webhooks
 * spec's WebhookEvent has resourceId, eventDateUtc, eventType, eventCategory, tenantId and tenantType),
 * so `id` is derived: a SHA-256 of tenant, category, type, resource and event date
 * (lib/sync/webhook-events.ts). A redelivered event has the same id and is stored no second time.
 */
export const xeroWebhookEvents = pgTable(
  "xero_webhook_events",
  {
    id: text().primaryKey(),
    tenantId: text().notNull(),
    /** INVOICE, CONTACT, CREDITNOTE, … */
    category: text().notNull(),
    /** CREATE or UPDATE. */
    eventType: text().notNull(),
    resourceId: uuid().notNull(),
    eventDate: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When the worker read the resource back; null while it waits. */
    processedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index("xero_webhook_events_pending_idx").on(table.processedAt, table.category, table.receivedAt),
  ],
);

/**
 * Per organisation and Xero resource (Invoices, CreditNotes, …): how far the poller has read, as
 * the newest UpdatedDateUTC it saw (sent back as If-Modified-Since), and when it last polled.
 */
export const xeroReadCursors = pgTable(
  "xero_read_cursors",
  {
    tenantId: text().notNull(),
    resource: text().notNull(),
    modifiedSince: timestamp({ withTimezone: true }),
    polledAt: timestamp({ withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.resource] })],
);
