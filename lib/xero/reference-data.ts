import { Account, TaxRate, type CurrencyCode } from "xero-node";
import type { Db } from "@/lib/db/client";
import { getXeroConnection, saveEnabledCurrencies } from "@/lib/db/queries/xero-connection";
import { withXero } from "./api/session";

/** An account as the settings page offers it. */
export interface AccountOption {
  code: string;
  name: string;
  type: string;
  active: boolean;
  /** Xero system accounts (receivables, GST, rounding…) must not take document lines (certification 14.5). */
  system: boolean;
}

export interface TaxTypeOption {
  taxType: string;
  name: string;
  rate: number;
  active: boolean;
  canApplyToRevenue: boolean;
  canApplyToExpenses: boolean;
}

export interface XeroReferenceData {
  accounts: AccountOption[];
  taxTypes: TaxTypeOption[];
  /** The organisation's enabled currency codes (GET /Currencies). */
  currencies: string[];
}

/** Xero AccountType values (wire strings) that may take sales lines. */
const SALES_TYPES = new Set(["REVENUE", "SALES", "OTHERINCOME"]);
/** Account types that may take purchase lines: expenses, direct costs, overheads, and stock/fixed assets bought. */
const PURCHASE_TYPES = new Set(["EXPENSE", "DIRECTCOSTS", "OVERHEADS", "INVENTORY", "FIXED"]);

export type AccountPurpose = "sales" | "purchases";

/** Whether an account can be chosen for lines of this purpose: ACTIVE, right type, not a system account. */
export function accountFits(account: AccountOption, purpose: AccountPurpose): boolean {
  const types = purpose === "sales" ? SALES_TYPES : PURCHASE_TYPES;
  return account.active && !account.system && types.has(account.type);
}

export function accountsFor(accounts: AccountOption[], purpose: AccountPurpose): AccountOption[] {
  return accounts.filter((a) => accountFits(a, purpose)).sort((a, b) => a.code.localeCompare(b.code));
}

export function taxTypesFor(taxTypes: TaxTypeOption[], purpose: AccountPurpose): TaxTypeOption[] {
  return taxTypes.filter(
    (t) => t.active && (purpose === "sales" ? t.canApplyToRevenue : t.canApplyToExpenses),
  );
}

/**
 * Why a saved choice no longer works in Xero, or undefined when it still does. A mapping goes stale
 * when an account is archived or deleted, or a tax rate deleted (certification 14.1: check before use).
 */
export function staleAccountReason(
  code: string | null,
  accounts: AccountOption[],
  purpose: AccountPurpose,
): string | undefined {
  if (!code) return undefined;
  const account = accounts.find((a) => a.code === code);
  if (!account) return `Account ${code} no longer exists in Xero.`;
  if (!account.active) return `Account ${code} ${account.name} is archived in Xero.`;
  if (!accountFits(account, purpose)) return `Account ${code} ${account.name} can't take ${purpose} lines.`;
  return undefined;
}

export function staleTaxTypeReason(
  taxType: string | null,
  taxTypes: TaxTypeOption[],
  purpose: AccountPurpose,
): string | undefined {
  if (!taxType) return undefined;
  const rate = taxTypes.find((t) => t.taxType === taxType);
  if (!rate) return `Tax rate ${taxType} no longer exists in Xero.`;
  if (!rate.active) return `Tax rate ${rate.name} has been deleted in Xero.`;
  if (!taxTypesFor([rate], purpose).length) return `Tax rate ${rate.name} can't be used on ${purpose}.`;
  return undefined;
}

function toAccountOption(account: Account): AccountOption | undefined {
  if (!account.code) return undefined;
  return {
    code: account.code,
    name: account.name ?? account.code,
    type: String(account.type ?? ""),
    active: account.status === Account.StatusEnum.ACTIVE,
    system: account.systemAccount !== undefined && account.systemAccount !== null,
  };
}

function toTaxTypeOption(rate: TaxRate): TaxTypeOption | undefined {
  if (!rate.taxType) return undefined;
  return {
    taxType: rate.taxType,
    name: rate.name ?? rate.taxType,
    rate: rate.effectiveRate ?? rate.displayTaxRate ?? 0,
    active: rate.status === TaxRate.StatusEnum.ACTIVE,
    canApplyToRevenue: rate.canApplyToRevenue === true,
    canApplyToExpenses: rate.canApplyToExpenses === true,
  };
}

/**
 * The organisation's accounts (every status, so archived mappings can be flagged), tax rates and
 * enabled currencies: three API calls through {@link withXero}. The currencies are also stored, since
 * forms and the send planner need them without a call (see {@link ensureEnabledCurrencies}).
 */
export async function loadReferenceData(db: Db): Promise<XeroReferenceData> {
  const reference = await withXero(db, async ({ accounting, tenantId }) => {
    const [accounts, taxRates, currencies] = await Promise.all([
      accounting.getAccounts(tenantId),
      accounting.getTaxRates(tenantId),
      accounting.getCurrencies(tenantId),
    ]);
    return {
      accounts: (accounts.body.accounts ?? []).map(toAccountOption).filter((a) => a !== undefined),
      taxTypes: (taxRates.body.taxRates ?? []).map(toTaxTypeOption).filter((t) => t !== undefined),
      currencies: currencyCodes(currencies.body.currencies),
    };
  });
  await saveEnabledCurrencies(db, reference.currencies);
  return reference;
}

/** xero-node types CurrencyCode as a numeric enum; on the wire and at run time it is the ISO code. */
export function currencyCodes(currencies: { code?: CurrencyCode }[] | undefined): string[] {
  return (currencies ?? [])
    .map((c) => (c.code === undefined ? "" : String(c.code)))
    .filter((code) => /^[A-Z]{3}$/.test(code));
}

/**
 * The organisation's enabled currencies as stored, read from Xero (one call, then stored) only
 * when Factory has never read them for this organisation.
 */
export async function ensureEnabledCurrencies(db: Db): Promise<string[]> {
  const stored = (await getXeroConnection(db))?.enabledCurrencies;
  if (stored) return stored;
  const currencies = await withXero(db, async ({ accounting, tenantId }) =>
    currencyCodes((await accounting.getCurrencies(tenantId)).body.currencies),
  );
  await saveEnabledCurrencies(db, currencies);
  return currencies;
}
