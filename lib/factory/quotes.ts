import type { Db, Executor } from "@/lib/db/client";
import { takeNumber } from "@/lib/db/queries/numbering";
import {
  findQuoteByIdempotencyKey,
  findSalesOrderOfQuote,
  findQuoteLines,
  insertQuote,
  lockQuote,
  replaceQuoteLines,
  updateQuote,
} from "@/lib/db/queries/quotes";
import {
  findSalesOrderByIdempotencyKey,
  insertSalesOrder,
  insertSalesOrderLines,
} from "@/lib/db/queries/sales-orders";
import type { Quote, SalesOrder } from "@/lib/db/schema";
import { recordFactoryEvent } from "@/lib/sync/events";
import { canConvertQuote, canEditQuote, QUOTE_STATUS_LABELS, quoteStatusChoices } from "./document-status";
import type { PricedLine } from "./document-lines";
import { requireEnabledCurrency } from "./currency-settings";
import { createDraft, createOnce, orNull, preparedLines, requireParty } from "./document-save";
import { today } from "./due-date";
import { loadTimeZone } from "./time-zone";
import type { ConvertQuoteInput, QuoteFormValues, QuoteStatusChange } from "./quote-schema";
import { missingRecordMessage, RecordError, staleRecordMessage } from "@/lib/errors";

function headerValues(input: QuoteFormValues) {
  return {
    customerId: input.customerId,
    issueDate: input.issueDate,
    expiryDate: orNull(input.expiryDate),
    currency: input.currency,
    taxMode: input.taxMode,
    reference: orNull(input.reference),
    notes: orNull(input.notes),
  };
}

const lineValues = ({ id: _id, ...line }: PricedLine) => line;

/** Creates a quote (Q-00001) with its lines and "created" event in one transaction; once per idempotency key. */
export async function createQuote(db: Db, input: QuoteFormValues, userId: string | null): Promise<Quote> {
  return createDraft(
    db,
    input,
    {
      party: "customer",
      partyId: input.customerId,
      recordType: "quote",
      findByIdempotencyKey: findQuoteByIdempotencyKey,
      insert: (tx, values) => insertQuote(tx, { ...headerValues(input), ...values }),
      insertLines: (tx, id, lines) => replaceQuoteLines(tx, id, lines.map(lineValues)),
    },
    userId,
  );
}

async function lockCurrentQuote(tx: Executor, id: string, version: number) {
  const quote = await lockQuote(tx, id);
  if (!quote) throw new RecordError(missingRecordMessage("quote"));
  const converted = await findSalesOrderOfQuote(tx, id);
  return { quote, converted, stale: quote.version !== version };
}

/**
 * Saves an edited quote if nobody saved it since the form was opened. A double-clicked Save (same
 * form key, already applied) returns the saved quote instead of reporting a conflict.
 */
export async function updateQuoteFromForm(
  db: Db,
  input: QuoteFormValues,
  userId: string | null,
): Promise<Quote> {
  return db.transaction(async (tx) => {
    const { quote, converted, stale } = await lockCurrentQuote(tx, input.id, input.version);
    if (stale) {
      if (quote.idempotencyKey === input.idempotencyKey) return quote;
      throw new RecordError(staleRecordMessage("quote"));
    }
    if (!canEditQuote(quote.status, Boolean(converted))) {
      throw new RecordError(
        converted
          ? `This quote became sales order ${converted.number} and can no longer be changed.`
          : `A quote that is ${QUOTE_STATUS_LABELS[quote.status].toLowerCase()} can't be changed. Move it back to draft first.`,
      );
    }
    await requireParty(tx, "customer", input.customerId, {
      allowArchived: input.customerId === quote.customerId,
    });
    await requireEnabledCurrency(tx, input.currency);
    const kept = new Set(
      (await findQuoteLines(tx, quote.id)).flatMap((line) => (line.productId ? [line.productId] : [])),
    );
    const { lines, amounts } = await preparedLines(tx, input.lines, input.taxMode, "quote", kept);
    const updated = await updateQuote(tx, quote.id, {
      ...headerValues(input),
      ...amounts,
      // The form's key marks this edit as applied, so its double submit is recognised above.
      idempotencyKey: input.idempotencyKey,
      updatedBy: userId,
    });
    await replaceQuoteLines(tx, quote.id, lines.map(lineValues));
    await recordFactoryEvent(tx, { kind: "updated", recordType: "quote", recordId: quote.id, userId });
    return updated;
  });
}

