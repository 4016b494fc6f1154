import type { Db, Executor } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { findActiveProductIds, findDocumentParty, findTaxPercents } from "@/lib/db/queries/document-lookups";
import { takeNumber } from "@/lib/db/queries/numbering";
import type { NumberSeries, TaxMode } from "@/lib/db/schema";
import { recordFactoryEvent } from "@/lib/sync/events";
import type { DocumentLineValues } from "./document-fields";
import { priceLines, type DocumentAmounts, type PricedLine } from "./document-lines";
import { XERO_LINE_PRICING, type PricedDocumentType } from "./money";
import { RecordError } from "@/lib/errors";
import { requireEnabledCurrency } from "./currency-settings";

/**
 * Runs a create at most once per idempotency key: a key seen before returns the first result, and a
 * twin submission racing this one (both missed the lookup) loses on the unique key, rolls back —
 * giving its document number back, so numbering stays gapless — and returns the winner's record.
 */
export async function createOnce<T>(
  db: Db,
  find: (db: Executor) => Promise<T | undefined>,
  create: (tx: Executor) => Promise<T>,
): Promise<T> {
  const earlier = await find(db);
  if (earlier) return earlier;
  try {
    return await db.transaction(create);
  } catch (error) {
    if (isUniqueViolation(error)) {
      const twin = await find(db);
      if (twin) return twin;
    }
    throw error;
  }
}

/** What every new quote or order is written with, besides its own header fields. */
export interface DraftValues extends DocumentAmounts {
  number: string;
  status: "draft";
  idempotencyKey: string;
  createdBy: string | null;
  updatedBy: string | null;
}

/**
 * Creates a draft quote or order from its form, once per idempotency key: its party must be active,
 * its currency enabled in the organisation, its lines are priced, and the next number, the header, its lines and a "created" event are written
 * in one transaction.
 */
export async function createDraft<T extends { id: string }>(
  db: Db,
  input: { idempotencyKey: string; currency: string; taxMode: TaxMode; lines: readonly DocumentLineValues[] },
  kind: {
    party: "customer" | "supplier";
    partyId: string;
    /** The record type, which names its number series too. */
    recordType: NumberSeries & ("quote" | "sales_order" | "purchase_order");
    findByIdempotencyKey: (db: Executor, key: string) => Promise<T | undefined>;
    insert: (tx: Executor, values: DraftValues) => Promise<T>;
    insertLines: (tx: Executor, id: string, lines: PricedLine[]) => Promise<void>;
  },
  userId: string | null,
): Promise<T> {
  return createOnce(
    db,
    (db) => kind.findByIdempotencyKey(db, input.idempotencyKey),
    async (tx) => {
      await requireParty(tx, kind.party, kind.partyId, { allowArchived: false });
      await requireEnabledCurrency(tx, input.currency);
      const { lines, amounts } = await preparedLines(tx, input.lines, input.taxMode, kind.recordType);
      const number = await takeNumber(tx, kind.recordType);
      const created = await kind.insert(tx, {
        ...amounts,
        number,
        status: "draft",
        idempotencyKey: input.idempotencyKey,
        createdBy: userId,
        updatedBy: userId,
      });
      await kind.insertLines(tx, created.id, lines);
      await recordFactoryEvent(tx, {
        kind: "created",
        recordType: kind.recordType,
        recordId: created.id,
        userId,
      });
      return created;
    },
  );
}

/** The party a new or edited document is for; refused next to the field if it's gone or archived. */
export async function requireParty(
  tx: Executor,
  kind: "customer" | "supplier",
  id: string,
  options: { allowArchived: boolean },
) {
  const field = kind === "customer" ? "customerId" : "supplierId";
  const party = await findDocumentParty(tx, kind, id);
  if (!party) throw new RecordError("Check the highlighted fields.", { [field]: [`Choose a ${kind}.`] });
  if (party.archivedAt && !options.allowArchived) {
    throw new RecordError("Check the highlighted fields.", {
      [field]: [`${party.name} is archived. Choose another ${kind} or restore this one first.`],
    });
  }
  return party;
}

/**
 * Prices a form's lines with the current tax rates after checking their products: a line may use an
 * active product, or keep the product it already had (`keptProductIds`) even if since deactivated.
 */
export async function preparedLines(
  tx: Executor,
  lines: readonly DocumentLineValues[],
  taxMode: TaxMode,
  documentType: PricedDocumentType,
  keptProductIds: ReadonlySet<string> = new Set(),
) {
  const productIds = [...new Set(lines.map((line) => line.productId).filter(Boolean))];
  const taxRateIds = [...new Set(lines.map((line) => line.taxRateId).filter(Boolean))];
  const [activeProducts, taxPercents] = await Promise.all([
    findActiveProductIds(tx, productIds),
    findTaxPercents(tx, taxRateIds),
  ]);
  const fieldErrors: Record<string, string[]> = {};
  lines.forEach((line, index) => {
    if (line.productId && !activeProducts.has(line.productId) && !keptProductIds.has(line.productId)) {
      fieldErrors[`lines.${index}.productId`] = ["This product is no longer available."];
    }
  });
  if (Object.keys(fieldErrors).length > 0) throw new RecordError("Some lines need attention.", fieldErrors);
  return priceLines(lines, taxMode, taxPercents, XERO_LINE_PRICING[documentType]);
}

/** Refuses a second date before the first (expiry before issue, due before invoice date). */
export function assertNotBefore(
  first: string,
  second: string | null | undefined,
  field: string,
  message: string,
): void {
  if (second && second < first)
    throw new RecordError("Check the highlighted fields.", { [field]: [message] });
}

/** Empty optional form text → null for the database. */
export const orNull = (value: string): string | null => value || null;
