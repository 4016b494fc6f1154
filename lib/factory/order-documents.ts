import type { Db, Executor } from "@/lib/db/client";
import { getSyncState } from "@/lib/db/queries/sync-states";
import type { DocumentLineKind, DocumentSyncState } from "@/lib/db/schema";
import { missingRecordMessage, RecordError, staleRecordMessage } from "@/lib/errors";
import { recordFactoryEvent } from "@/lib/sync/events";
import { xeroEditRefusal } from "@/lib/sync/planner";

/**
 * Editing the documents an order raises: invoices (from sales orders) and bills (from purchase
 * orders). What may change is what leaves the order's sums alone — dates due, references, notes and
 * the item lines' descriptions — so the order's invoices (bills) keep adding up to it exactly
 * (lib/factory/order-remainder.ts). An edit is refused once the document is paid or voided in Factory,
 * or Xero no longer accepts changes to it (`xeroEditRefusal`, the planner's rule); otherwise it is
 * saved with its audit row and its sync job in one transaction, and the worker sends the document
 * as it now is to Xero as an update.
 */

interface DocumentRow<Status> {
  id: string;
  number: string;
  version: number;
  idempotencyKey: string | null;
  status: Status;
}

interface DocumentLineRow {
  id: string;
  position: number;
  kind: DocumentLineKind;
  description: string;
}

/** The editable header fields, as stored (null for an empty optional field). */
type Header = Record<string, string | null> & { dueDate: string };

/** What tells an invoice from a bill when it is edited. */
export interface OrderDocumentKind<Status extends string, Row extends DocumentRow<Status>, H extends Header> {
  noun: "invoice" | "bill";
  recordType: "invoice" | "bill";
  statusLabels: Readonly<Record<Status, string>>;
  canEdit: (status: Status) => boolean;
  /** The document's own date ("invoice date", "bill date"), which its due date can't precede. */
  date: { label: string; of: (row: Row) => string };
  header: (row: Row) => H;
  lock: (tx: Executor, id: string) => Promise<Row | undefined>;
  findLines: (tx: Executor, id: string) => Promise<DocumentLineRow[]>;
  update: (
    tx: Executor,
    id: string,
    changes: H & { idempotencyKey: string; updatedBy: string | null },
  ) => Promise<Row>;
  updateLineDescription: (tx: Executor, id: string, lineId: string, description: string) => Promise<void>;
}

const capitalised = (noun: string) => noun.charAt(0).toUpperCase() + noun.slice(1);

/** Why the document can't be edited now, in a sentence naming it, or null when it can. */
export function orderDocumentEditRefusal<
  Status extends string,
  Row extends DocumentRow<Status>,
  H extends Header,
>(
  kind: OrderDocumentKind<Status, Row, H>,
  row: Pick<Row, "number" | "status">,
  syncState: Pick<DocumentSyncState, "state" | "xeroId" | "xeroStatus" | "lastError"> | undefined,
): string | null {
  const name = `${capitalised(kind.noun)} ${row.number}`;
  if (!kind.canEdit(row.status)) {
    return `${name} is ${kind.statusLabels[row.status].toLowerCase()}, so it can't be changed.`;
  }
  const xero = xeroEditRefusal(kind.recordType, syncState);
  return xero ? `${name} can't be changed: ${xero}` : null;
}

/** One field's value before and after an edit, for the document's history ("line 2" for a line). */
export interface FieldChanges {
  before: Record<string, string | null>;
  after: Record<string, string | null>;
}

/** The fields whose values differ, each with its old and new value; empty when nothing changed. */
export function changedFields(
  before: Record<string, string | null>,
  after: Record<string, string | null>,
): FieldChanges {
  const changes: FieldChanges = { before: {}, after: {} };
  for (const [field, value] of Object.entries(after)) {
    if ((before[field] ?? null) === value) continue;
    changes.before[field] = before[field] ?? null;
    changes.after[field] = value;
  }
  return changes;
}

/**
 * The new descriptions of the document's lines, keyed by line id. Lines the form leaves out keep
 * theirs; a rounding line keeps the description Factory gave it (it says what the line is); a line
 * that isn't the document's is refused.
 */
function lineDescriptions(
  saved: readonly DocumentLineRow[],
  edited: readonly { id: string; description: string }[],
  noun: string,
): Map<string, string> {
  const byId = new Map(saved.map((line) => [line.id, line]));
  const descriptions = new Map<string, string>();
  const fieldErrors: Record<string, string[]> = {};
  edited.forEach((line, index) => {
    const before = byId.get(line.id);
    if (!before) {
      fieldErrors[`lines.${index}.description`] = [`This line is no longer on the ${noun}. Reload the page.`];
    } else if (before.kind === "rounding" && line.description !== before.description) {
      fieldErrors[`lines.${index}.description`] = [
        "A rounding line keeps the description Factory gave it: it says what the line is.",
      ];
    } else if (line.description !== before.description) {
      descriptions.set(line.id, line.description);
    }
  });
  if (Object.keys(fieldErrors).length > 0) throw new RecordError("Some lines need attention.", fieldErrors);
  return descriptions;
}

/**
 * Saves an edited invoice or bill if nobody saved it since the form was opened (a double-submitted
 * form finds its first save), it may still be edited, and its due date is not before its own date.
 * Nothing changed: nothing is written, and nothing is sent.
 */
export async function editOrderDocument<
  Status extends string,
  Row extends DocumentRow<Status>,
  H extends Header,
>(
  kind: OrderDocumentKind<Status, Row, H>,
  db: Db,
  input: {
    id: string;
    version: number;
    idempotencyKey: string;
    lines: readonly { id: string; description: string }[];
  },
  header: H,
  userId: string | null,
): Promise<Row> {
  return db.transaction(async (tx) => {
    const row = await kind.lock(tx, input.id);
    if (!row) throw new RecordError(missingRecordMessage(kind.noun));
    if (row.version !== input.version) {
      if (row.idempotencyKey === input.idempotencyKey) return row;
      throw new RecordError(staleRecordMessage(kind.noun));
    }
    const refusal = orderDocumentEditRefusal(kind, row, await getSyncState(tx, kind.recordType, row.id));
    if (refusal) throw new RecordError(refusal);
    if (header.dueDate < kind.date.of(row)) {
      throw new RecordError("Check the highlighted fields.", {
        dueDate: [`The due date can't be before the ${kind.date.label}.`],
      });
    }

    const saved = await kind.findLines(tx, row.id);
    const descriptions = lineDescriptions(saved, input.lines, kind.noun);
    const lineKey = (line: DocumentLineRow) => `line ${line.position}`;
    const changes = changedFields(
      { ...kind.header(row), ...Object.fromEntries(saved.map((line) => [lineKey(line), line.description])) },
      {
        ...header,
        ...Object.fromEntries(
          saved.flatMap((line) => {
            const description = descriptions.get(line.id);
            return description === undefined ? [] : [[lineKey(line), description]];
          }),
        ),
      },
    );
    if (Object.keys(changes.after).length === 0) return row;

    for (const [lineId, description] of descriptions)
      await kind.updateLineDescription(tx, row.id, lineId, description);
    const updated = await kind.update(tx, row.id, {
      ...header,
      idempotencyKey: input.idempotencyKey,
      updatedBy: userId,
    });
    await recordFactoryEvent(tx, {
      kind: "updated",
      recordType: kind.recordType,
      recordId: row.id,
      userId,
      // An edit of Factory's own notes alone changes nothing Xero holds: the planner skips its
      // send as "unchanged" (lib/sync/planner.ts), with no call.
      ...changes,
    });
    return updated;
  });
}
