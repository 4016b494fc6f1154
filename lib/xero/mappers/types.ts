import type { TaxMode } from "@/lib/db/schema";

/** A document line as the mappers need it: Factory's own decimal strings, no database types. */
export interface FactoryLine {
  /** An order's last invoice (bill) may end with "rounding" lines: no product, quantity 1. */
  kind?: "item" | "rounding";
  description: string;
  /** 4-dp decimal string. */
  quantity: string;
  /** Unit price (sales) or unit cost (purchases), 4-dp decimal string. */
  unitPrice: string;
  /** Percent off, "0" for none. */
  discountPercent: string;
  productId: string | null;
  taxRateId: string | null;
}

/** The header fields every Factory document shares, plus its Xero contact. */
export interface FactoryDocument {
  id: string;
  /** Q-00001, SO-00042, SI-00003, PO-00007, BL-00002, CN-00001, SC-00001. */
  number: string;
  currency: string;
  taxMode: TaxMode;
  /** YYYY-MM-DD. */
  date: string;
  /** The party's reference (their order number), if any. */
  reference: string | null;
  /** The linked Xero ContactID of the customer or supplier. */
  xeroContactId: string;
  lines: readonly FactoryLine[];
}

/**
 * What the mappers read from settings and links. Sales documents use the sales account and the sales
 * tax types; purchase documents the purchase ones (Xero's tax types are direction-specific).
 */
export interface MappingContext {
  /** The app's public origin (APP_URL), for `Url` back-links. */
  appUrl: string;
  /** Default account: for lines of unlinked products, and of items with no account on this side. */
  accountCode: string | null;
  /** Factory tax rate id → Xero TaxType for this direction. */
  taxTypes: ReadonlyMap<string, string>;
  /** The Xero TaxType of lines Factory does not tax (no rate, or a "no tax" document). */
  noTaxType: string;
  /** Factory product id → the linked Xero item's Code and its account on this side. */
  items: ReadonlyMap<string, { code: string; accountCode: string | null }>;
  /**
   * Where a value had to be cut to Xero's limit (lib/xero/limits.ts), the mapper adds a note here,
   * e.g. "Reference shortened to Xero's 255 characters", for the document's Xero card.
   */
  notes?: string[];
}

/** A Xero LineItem on the wire (PascalCase, as the Accounting API takes it). */
export interface XeroLineItem {
  Description: string;
  Quantity?: number;
  UnitAmount?: number;
  ItemCode?: string;
  AccountCode?: string;
  TaxType?: string;
  DiscountRate?: number;
}

export interface XeroContactRef {
  ContactID: string;
}

/** Invoices and purchase orders: `Exclusive | Inclusive | NoTax` (docs/xero/api-behaviour.md#quotes). */
export type XeroLineAmountTypes = "Exclusive" | "Inclusive" | "NoTax";
/** Quotes only: the same three in upper case (`QuoteLineAmountTypes`, xero-sim/openapi/xero_accounting.yaml:24355). */
export type XeroQuoteLineAmountTypes = "EXCLUSIVE" | "INCLUSIVE" | "NOTAX";

export interface XeroQuotePayload {
  Contact: XeroContactRef;
  Date: string;
  ExpiryDate?: string;
  Status: "DRAFT";
  LineAmountTypes: XeroQuoteLineAmountTypes;
  CurrencyCode: string;
  Reference: string;
  LineItems: XeroLineItem[];
}

export interface XeroInvoicePayload {
  Type: "ACCREC" | "ACCPAY";
  Contact: XeroContactRef;
  Date: string;
  DueDate?: string;
  Status: "DRAFT" | "SUBMITTED" | "AUTHORISED";
  LineAmountTypes: XeroLineAmountTypes;
  CurrencyCode: string;
  /** ACCREC only: Xero has no Reference on bills (docs/xero/api-behaviour.md#invoices-sales-orders-invoices-and-bills). */
  Reference?: string;
  /** ACCPAY: the supplier's invoice number, shown as "Reference" in Xero's UI. */
  InvoiceNumber?: string;
  Url: string;
  LineItems: XeroLineItem[];
}

export interface XeroCreditNotePayload {
  Type: "ACCRECCREDIT" | "ACCPAYCREDIT";
  Contact: XeroContactRef;
  Date: string;
  Status: "AUTHORISED";
  LineAmountTypes: XeroLineAmountTypes;
  CurrencyCode: string;
  /** ACCRECCREDIT only, as on invoices. */
  Reference?: string;
  /** ACCPAYCREDIT: the supplier's own credit note number (Xero numbers customer credits itself). */
  CreditNoteNumber?: string;
  LineItems: XeroLineItem[];
}

export interface XeroPurchaseOrderPayload {
  Contact: XeroContactRef;
  Date: string;
  DeliveryDate?: string;
  DeliveryAddress?: string;
  DeliveryInstructions?: string;
  Status: "DRAFT" | "SUBMITTED" | "AUTHORISED";
  LineAmountTypes: XeroLineAmountTypes;
  CurrencyCode: string;
  Reference: string;
  LineItems: XeroLineItem[];
}

/** A document that cannot be mapped until a person fixes a setting; the message says which. */
export class MappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MappingError";
  }
}
