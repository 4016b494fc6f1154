import type { Db, Executor } from "@/lib/db/client";
import { forgetDeletedXeroCopy } from "@/lib/db/queries/sync-states";
import { recordFactoryEvent } from "@/lib/sync/events";
import type { DocumentLineValues } from "./document-fields";
import { diffOrderLines, type DocumentAmounts, type PricedLine } from "./document-lines";
import { requireEnabledCurrency } from "./currency-settings";
import { preparedLines, requireParty } from "./document-save";
import type { TaxMode } from "@/lib/db/schema";
import { missingRecordMessage, RecordError, staleRecordMessage } from "@/lib/errors";
import { planPartial, progressState, type PlannedLine, type ProgressState } from "./remaining";

interface OrderRow<Status> {
  id: string;
  version: number;
  idempotencyKey: string | null;
  status: Status;
}

interface OrderLineRow {
  id: string;
  quantity: string;
  description: string;
  productId: string | null;
}

/** What every order write sets; an edit adds the kind's own header fields. */
type OrderChanges<Status> = Partial<DocumentAmounts> & {
  status: Status;
  updatedBy: string | null;
  idempotencyKey?: string;
};

/**
 * What tells a sales order from a purchase order in the flows they share: editing, changing status,
 * and taking lines onto an invoice or a bill. The header fields, the line prices (unit price vs unit
 * cost) and the invoice or bill written stay in `sales-orders.ts` and `purchase-orders.ts`.
 */
export interface OrderKind<
  Status extends string,
  Order extends OrderRow<Status>,
  Line extends OrderLineRow,
  LineValues,
  Header,
> {
  noun: "sales order" | "purchase order";
  recordType: "sales_order" | "purchase_order";
  party: "customer" | "supplier";
  /** The documents an order raises, which count as "done" on its lines. */
  documents: { one: "invoice" | "bill"; many: "invoices" | "bills"; done: "invoiced" | "billed" };
  statusLabels: Readonly<Record<Status, string>>;
  canEdit: (status: Status) => boolean;
  statusChoices: (status: Status) => readonly Status[];
  statusAfter: (status: Status, progress: ProgressState) => Status;
  partyIdOf: (order: Order) => string;
  doneQuantityOf: (line: Line) => string;
  lineValues: (line: PricedLine) => LineValues;
  lock: (tx: Executor, id: string) => Promise<Order | undefined>;
  update: (
    tx: Executor,
    id: string,
    changes: OrderChanges<Status> | (OrderChanges<Status> & Header),
  ) => Promise<Order>;
  findLines: (tx: Executor, orderId: string) => Promise<Line[]>;
  insertLines: (tx: Executor, orderId: string, lines: LineValues[]) => Promise<void>;
  updateLine: (tx: Executor, id: string, values: LineValues) => Promise<void>;
  deleteLines: (tx: Executor, orderId: string, ids: string[]) => Promise<void>;
}

export function orderProgress<S extends string, O extends OrderRow<S>, L extends OrderLineRow, V, H>(
  kind: OrderKind<S, O, L, V, H>,
  lines: readonly L[],
): ProgressState {
  return progressState(
    lines.map((line) => ({ quantity: line.quantity, doneQuantity: kind.doneQuantityOf(line) })),
  );
}

export async function lockCurrentOrder<S extends string, O extends OrderRow<S>, L extends OrderLineRow, V, H>(
  kind: OrderKind<S, O, L, V, H>,
  tx: Executor,
  id: string,
): Promise<O> {
  const order = await kind.lock(tx, id);
  if (!order) throw new RecordError(missingRecordMessage(kind.noun));
  return order;
}

const statusWord = <S extends string, O extends OrderRow<S>, L extends OrderLineRow, V, H>(
  kind: OrderKind<S, O, L, V, H>,
  status: S,
) => kind.statusLabels[status].toLowerCase();

/**
 * Saves an edited order if nobody saved it (or invoiced or billed from it) since the form was opened.
 * Lines already on an invoice or bill stay: their quantity can't drop below what is taken.
 */
export async function editOrder<S extends string, O extends OrderRow<S>, L extends OrderLineRow, V, H>(
  kind: OrderKind<S, O, L, V, H>,
  db: Db,
  input: {
    id: string;
    version: number;
    idempotencyKey: string;
    partyId: string;
    currency: string;
    taxMode: TaxMode;
    lines: readonly DocumentLineValues[];
  },
  header: H,
  userId: string | null,
): Promise<O> {
  return db.transaction(async (tx) => {
    const order = await lockCurrentOrder(kind, tx, input.id);
    if (order.version !== input.version) {
      if (order.idempotencyKey === input.idempotencyKey) return order;
      throw new RecordError(staleRecordMessage(kind.noun));
    }
    if (!kind.canEdit(order.status)) {
      throw new RecordError(`An order that is ${statusWord(kind, order.status)} can't be changed.`);
    }
    const savedPartyId = kind.partyIdOf(order);
    await requireParty(tx, kind.party, input.partyId, { allowArchived: input.partyId === savedPartyId });
    await requireEnabledCurrency(tx, input.currency);
    const saved: L[] = await kind.findLines(tx, order.id);
    if (input.partyId !== savedPartyId && orderProgress(kind, saved) !== "none") {
      throw new RecordError("Check the highlighted fields.", {
        [`${kind.party}Id`]: [`This order has ${kind.documents.many}, so its ${kind.party} can't change.`],
      });
    }
    const kept = new Set(saved.flatMap((line) => (line.productId ? [line.productId] : [])));
    const { lines, amounts } = await preparedLines(tx, input.lines, input.taxMode, kind.recordType, kept);
    const changes = diffOrderLines(
      saved.map((line) => ({
        id: line.id,
        description: line.description,
        doneQuantity: kind.doneQuantityOf(line),
      })),
      lines,
      kind.documents.done,
    );
    await kind.deleteLines(tx, order.id, changes.deletes);
    for (const line of changes.updates) await kind.updateLine(tx, line.id, kind.lineValues(line));
    await kind.insertLines(tx, order.id, changes.inserts.map(kind.lineValues));
    const status = kind.statusAfter(order.status, orderProgress(kind, await kind.findLines(tx, order.id)));
    const updated = await kind.update(tx, order.id, {
      ...header,
      ...amounts,
      status,
      idempotencyKey: input.idempotencyKey,
      updatedBy: userId,
    });
    await recordFactoryEvent(tx, {
      kind: "updated",
      recordType: kind.recordType,
      recordId: order.id,
      userId,
    });
    return updated;
  });
}

