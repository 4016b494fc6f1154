import Decimal from "decimal.js";
import type { TaxMode } from "@/lib/factory/money";
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
  /** Draft quotes may leave accounts to Xero; invoices, bills and orders name one on every line. */
  requireAccount: boolean;
  /** Names the setting in the message when an account is missing. */
  direction: "sales" | "purchase";
}

function mapLine(
  line: FactoryLine,
  doc: FactoryDocument,
  ctx: MappingContext,
  options: LineOptions,
): XeroLineItem {
  const itemCode = line.productId ? ctx.itemCodes.get(line.productId) : undefined;
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
  // A linked item carries its own accounts in Xero; only unlinked lines need the default account.
  if (itemCode) out.ItemCode = itemCode;
  else if (ctx.accountCode) out.AccountCode = ctx.accountCode;
  else if (options.requireAccount) {
    throw new MappingError(
      `Choose a default ${options.direction} account on the Xero page: line "${line.description}" has no linked Xero item.`,
    );
  }
  if (doc.taxMode !== "no_tax" && line.taxRateId) {
    const taxType = ctx.taxTypes.get(line.taxRateId);
    if (!taxType) {
      throw new MappingError(
        `Map this tax rate to a Xero tax type on the Xero page: line "${line.description}" uses a rate with no mapping.`,
      );
    }
    out.TaxType = taxType;
  }
  return out;
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
