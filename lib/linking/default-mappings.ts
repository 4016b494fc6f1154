import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import {
  getXeroSettings,
  listTaxMappings,
  saveTaxMapping,
  saveXeroSettings,
  type TaxMappingRow,
  type XeroSettingsValues,
} from "@/lib/db/queries/xero-settings";
import {
  accountsFor,
  loadReferenceData,
  taxTypesFor,
  type AccountPurpose,
  type XeroReferenceData,
} from "@/lib/xero/reference-data";
import type { AccountOption, TaxTypeOption } from "@/lib/xero/api/reference-data";

/** Xero's default chart of accounts codes for sales and purchases, preferred when present. */
const PREFERRED_ACCOUNT: Record<AccountPurpose, string> = { sales: "200", purchases: "300" };
/** Words that say nothing about which of several same-rate tax types is meant. */
const GENERIC_WORDS = new Set([
  "gst",
  "vat",
  "tax",
  "on",
  "income",
  "expenses",
  "sales",
  "purchases",
  "rate",
]);

export interface SuggestedMappings {
  salesAccountCode?: string;
  purchaseAccountCode?: string;
  taxMappings: { taxRateId: string; salesTaxType: string | null; purchaseTaxType: string | null }[];
}

function suggestAccount(accounts: AccountOption[], purpose: AccountPurpose): string | undefined {
  const usable = accountsFor(accounts, purpose);
  return (usable.find((a) => a.code === PREFERRED_ACCOUNT[purpose]) ?? usable[0])?.code;
}

const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word && !GENERIC_WORDS.has(word) && !/^\d+$/.test(word)),
  );

/**
 * The tax type for a Factory rate: the only active one of the same percentage, else the one whose
 * name shares words with the Factory rate's ("Zero rated" → "Zero Rated"), else for 0% Xero's NONE.
 * Ambiguity is left for the admin rather than guessed.
 */
function suggestTaxType(
  rate: Pick<TaxMappingRow, "taxRateName" | "percent">,
  taxTypes: TaxTypeOption[],
  purpose: AccountPurpose,
): string | undefined {
  const candidates = taxTypesFor(taxTypes, purpose).filter((t) => t.rate === Number(rate.percent));
  if (candidates.length === 1) return candidates[0]?.taxType;
  const wanted = words(rate.taxRateName);
  const scored = candidates
    .map((t) => ({ t, score: [...words(t.name)].filter((word) => wanted.has(word)).length }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score);
  if (scored[0] && scored[0].score !== scored[1]?.score) return scored[0].t.taxType;
  if (Number(rate.percent) === 0) return candidates.find((t) => t.taxType === "NONE")?.taxType;
  return undefined;
}

/** Fills only what is unset: an admin's choice is never replaced. Pure, for testing. */
export function suggestMappings(
  reference: Pick<XeroReferenceData, "accounts" | "taxTypes">,
  settings: Pick<XeroSettingsValues, "salesAccountCode" | "purchaseAccountCode">,
  mappings: TaxMappingRow[],
): SuggestedMappings {
  const taxMappings = mappings.flatMap((m) => {
    if (!m.active) return [];
    const salesTaxType = m.salesTaxType ?? suggestTaxType(m, reference.taxTypes, "sales") ?? null;
    const purchaseTaxType = m.purchaseTaxType ?? suggestTaxType(m, reference.taxTypes, "purchases") ?? null;
    const changed = salesTaxType !== m.salesTaxType || purchaseTaxType !== m.purchaseTaxType;
    return changed ? [{ taxRateId: m.taxRateId, salesTaxType, purchaseTaxType }] : [];
  });
  return {
    salesAccountCode: settings.salesAccountCode ? undefined : suggestAccount(reference.accounts, "sales"),
    purchaseAccountCode: settings.purchaseAccountCode
      ? undefined
      : suggestAccount(reference.accounts, "purchases"),
    taxMappings,
  };
}

/**
 * Right after connecting: proposes the default accounts and tax mappings from the organisation's own
 * chart and tax rates, so documents can flow at once. Audited as a settings change; the admin can
 * change any of it on the Xero page. Costs two Xero calls.
 */
export async function applyDefaultMappings(db: Db, userId: string): Promise<SuggestedMappings> {
  const reference = await loadReferenceData(db);
  return db.transaction(async (tx) => {
    const settings = await getXeroSettings(tx);
    const mappings = await listTaxMappings(tx);
    const suggested = suggestMappings(reference, settings, mappings);
    if (!suggested.salesAccountCode && !suggested.purchaseAccountCode && suggested.taxMappings.length === 0) {
      return suggested;
    }
    const next = {
      ...settings,
      salesAccountCode: settings.salesAccountCode ?? suggested.salesAccountCode ?? null,
      purchaseAccountCode: settings.purchaseAccountCode ?? suggested.purchaseAccountCode ?? null,
    };
    await saveXeroSettings(tx, next, userId);
    for (const mapping of suggested.taxMappings) await saveTaxMapping(tx, mapping);
    await recordAudit(tx, {
      userId,
      entityType: "xero_settings",
      entityId: "1",
      action: "defaults_from_organisation",
      before: {
        salesAccountCode: settings.salesAccountCode,
        purchaseAccountCode: settings.purchaseAccountCode,
      },
      after: {
        salesAccountCode: next.salesAccountCode,
        purchaseAccountCode: next.purchaseAccountCode,
        taxMappings: suggested.taxMappings,
      },
    });
    return suggested;
  });
}
