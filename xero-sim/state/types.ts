/**
 * In-memory records, kept close to Xero's wire shape (PascalCase) so serialising is cheap.
 * Dates are `YYYY-MM-DD` strings and `UpdatedDateUTC` is epoch milliseconds; `wire.ts`
 * turns both into Xero's `/Date(…)/` form on the way out.
 */
export interface ContactRecord {
  ContactID: string;
  Name: string;
  ContactStatus: "ACTIVE" | "ARCHIVED" | "GDPRREQUEST";
  IsCustomer: boolean;
  IsSupplier: boolean;
  UpdatedDateUTC: number;
  ContactNumber?: string;
  EmailAddress?: string;
  FirstName?: string;
  LastName?: string;
  [field: string]: unknown;
}

export interface ItemDetails {
  UnitPrice?: number;
  AccountCode?: string;
  TaxType?: string;
  COGSAccountCode?: string;
}

export interface ItemRecord {
  ItemID: string;
  Code: string;
  Name?: string;
  Description?: string;
  PurchaseDescription?: string;
  IsSold: boolean;
  IsPurchased: boolean;
  IsTrackedAsInventory: boolean;
  SalesDetails?: ItemDetails;
  PurchaseDetails?: ItemDetails;
  UpdatedDateUTC: number;
}

export interface LineRecord {
  LineItemID: string;
  Description?: string;
  Quantity?: number;
  UnitAmount?: number;
  ItemCode?: string;
  AccountCode?: string;
  TaxType?: string;
  TaxAmount: number;
  LineAmount: number;
  DiscountRate?: number;
  Tracking: unknown[];
}

/** Fields shared by invoices, quotes and purchase orders. */
export interface DocumentRecord {
  Contact: { ContactID: string; Name: string };
  LineItems: LineRecord[];
  Date: string;
  Status: string;
  LineAmountTypes: string;
  CurrencyCode: string;
  SubTotal: number;
  TotalTax: number;
  Total: number;
  TotalDiscount: number;
  Reference?: string;
  UpdatedDateUTC: number;
  [field: string]: unknown;
}

export interface InvoiceRecord extends DocumentRecord {
  InvoiceID: string;
  Type: "ACCREC" | "ACCPAY";
  InvoiceNumber?: string;
  DueDate?: string;
  AmountDue: number;
  AmountPaid: number;
  /** What credit notes allocated to the invoice take off its AmountDue. */
  AmountCredited?: number;
  FullyPaidOnDate?: string;
  /** Payments applied, oldest first (accounting/payments.ts); AmountPaid is their sum. */
  Payments?: PaymentRecord[];
}

/** A payment on an invoice or bill, as Xero lists it in the invoice's `Payments` (spec `Payment`). */
export interface PaymentRecord {
  PaymentID: string;
  /** `YYYY-MM-DD`. */
  Date: string;
  Amount: number;
  CurrencyRate: number;
  Reference?: string;
  PaymentType: "ACCRECPAYMENT" | "ACCPAYPAYMENT";
  /** A DELETED payment (removed) stays listed by GET /Payments but no longer counts on its invoice. */
  Status: "AUTHORISED" | "DELETED";
  /** The bank account (or one allowing payments) the money moved through. */
  Account?: { AccountID: string };
  UpdatedDateUTC: number;
}

/** A credit note (ACCRECCREDIT against sales, ACCPAYCREDIT against bills) and what is allocated of it. */
export interface CreditNoteRecord extends DocumentRecord {
  CreditNoteID: string;
  Type: "ACCRECCREDIT" | "ACCPAYCREDIT";
  CreditNoteNumber?: string;
  RemainingCredit: number;
  Allocations: AllocationRecord[];
}

export interface AllocationRecord {
  AllocationID: string;
  Amount: number;
  Date: string;
  Invoice: { InvoiceID: string; InvoiceNumber?: string };
}

export interface QuoteRecord extends DocumentRecord {
  QuoteID: string;
  QuoteNumber: string;
  ExpiryDate?: string;
}

export interface PurchaseOrderRecord extends DocumentRecord {
  PurchaseOrderID: string;
  PurchaseOrderNumber: string;
  DeliveryDate?: string;
}

export interface AccountRecord {
  AccountID: string;
  Code?: string;
  Name: string;
  Type: string;
  Class: "ASSET" | "EQUITY" | "EXPENSE" | "LIABILITY" | "REVENUE";
  Status: "ACTIVE" | "ARCHIVED";
  TaxType: string;
  SystemAccount?: string;
  Description?: string;
  EnablePaymentsToAccount: boolean;
  ShowInExpenseClaims: boolean;
  BankAccountType?: string;
  ReportingCode?: string;
  HasAttachments: boolean;
  UpdatedDateUTC: number;
}

export interface TaxRateRecord {
  Name: string;
  TaxType: string;
  ReportTaxType: string;
  Rate: number;
  Status: "ACTIVE" | "ARCHIVED";
  CanApplyToRevenue: boolean;
  CanApplyToExpenses: boolean;
}

/** One email Xero sent for an invoice (POST /Invoices/{id}/Email). */
export interface SentEmailRecord {
  EmailID: string;
  InvoiceID: string;
  InvoiceNumber?: string;
  ContactID: string;
  ContactName: string;
  To: string;
  SentDateUTC: number;
}

export interface OrgRecord {
  tenantId: string;
  Name: string;
  LegalName: string;
  ShortCode: string;
  BaseCurrency: string;
  CountryCode: string;
  Version: "NZ" | "UK";
  Timezone: string;
  TaxNumber: string;
  DefaultSalesTax: string;
  DefaultPurchasesTax: string;
  CreatedDateUTC: number;
  PeriodLockDate?: string;
  EndOfYearLockDate?: string;
  /** The "organisation offline" fault: every API call gets 503. */
  offline: boolean;
  currencies: { Code: string; Description: string }[];
  /**
   * The rate Xero applies to a foreign-currency document sent without one (its XE.com day rate):
   * units of that currency per one unit of the base currency.
   */
  dayRates: Record<string, number>;
  accounts: AccountRecord[];
  taxRates: TaxRateRecord[];
  contacts: Map<string, ContactRecord>;
  items: Map<string, ItemRecord>;
  invoices: Map<string, InvoiceRecord>;
  quotes: Map<string, QuoteRecord>;
  purchaseOrders: Map<string, PurchaseOrderRecord>;
  /** Invoices emailed to their contacts, oldest first (absent in state saved before emails existed). */
  sentEmails?: SentEmailRecord[];
  creditNotes: Map<string, CreditNoteRecord>;
  counters: { invoice: number; quote: number; purchaseOrder: number; creditNote?: number };
}