/** Marks a quote sent, accepted, declined or back to draft, as the status rules allow. */
export async function changeQuoteStatus(
  db: Db,
  input: QuoteStatusChange,
  userId: string | null,
): Promise<Quote> {
  return db.transaction(async (tx) => {
    const { quote, converted, stale } = await lockCurrentQuote(tx, input.id, input.version);
    if (quote.status === input.status) return quote;
    if (stale) throw new RecordError(staleRecordMessage("quote"));
    if (!quoteStatusChoices(quote.status, Boolean(converted)).includes(input.status)) {
      throw new RecordError(
        `A ${QUOTE_STATUS_LABELS[quote.status].toLowerCase()} quote can't be marked ${QUOTE_STATUS_LABELS[input.status].toLowerCase()}.`,
      );
    }
    const updated = await updateQuote(tx, quote.id, { status: input.status, updatedBy: userId });
    await recordFactoryEvent(tx, { kind: "updated", recordType: "quote", recordId: quote.id, userId });
    return updated;
  });
}

/**
 * "Convert to sales order": a new order (SO-00001) for the quote's customer with a copy of its lines,
 * and the quote marked accepted, in one transaction. A quote converts once: the order's unique
 * quote_id backs up the check made under the quote's row lock.
 */
export async function convertQuoteToSalesOrder(
  db: Db,
  input: ConvertQuoteInput,
  userId: string | null,
): Promise<SalesOrder> {
  return createOnce(
    db,
    (db) => findSalesOrderByIdempotencyKey(db, input.idempotencyKey),
    async (tx) => {
      const { quote, converted, stale } = await lockCurrentQuote(tx, input.id, input.version);
      // A twin submission may have committed while we waited for the lock: answer with its result.
      const twin = await findSalesOrderByIdempotencyKey(tx, input.idempotencyKey);
      if (twin) return twin;
      if (converted) throw new RecordError(`This quote has already become sales order ${converted.number}.`);
      if (stale) throw new RecordError(staleRecordMessage("quote"));
      if (!canConvertQuote(quote.status, false)) {
        throw new RecordError("A declined quote can't become a sales order. Move it back to draft first.");
      }
      await requireParty(tx, "customer", quote.customerId, { allowArchived: false });
      const lines = await findQuoteLines(tx, quote.id);
      const number = await takeNumber(tx, "sales_order");
      const order = await insertSalesOrder(tx, {
        number,
        customerId: quote.customerId,
        quoteId: quote.id,
        status: "confirmed",
        orderDate: today(await loadTimeZone(tx)),
        currency: quote.currency,
        taxMode: quote.taxMode,
        reference: quote.reference,
        notes: quote.notes,
        subtotal: quote.subtotal,
        taxTotal: quote.taxTotal,
        total: quote.total,
        idempotencyKey: input.idempotencyKey,
        createdBy: userId,
        updatedBy: userId,
      });
      await insertSalesOrderLines(
        tx,
        order.id,
        lines.map(({ id: _id, quoteId: _quoteId, ...line }) => line),
      );
      await recordFactoryEvent(tx, {
        kind: "created",
        recordType: "sales_order",
        recordId: order.id,
        userId,
      });
      if (quote.status !== "accepted") {
        await updateQuote(tx, quote.id, { status: "accepted", updatedBy: userId });
        await recordFactoryEvent(tx, { kind: "updated", recordType: "quote", recordId: quote.id, userId });
      }
      return order;
    },
  );
}
