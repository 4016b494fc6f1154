import type { Db, Executor } from "@/lib/db/client";
import { findBillLines, lockBill } from "@/lib/db/queries/bills";
import {
  addQuantityCredited,
  creditedSoFar,
  findCreditedQuantities,
  findCreditNoteByIdempotencyKey,
  insertCreditNote,
  lockCreditNote,
  markCreditNoteVoided,
  type NewCreditNoteLine,
} from "@/lib/db/queries/credit-notes";
import { findInvoiceLines, lockInvoice } from "@/lib/db/queries/invoices";
import type { CreditNote, CreditNoteKind, TaxMode } from "@/lib/db/schema";
import { takeNumber } from "@/lib/db/queries/numbering";
import { missingRecordMessage, RecordError, staleRecordMessage } from "@/lib/errors";
import { recordFactoryEvent } from "@/lib/sync/events";
import type { CreateCreditNoteInput } from "./credit-note-schema";
import { createOnce, orNull } from "./document-save";
import { creditableQuantity, creditLines, withRoundingLines } from "./credit-remainder";
import { sumLines } from "./document-lines";
import { compare, plainDecimal, XERO_LINE_PRICING } from "./money";

/** A line of the invoice (bill) as crediting needs it; `unitPrice` is a bill line's unit cost. */
export interface CreditableLine {
  id: string;
  position: number;
  kind: "item" | "rounding";
  productId: string | null;
  description: string;
  quantity: string;
  quantityCredited: string;
  unitPrice: string;
  discountPercent: string;
  taxRateId: string | null;
  taxPercent: string;
  /** What the invoice (bill) charged for the line. */
  lineAmount: string;
  taxAmount: string;
}

/** The invoice or bill a credit note credits, locked for the crediting transaction. */
interface Credited {
  id: string;
  number: string;
  date: string;
  dateLabel: string;
  currency: string;
  taxMode: TaxMode;
  voided: boolean;
  lines: CreditableLine[];
}

const NOUN: Record<CreditNoteKind, { credit: string; document: string }> = {
  customer: { credit: "credit note", document: "invoice" },
  supplier: { credit: "supplier credit", document: "bill" },
};

async function lockCredited(tx: Executor, kind: CreditNoteKind, id: string): Promise<Credited | undefined> {
  if (kind === "customer") {
    const invoice = await lockInvoice(tx, id);
    if (!invoice) return undefined;
    return {
      id: invoice.id,
      number: invoice.number,
      date: invoice.issueDate,
      dateLabel: "invoice date",
      currency: invoice.currency,
      taxMode: invoice.taxMode,
      voided: invoice.status === "voided",
      lines: await findInvoiceLines(tx, id),
    };
  }
  const bill = await lockBill(tx, id);
  if (!bill) return undefined;
  return {
    id: bill.id,
    number: bill.number,
    date: bill.billDate,
    dateLabel: "bill date",
    currency: bill.currency,
    taxMode: bill.taxMode,
    voided: bill.status === "voided",
    lines: (await findBillLines(tx, id)).map(({ unitCost, ...line }) => ({ ...line, unitPrice: unitCost })),
  };
}

/**
 * Which lines the credit takes and how much of each, checked against the invoice (bill): every line is
 * one of its lines, named once, and no more than what is left to credit of it. Zero skips a line.
 * The invoice's (bill's) own rounding lines (it completed its order: lib/factory/order-remainder.ts)
 * are not credited on their own: the credit that leaves nothing of its other lines to credit takes
 * them too, so its credits add up to the invoice and never pass it on the way (a rounding line of
 * −0.01 left behind would leave the credits a cent above the invoice).
 */
export function planCredit(
  lines: readonly CreditableLine[],
  wanted: CreateCreditNoteInput["lines"],
  document: string,
): { line: CreditableLine; quantity: string }[] {
  const byId = new Map(lines.map((line) => [line.id, line]));
  const seen = new Set<string>();
  const fieldErrors: Record<string, string[]> = {};
  const planned: { line: CreditableLine; quantity: string }[] = [];
  wanted.forEach(({ lineId, quantity }, index) => {
    const field = `lines.${index}.quantity`;
    const line = byId.get(lineId);
    if (!line || seen.has(lineId)) {
      fieldErrors[field] = [`This line isn't on the ${document}. Reload the page.`];
      return;
    }
    seen.add(lineId);
    if (compare(quantity, 0) <= 0) return;
    if (line.kind === "rounding") {
      fieldErrors[field] = [
        `The rounding adjustment is credited with the last of the ${document}'s other lines.`,
      ];
      return;
    }
    const left = creditableQuantity(line);
    if (compare(quantity, left) > 0) {
      fieldErrors[field] = [
        compare(left, 0) === 0
          ? `This line is credited in full already.`
          : `At most ${plainDecimal(left)} can still be credited on this line.`,
      ];
      return;
    }
    planned.push({ line, quantity });
  });
  if (Object.keys(fieldErrors).length > 0) throw new RecordError("Some lines need attention.", fieldErrors);
  if (planned.length === 0)
    throw new RecordError("Credit at least one line.", { lines: ["Credit at least one line."] });
  return withRoundingLines(lines, planned);
}

/**
 * "Create credit note" (an invoice) or "Supplier credit" (a bill), once per idempotency key. Under the
 * invoice's (bill's) row lock it checks each quantity against what is left to credit of its line, then
 * writes the credit note (CN-00001 / SC-00001) with the credited lines priced as the invoice (bill)
 * prices them (and rounding lines where the credits of a line would otherwise not add up to what the
 * invoice charged for it: lib/factory/credit-remainder.ts), raises the lines' credited quantities (whose check refuses over-crediting), and records
 * "created", which queues it for Xero — all in one transaction.
 */