/** Confirms, cancels or returns an order to draft, as the status rules allow. */
export async function changeOrderStatus<
  S extends string,
  O extends OrderRow<S>,
  L extends OrderLineRow,
  V,
  H,
>(
  kind: OrderKind<S, O, L, V, H>,
  db: Db,
  input: { id: string; version: number; status: S },
  userId: string | null,
): Promise<O> {
  return db.transaction(async (tx) => {
    const order = await lockCurrentOrder(kind, tx, input.id);
    if (order.status === input.status) return order;
    if (order.version !== input.version) throw new RecordError(staleRecordMessage(kind.noun));
    if (!kind.statusChoices(order.status).includes(input.status)) {
      throw new RecordError(
        `An order that is ${statusWord(kind, order.status)} can't be marked ${statusWord(kind, input.status)}.`,
      );
    }
    const updated = await kind.update(tx, order.id, { status: input.status, updatedBy: userId });
    // Back from cancelled: cancelling deleted the order's Xero copy, which Xero can't bring back, so
    // the order's next send makes a new one (docs/sync.md#lifecycle-changes).
    if (order.status === "cancelled") await forgetDeletedXeroCopy(tx, kind.recordType, order.id);
    await recordFactoryEvent(tx, {
      kind: "updated",
      recordType: kind.recordType,
      recordId: order.id,
      userId,
    });
    return updated;
  });
}

/**
 * Checks, under the order's row lock, that an invoice or bill may be taken from it: the form saw the
 * current version, the status allows it, and each quantity fits what remains on its line.
 */
export async function planOrderTake<S extends string, O extends OrderRow<S>, L extends OrderLineRow, V, H>(
  kind: OrderKind<S, O, L, V, H>,
  tx: Executor,
  order: O,
  input: { version: number; lines: readonly { orderLineId: string; quantity: string }[] },
  allowed: (status: S) => boolean,
): Promise<{ saved: L[]; planned: { line: L; quantity: string }[]; plan: PlannedLine[] }> {
  if (order.version !== input.version) throw new RecordError(staleRecordMessage(kind.noun));
  if (!allowed(order.status)) {
    throw new RecordError(
      `An order that is ${statusWord(kind, order.status)} can't be ${kind.documents.done}.`,
    );
  }
  const saved: L[] = await kind.findLines(tx, order.id);
  const plan = planPartial(
    saved.map((line) => ({ id: line.id, quantity: line.quantity, doneQuantity: kind.doneQuantityOf(line) })),
    input.lines.map((line) => ({ orderLineId: line.orderLineId, quantity: line.quantity })),
    { document: kind.documents.one, done: kind.documents.done },
  );
  if (!plan.ok) throw new RecordError(plan.message, plan.fieldErrors);
  const savedById = new Map(saved.map((line) => [line.id, line]));
  const planned = plan.lines.flatMap((step) => {
    const line = savedById.get(step.orderLineId);
    return line ? [{ line, quantity: step.quantity }] : [];
  });
  return { saved, planned, plan: plan.lines };
}

/**
 * After an invoice or bill is written: raises the taken lines' done quantities (the database checks
 * they stay within the order) and moves the order to partly or fully invoiced or billed; returns the
 * order's new status.
 */
export async function settleOrderTake<S extends string, O extends OrderRow<S>, L extends OrderLineRow, V, H>(
  kind: OrderKind<S, O, L, V, H>,
  tx: Executor,
  order: O,
  saved: readonly L[],
  plan: readonly PlannedLine[],
  addDoneQuantity: (tx: Executor, lineId: string, quantity: string) => Promise<L>,
  userId: string | null,
): Promise<S> {
  const after: L[] = [];
  for (const step of plan) after.push(await addDoneQuantity(tx, step.orderLineId, step.quantity));
  const afterById = new Map(after.map((line) => [line.id, line]));
  const status = kind.statusAfter(
    order.status,
    orderProgress(
      kind,
      saved.map((line) => afterById.get(line.id) ?? line),
    ),
  );
  await kind.update(tx, order.id, { status, updatedBy: userId });
  return status;
}

/**
 * After quantities come back to an order (its invoice or bill voided, lib/factory/void-documents.ts):
 * the order's status follows its lines again (invoiced → partly invoiced → confirmed).
 */
export async function resettleOrder<S extends string, O extends OrderRow<S>, L extends OrderLineRow, V, H>(
  kind: OrderKind<S, O, L, V, H>,
  tx: Executor,
  order: O,
  userId: string | null,
): Promise<S> {
  const status = kind.statusAfter(order.status, orderProgress(kind, await kind.findLines(tx, order.id)));
  await kind.update(tx, order.id, { status, updatedBy: userId });
  return status;
}
