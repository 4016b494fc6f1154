import type { Db, Executor } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { findActiveProductIds, findDocumentParty, findTaxPercents } from "@/lib/db/queries/document-lookups";
import type { DocumentLineValues } from "./document-fields";
import { priceLines } from "./document-lines";
import type { TaxMode } from "./money";
import { RecordError } from "./record-error";

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
  return priceLines(lines, taxMode, taxPercents);
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
