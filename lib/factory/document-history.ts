import type { AuditEvent, SyncLogEntry } from "@/lib/db/schema";
import { formatDay } from "@/lib/ui/dates";

/**
 * A document's history as people read it: what Factory staff did to it (the audit rows written with
 * each change, lib/sync/events.ts) and what each send to Xero came to (the sync log), newest first.
 */

export interface HistoryEntry {
  id: string;
  at: Date;
  /** "Edited by Ana Smith", "Sent to Xero (update)". */
  title: string;
  /** What an edit changed, one field a line; Xero's message for a send. */
  details: string[];
  tone: "neutral" | "success" | "warning" | "danger";
}

const FIELD_LABELS: Record<string, string> = {
  dueDate: "Due date",
  reference: "Reference",
  notes: "Notes",
  supplierInvoiceNumber: "Supplier invoice number",
};

/** "line 2" → "Line 2"; known fields by their labels; anything else as stored. */
const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field.replace(/^line (\d+)$/, "Line $1");

const shown = (value: unknown) =>
  value === null || value === undefined || value === ""
    ? "(empty)"
    : `“${typeof value === "string" ? value : JSON.stringify(value)}”`;

/** One line per changed field: `Due date: “2026-12-20” → “2027-01-10”`. */
export function changeDetails(before: unknown, after: unknown): string[] {
  if (!after || typeof after !== "object") return [];
  const old = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  return Object.entries(after as Record<string, unknown>).map(
    ([field, value]) => `${fieldLabel(field)}: ${shown(old[field])} → ${shown(value)}`,
  );
}

const ACTION_TITLES: Record<string, string> = {
  created: "Created",
  updated: "Edited",
  invoice_generated: "Generated",
  converted_to_bill: "Converted",
  voided: "Voided",
};

/**
 * What people got out of Xero for the document (lib/sync/deliver-document.ts): each row's title, its
 * tone, and the detail shown from what it stored.
 */
const DELIVERY: Record<
  string,
  { title: string; tone: HistoryEntry["tone"]; detail: (after: Record<string, unknown>) => string | null }
> = {
  xero_pdf_downloaded: { title: "PDF downloaded from Xero", tone: "neutral", detail: () => null },
  xero_online_link_copied: {
    title: "Online invoice link copied",
    tone: "neutral",
    detail: (after) => (typeof after.url === "string" ? after.url : null),
  },
  xero_emailed: {
    title: "Emailed from Xero",
    tone: "success",
    detail: () => "Xero sent it to the customer's email address in Xero.",
  },
  xero_email_refused: {
    title: "Xero did not email it",
    tone: "danger",
    detail: (after) => (typeof after.reason === "string" ? after.reason : null),
  },
};

/** What Factory took from Xero's copy (lib/db/queries/read-back.ts): said as Xero's doing, by no one. */
const FROM_XERO: Record<string, { title: string; tone: HistoryEntry["tone"] }> = {
  xero_paid: { title: "Paid in Xero", tone: "success" },
};

const OUTCOME: Record<SyncLogEntry["outcome"], { title: string; tone: HistoryEntry["tone"] }> = {
  success: { title: "Sent to Xero", tone: "success" },
  retrying: { title: "Xero could not be reached", tone: "warning" },
  waiting: { title: "Waiting to send to Xero", tone: "warning" },
  failed: { title: "Xero refused it", tone: "danger" },
  locked: { title: "Locked in Xero", tone: "neutral" },
  skipped: { title: "Not sent to Xero", tone: "neutral" },
};

/**
 * Merges a document's audit rows and sync log into one history, newest first. `origin` names what
 * the document was made from ("from sales order SO-00012"), said on its first row.
 */
export function documentHistory(
  audit: readonly AuditEvent[],
  log: readonly SyncLogEntry[],
  names: ReadonlyMap<string, string>,
  origin?: string,
): HistoryEntry[] {
  const who = (userId: string | null) => (userId ? (names.get(userId) ?? "a former user") : "Factory");
  const changes = audit.map((event): HistoryEntry => {
    const delivery = DELIVERY[event.action];
    if (delivery) {
      const detail = delivery.detail((event.after ?? {}) as Record<string, unknown>);
      return {
        id: `audit-${event.id}`,
        at: event.at,
        title: `${delivery.title} by ${who(event.userId)}`,
        details: detail ? [detail] : [],
        tone: delivery.tone,
      };
    }
    const fromXero = FROM_XERO[event.action];
    if (fromXero) {
      const paidOn = (event.after as { paidOn?: unknown } | null)?.paidOn;
      return {
        id: `audit-${event.id}`,
        at: event.at,
        title: fromXero.title,
        details:
          typeof paidOn === "string" ? [`Fully paid on ${formatDay(paidOn)}, as Xero records it.`] : [],
        tone: fromXero.tone,
      };
    }
    const made = event.action === "invoice_generated" || event.action === "converted_to_bill";
    const title = ACTION_TITLES[event.action] ?? event.action;
    return {
      id: `audit-${event.id}`,
      at: event.at,
      title: `${title}${made && origin ? ` ${origin}` : ""} by ${who(event.userId)}`,
      details: changeDetails(event.before, event.after),
      tone: "neutral",
    };
  });
  const sends = log.map((entry): HistoryEntry => {
    const outcome = OUTCOME[entry.outcome];
    return {
      id: `sync-${entry.id}`,
      at: entry.at,
      title: `${outcome.title} (${entry.operation})`,
      details: entry.message ? [entry.message] : [],
      tone: outcome.tone,
    };
  });
  return [...changes, ...sends].sort((a, b) => b.at.getTime() - a.at.getTime());
}
