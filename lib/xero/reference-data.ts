import type { Db } from "@/lib/db/client";
import { getXeroConnection, saveEnabledCurrencies } from "@/lib/db/queries/xero-connection";
import {
  getAccounts,
  getCurrencies,
  getTaxRates,
  type AccountOption,
  type TaxTypeOption,
} from "./api/reference-data";
import { withXero } from "./api/session";

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
 * when an account is archived or deleted, or a tax rate deleted (docs/certification.md#data-integrity: check before use).
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

/**
 * The organisation's accounts (every status, so archived mappings can be flagged), tax rates and
 * enabled currencies: three API calls through {@link withXero}. The currencies are also stored, since
 * forms and the send planner need them without a call (see {@link ensureEnabledCurrencies}).
 */
export async function loadReferenceData(db: Db): Promise<XeroReferenceData> {
  const reference = await withXero(db, async (api) => {
    const [accounts, taxTypes, currencies] = await Promise.all([
      getAccounts(api),
      getTaxRates(api),
      getCurrencies(api),
    ]);
    return { accounts, taxTypes, currencies };
  });
  await saveEnabledCurrencies(db, reference.currencies);
  return reference;
}

/**
 * The organisation's enabled currencies as stored, read from Xero (one call, then stored) only
 * when Factory has never read them for this organisation.
 */
export async function ensureEnabledCurrencies(db: Db): Promise<string[]> {
  const stored = (await getXeroConnection(db))?.enabledCurrencies;
  if (stored) return stored;
  const currencies = await withXero(db, getCurrencies);
  await saveEnabledCurrencies(db, currencies);
  return currencies;
}
