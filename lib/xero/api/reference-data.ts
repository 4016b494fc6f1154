import { Account, TaxRate, type CurrencyCode } from "xero-node";
import type { XeroApi } from "./session";

/** An account as the settings page offers it. */
export interface AccountOption {
  code: string;
  name: string;
  type: string;
  active: boolean;
  /** Xero system accounts (receivables, GST, rounding…) must not take document lines (docs/certification.md#data-integrity). */
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

/** xero-node types CurrencyCode as a numeric enum; on the wire and at run time it is the ISO code. */
export function currencyCodes(currencies: { code?: CurrencyCode }[] | undefined): string[] {
  return (currencies ?? [])
    .map((c) => (c.code === undefined ? "" : String(c.code)))
    .filter((code) => /^[A-Z]{3}$/.test(code));
}

/** GET /Accounts: every account, whatever its status, so archived mappings can be flagged. */
export async function getAccounts({ accounting, tenantId }: XeroApi): Promise<AccountOption[]> {
  const { body } = await accounting.getAccounts(tenantId);
  return (body.accounts ?? []).map(toAccountOption).filter((a) => a !== undefined);
}

/** GET /TaxRates. */
export async function getTaxRates({ accounting, tenantId }: XeroApi): Promise<TaxTypeOption[]> {
  const { body } = await accounting.getTaxRates(tenantId);
  return (body.taxRates ?? []).map(toTaxTypeOption).filter((t) => t !== undefined);
}

/** GET /Currencies: the organisation's enabled ISO currency codes. */
export async function getCurrencies({ accounting, tenantId }: XeroApi): Promise<string[]> {
  const { body } = await accounting.getCurrencies(tenantId);
  return currencyCodes(body.currencies);
}
