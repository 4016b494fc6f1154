import Decimal from "decimal.js";
import type { TaxMode } from "@/lib/db/schema";
import { xeroUnitAmount, type LinePricing } from "@/lib/factory/money";
import { fitToXero, type XeroLimitKey } from "@/lib/xero/limits";
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
   * How Xero holds this document type's lines (XERO_LINE_PRICING): the unit amount is sent exactly as
   * Factory priced it, 2 decimals on quotes and purchase orders and the discount folded into the net
   * unit amount where Xero takes none, so Xero's totals are Factory's.
   */
  pricing: LinePricing;
  /** Names the setting in the message when an account is missing. */
  direction: "sales" | "purchase";
}

/**
 * Every line names its account and its tax type, so Xero never fills one in (docs/sync.md#explicit-lines). Left out, Xero takes the account's or the item's default tax rate (docs/xero/api-behaviour.md#tax-and-account-defaults) and taxes a line Factory counted at 0 %, and refuses an approved
 * document whose item has no account ("An account code must be specified for line items with an
 * amount"). So: the linked item's own account for this side, else the default account; the mapped
 * tax type of the line's rate, else (no rate, or a "no tax" document) the mapped "no tax" type. A
 * rounding line (lib/factory/order-remainder.ts) has no product: the default account, and its rate's
 * type or the "no tax" type like any other line, so Xero's tax on it is the one Factory stored.
 */
function mapLine(
  line: FactoryLine,
  doc: FactoryDocument,
  ctx: MappingContext,
  options: LineOptions,
): XeroLineItem {
  const item = line.productId ? ctx.items.get(line.productId) : undefined;
  const held = xeroUnitAmount(line, options.pricing);
  const out: XeroLineItem = {
    Description: fitToXero(line.description, "LineItem.Description", ctx.notes),
    Quantity: num(line.quantity),
    UnitAmount: num(held.unitAmount),
  };
  if (!new Decimal(held.discountPercent).isZero()) out.DiscountRate = num(held.discountPercent);
  if (item) out.ItemCode = item.code;
  const accountCode = item?.accountCode ?? ctx.accountCode;
  if (!accountCode) {
    throw new MappingError(
      line.kind === "rounding"
        ? `Choose a default ${options.direction} account on the Xero page: the rounding adjustment "${line.description}" goes to it.`
        : item
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

/**
 * Factory's number, then the party's own reference when there is one, within Xero's limit for the
 * field: the form leaves room for the number, so only a reference saved before it did is cut.
 */
export const referenceFor = (
  number: string,
  reference: string | null,
  field: Extract<XeroLimitKey, `${string}.Reference`>,
  notes?: string[],
): string => fitToXero(reference ? `${number} · ${reference}` : number, field, notes);
