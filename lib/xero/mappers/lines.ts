import Decimal from "decimal.js";
import type { TaxMode } from "@/lib/db/schema";
import {
  MappingError,
  type FactoryDocument,
  type FactoryLine,
  type MappingContext,
  type XeroLineAmountTypes,
  type XeroLineItem,
  type XeroQuoteLineAmountTypes,
} from "./types";

const LINE_AMOUNT_TYPES: Record<TaxMode, XeroLineAmountTypes> = {
  exclusive: "Exclusive",
  inclusive: "Inclusive",
  no_tax: "NoTax",
};

export const lineAmountTypes = (mode: TaxMode): XeroLineAmountTypes => LINE_AMOUNT_TYPES[mode];

/** Quotes spell the same values in upper case; sending "Exclusive" on a quote is refused. */
export const quoteLineAmountTypes = (mode: TaxMode): XeroQuoteLineAmountTypes =>
  LINE_AMOUNT_TYPES[mode].toUpperCase() as XeroQuoteLineAmountTypes;

/** Factory's decimal strings as JSON numbers; at 4 dp and these magnitudes a double is exact enough. */
const num = (value: string): number => new Decimal(value).toNumber();

export interface LineOptions {
  /**
   * Xero takes DiscountRate on sales invoices and quotes only (spec LineItem.DiscountRate); bills and
   * purchase orders get the discount folded into a 4-dp unit amount instead, and any cent Xero then
   * rounds differently shows as a rounding difference on the document.
   */
  discounts: boolean;
  /** Names the setting in the message when an account is missing. */
  direction: "sales" | "purchase";
}

/**
 * Every line names its account and its tax type, so Xero never fills one in (design.md §4 "Explicit
 * lines"). Left out, Xero takes the account's or the item's default tax rate (xero-api.md §8
 * "Defaults Xero fills in") and taxes a line Factory counted at 0 %, and refuses an approved
 * document whose item has no account ("An account code must be specified for line items with an
 * amount"). So: the linked item's own account for this side, else the default account; the mapped
 * tax type of the line's rate, else (no rate, or a "no tax" document) the mapped "no tax" type.
 */
function mapLine(
  line: FactoryLine,
  doc: FactoryDocument,
  ctx: MappingContext,
  options: LineOptions,
): XeroLineItem {
  const item = line.productId ? ctx.items.get(line.productId) : undefined;
  const discount = new Decimal(line.discountPercent);
  const out: XeroLineItem = { Description: line.description, Quantity: num(line.quantity) };
  if (options.discounts || discount.isZero()) {
    out.UnitAmount = num(line.unitPrice);
    if (!discount.isZero()) out.DiscountRate = discount.toNumber();
  } else {
    const kept = new Decimal(100).minus(discount).dividedBy(100);
    out.UnitAmount = new Decimal(line.unitPrice)
      .times(kept)
      .toDecimalPlaces(4, Decimal.ROUND_HALF_UP)
      .toNumber();
  }
  if (item) out.ItemCode = item.code;
  const accountCode = item?.accountCode ?? ctx.accountCode;
  if (!accountCode) {
    throw new MappingError(
      item
        ? `Choose a default ${options.direction} account on the Xero page: line "${line.description}" is for Xero item ${item.code}, which has no ${options.direction} account.`
        : `Choose a default ${options.direction} account on the Xero page: line "${line.description}" has no linked Xero item.`,
    );
  }
  out.AccountCode = accountCode;
  out.TaxType = taxTypeFor(line, doc, ctx);
  return out;
}

function taxTypeFor(line: FactoryLine, doc: FactoryDocument, ctx: MappingContext): string {
  if (doc.taxMode === "no_tax" || !line.taxRateId) return ctx.noTaxType;
  const taxType = ctx.taxTypes.get(line.taxRateId);
  if (!taxType) {
    throw new MappingError(
      `Map this tax rate to a Xero tax type on the Xero page: line "${line.description}" uses a rate with no mapping.`,
    );
  }
  return taxType;
}

/** The document's lines, then the description-only line that names it in Factory. */
export function mapLines(
  doc: FactoryDocument,
  ctx: MappingContext,
  options: LineOptions,
  factoryLine: string,
): XeroLineItem[] {
  return [...doc.lines.map((line) => mapLine(line, doc, ctx, options)), { Description: factoryLine }];
}

/** Factory's number, then the party's own reference when there is one. */
export const referenceFor = (number: string, reference: string | null): string =>
  reference ? `${number} · ${reference}` : number;
