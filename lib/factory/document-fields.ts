import { z } from "zod";
import {
  compare,
  DISCOUNT_DP,
  hasAtMostDecimalPlaces,
  MAX_QUANTITY,
  MAX_UNIT_PRICE,
  plainDecimal,
  plainPrice,
  QUANTITY_DP,
  TAX_MODES,
  UNIT_PRICE_DP,
} from "./money";
import { MAX_PARTY_REFERENCE, xeroMax } from "@/lib/xero/limits";
import { optionalText } from "./record-fields";

/**
 * Field schemas shared by the quote, sales order and purchase order forms (and their actions, which
 * parse with the same schemas). Decimals stay strings end to end so nothing is rounded by a float on
 * the way. Schemas only check and trim, never transform, so a value parsed once parses again to the
 * same thing — the form parses on the client and the action parses the same object on the server.
 */

/** A line's description goes to Xero whole (lib/xero/limits.ts); a 1 MB paste is refused with this message. */
export const MAX_DESCRIPTION = xeroMax("LineItem.Description");
export const MAX_NOTES = 10_000;
export const MAX_LINES = 200;

const decimalPattern = /^-?\d+(\.\d+)?$/;
const format = (value: number) => value.toLocaleString("en-NZ");

function decimalField(
  label: string,
  rules: { dp: number; max: number; positive?: boolean; optional?: boolean; dpMessage?: string },
): z.ZodString {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const issue = (message: string) => ctx.addIssue({ code: "custom", message });
      if (value === "") {
        if (!rules.optional) issue(`Enter a ${label.toLowerCase()}.`);
        return;
      }
      if (!decimalPattern.test(value)) return issue(`${label} must be a number, like 12.5.`);
      if (rules.positive && compare(value, 0) <= 0) return issue(`${label} must be more than zero.`);
      if (compare(value, 0) < 0) return issue(`${label} can't be negative.`);
      if (compare(value, rules.max) > 0) return issue(`${label} can't be more than ${format(rules.max)}.`);
      if (!hasAtMostDecimalPlaces(value, rules.dp)) {
        issue(
          rules.dpMessage ??
            `${label} can have at most ${rules.dp} decimal place${rules.dp === 1 ? "" : "s"}.`,
        );
      }
    });
}

export const quantityField = decimalField("Quantity", { dp: QUANTITY_DP, max: MAX_QUANTITY, positive: true });
/** How much of an order line an invoice or bill takes: zero skips the line. */
export const takeQuantityField = decimalField("Quantity", { dp: QUANTITY_DP, max: MAX_QUANTITY });
/**
 * A unit price to at most the decimals Xero keeps for the document type (XERO_LINE_PRICING): quotes and
 * purchase orders hold 2, so a third decimal is refused here rather than rounded away unseen later.
 */
export const unitPriceField = (label: "Unit price" | "Unit cost", dp: number = UNIT_PRICE_DP) =>
  decimalField(label, {
    dp,
    max: MAX_UNIT_PRICE,
    dpMessage:
      dp < UNIT_PRICE_DP
        ? `${label} can have at most ${dp} decimal places: Xero keeps this document's prices to ${dp}.`
        : undefined,
  });
export const discountField = decimalField("Discount", { dp: DISCOUNT_DP, max: 100, optional: true });

/**
 * The customer's or supplier's reference. Xero gets it after the document's number(s), so the form
 * leaves room for them within Xero's limit and an accepted reference reaches Xero whole.
 */
export const referenceField = z
  .string()
  .trim()
  .max(
    MAX_PARTY_REFERENCE,
    `Reference can be at most ${MAX_PARTY_REFERENCE} characters: Xero keeps ${xeroMax("Invoice.Reference")}, with the document's number in front.`,
  );

/** An optional reference to another record: a uuid, or "" for none (select inputs give strings). */
export const optionalId = z.union([z.literal(""), z.uuid("Choose from the list.")]);

export const requiredId = (message: string) => z.uuid(message);

export const isoDate = (label: string) => z.iso.date(`Enter the ${label.toLowerCase()} as a date.`);
export const optionalIsoDate = (label: string) => z.union([z.literal(""), isoDate(label)]);

export const currencyField = z
  .string()
  .trim()
  .regex(/^[A-Z]{3}$/, "Use a three-letter currency code in capitals, like NZD.");

export const taxModeField = z.enum(TAX_MODES, "Choose how the prices treat tax.");

export const lineDescriptionField = z
  .string()
  .trim()
  .min(1, "Describe the line.")
  .max(MAX_DESCRIPTION, `The description can be at most ${format(MAX_DESCRIPTION)} characters.`);

/** One document line as the line editor holds it. `id` is set for lines already saved. */
export function documentLineSchema(priceLabel: "Unit price" | "Unit cost", unitDp: number = UNIT_PRICE_DP) {
  return z.object({
    id: optionalId,
    productId: optionalId,
    description: lineDescriptionField,
    quantity: quantityField,
    unitPrice: unitPriceField(priceLabel, unitDp),
    discountPercent: discountField,
    taxRateId: optionalId,
  });
}

export type DocumentLineValues = z.infer<ReturnType<typeof documentLineSchema>>;

export const documentLinesField = (priceLabel: "Unit price" | "Unit cost", unitDp: number = UNIT_PRICE_DP) =>
  z
    .array(documentLineSchema(priceLabel, unitDp))
    .min(1, "Add at least one line.")
    .max(MAX_LINES, `A document can have at most ${MAX_LINES} lines.`);

/** What every document form carries besides its own fields. */
export const documentFormBase = {
  /** Set when editing; the version the form was opened at, for refusing stale saves. */
  id: optionalId,
  version: z.number().int().min(0),
  /** One per opened form: a double-clicked submit finds the first result instead of making a second. */
  idempotencyKey: z.uuid(),
  currency: currencyField,
  taxMode: taxModeField,
  reference: referenceField,
  notes: optionalText("Notes", MAX_NOTES),
};

/** A blank line for new documents and the "Add line" button, taxed at the default rate if given. */
export function blankLine(taxRateId = ""): DocumentLineValues {
  return {
    id: "",
    productId: "",
    description: "",
    quantity: "1",
    unitPrice: "0",
    discountPercent: "",
    taxRateId,
  };
}

/** A saved line as the line editor holds it, for edit forms. */
export function formLine(line: {
  id: string;
  productId: string | null;
  description: string;
  quantity: string;
  price: string;
  discountPercent: string;
  taxRateId: string | null;
}): DocumentLineValues {
  return {
    id: line.id,
    productId: line.productId ?? "",
    description: line.description,
    quantity: plainDecimal(line.quantity),
    unitPrice: plainPrice(line.price),
    discountPercent: compare(line.discountPercent, 0) === 0 ? "" : plainDecimal(line.discountPercent),
    taxRateId: line.taxRateId ?? "",
  };
}

/**
 * The choices of a line's tax rate: "no rate" first, then the Factory rates. "No rate" reads
 * "No tax" unless a rate already has that name (the seeded 0% "No tax" does), when it reads "None",
 * so no two choices look the same.
 */
export function lineTaxRateChoices(
  rates: { id: string; name: string }[],
): { value: string; label: string }[] {
  const taken = rates.some((rate) => rate.name.trim().toLowerCase() === "no tax");
  return [
    { value: "", label: taken ? "None" : "No tax" },
    ...rates.map((rate) => ({ value: rate.id, label: rate.name })),
  ];
}