export async function createCreditNote(
  db: Db,
  input: CreateCreditNoteInput,
  userId: string | null,
): Promise<CreditNote> {
  const noun = NOUN[input.kind];
  return createOnce(
    db,
    (db) => findCreditNoteByIdempotencyKey(db, input.idempotencyKey),
    async (tx) => {
      const credited = await lockCredited(tx, input.kind, input.creditedId);
      if (!credited) throw new RecordError(missingRecordMessage(noun.document));
      const twin = await findCreditNoteByIdempotencyKey(tx, input.idempotencyKey);
      if (twin) return twin;
      if (credited.voided) {
        throw new RecordError(
          `${capitalised(noun.document)} ${credited.number} is voided, so it can't be credited.`,
        );
      }
      if (input.creditDate < credited.date) {
        throw new RecordError("Check the highlighted fields.", {
          creditDate: [`The credit date can't be before the ${credited.dateLabel}.`],
        });
      }
      const planned = planCredit(credited.lines, input.lines, noun.document);
      const pricing = XERO_LINE_PRICING[input.kind === "customer" ? "credit_note" : "supplier_credit"];
      const soFar = await creditedSoFar(
        tx,
        input.kind,
        planned.map(({ line }) => line.id),
      );
      const lines = creditLines(planned, soFar, credited.taxMode, pricing, credited.number).map(
        ({ source, ...line }, index) =>
          ({
            ...line,
            productId: line.kind === "item" ? source.productId : null,
            ...(input.kind === "customer" ? { invoiceLineId: source.id } : { billLineId: source.id }),
            position: index + 1,
          }) satisfies NewCreditNoteLine & Amounts,
      );
      const number = await takeNumber(tx, input.kind === "customer" ? "credit_note" : "supplier_credit");
      const note = await insertCreditNote(
        tx,
        {
          number,
          kind: input.kind,
          ...(input.kind === "customer" ? { invoiceId: credited.id } : { billId: credited.id }),
          status: "issued",
          creditDate: input.creditDate,
          currency: credited.currency,
          taxMode: credited.taxMode,
          reference: orNull(input.reference),
          notes: orNull(input.notes),
          ...sumLines(lines, credited.taxMode),
          idempotencyKey: input.idempotencyKey,
          createdBy: userId,
          updatedBy: userId,
        },
        lines,
      );
      await addQuantityCredited(
        tx,
        input.kind,
        planned.map(({ line, quantity }) => ({ lineId: line.id, quantity })),
      );
      await recordFactoryEvent(tx, {
        kind: "created",
        recordType: input.kind === "customer" ? "credit_note" : "supplier_credit",
        recordId: note.id,
        userId,
      });
      return note;
    },
  );
}

type Amounts = { lineAmount: string; taxAmount: string };

const capitalised = (noun: string) => noun.charAt(0).toUpperCase() + noun.slice(1);

/** Whether an invoice (bill) can be credited now: not voided, and some of a line is left to credit. */
export function creditable(document: {
  status: string;
  lines: readonly Pick<CreditableLine, "quantity" | "quantityCredited">[];
}): boolean {
  return (
    document.status !== "voided" && document.lines.some((line) => compare(creditableQuantity(line), 0) > 0)
  );
}

/** Why this credit note can't be voided now, in a sentence naming it, or null. */
export function creditNoteVoidRefusal(note: Pick<CreditNote, "kind" | "number" | "status">): string | null {
  if (note.status === "voided") {
    return `${capitalised(NOUN[note.kind].credit)} ${note.number} is voided already.`;
  }
  return null;
}

/**
 * Voiding a credit note (customer credit or supplier credit; an administrator's step). The note stays,
 * marked "voided", and what it credited is given back: each of its lines comes off its invoice (bill)
 * line's credited quantity, so those quantities can be credited again (the lines' check keeps
 * 0 ≤ credited ≤ quantity). Under the invoice's (bill's) row lock, as crediting takes it, so a void and
 * a new credit of one invoice take turns. One transaction with the audit row and the sync job; the
 * worker then takes Factory's allocation off the credit note in Xero and voids it (the planner's
 * "status" plan with `release`, lib/sync/planner.ts), or deletes it if Xero holds it unapproved, or
 * shows why Xero won't.
 */
export async function voidCreditNote(
  db: Db,
  input: { id: string; version: number },
  userId: string | null,
): Promise<CreditNote> {
  return db.transaction(async (tx) => {
    const peek = await lockCreditNote(tx, input.id);
    if (!peek) throw new RecordError(missingRecordMessage("credit note"));
    const creditedId = peek.kind === "customer" ? peek.invoiceId : peek.billId;
    if (!creditedId || !(await lockCredited(tx, peek.kind, creditedId))) {
      throw new RecordError(missingRecordMessage(NOUN[peek.kind].document));
    }
    const note = await lockCreditNote(tx, input.id);
    if (!note) throw new RecordError(missingRecordMessage("credit note"));
    if (note.status === "voided") return note;
    if (note.version !== input.version) throw new RecordError(staleRecordMessage(NOUN[note.kind].credit));
    const refusal = creditNoteVoidRefusal(note);
    if (refusal) throw new RecordError(refusal);
    const credited = await findCreditedQuantities(tx, note.id);
    await addQuantityCredited(
      tx,
      note.kind,
      credited.map(({ lineId, quantity }) => ({ lineId, quantity: `-${quantity}` })),
    );
    const voided = await markCreditNoteVoided(tx, note.id, userId);
    await recordFactoryEvent(tx, {
      kind: "voided",
      recordType: note.kind === "customer" ? "credit_note" : "supplier_credit",
      recordId: note.id,
      userId,
    });
    return voided;
  });
}
