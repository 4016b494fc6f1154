"use server";

import { revalidatePath } from "next/cache";
import { ActionError, authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import {
  getXeroSettings,
  listTaxMappings,
  openDocumentsByTaxRate,
  saveTaxMapping,
  saveXeroSettings,
} from "@/lib/db/queries/xero-settings";
import { unmappedTaxRatesInUse } from "@/lib/linking/unmapped-tax-rates";
import { disconnectOrganisation } from "@/lib/xero/connect";
import { XeroError } from "@/lib/xero/api/errors";
import {
  accountFits,
  loadReferenceData,
  taxTypesFor,
  type XeroReferenceData,
} from "@/lib/xero/reference-data";
import { disconnectSchema, xeroSettingsSchema } from "./schema";

const admin = { role: "admin" } as const;

export const disconnectFromXero = authedAction(
  disconnectSchema,
  async (_input, { user }) => {
    try {
      await disconnectOrganisation(getDb(), user.id);
    } catch (error) {
      if (error instanceof XeroError) {
        throw new ActionError(
          `Xero didn't answer, so nothing was disconnected. Try again. (${error.message})`,
        );
      }
      throw error;
    }
    revalidatePath("/", "layout");
  },
  admin,
);

/** Account codes and tax types must be ones Xero offers for that purpose now (never free text). */
function checkAgainstXero(
  input: {
    salesAccountCode: string | null;
    purchaseAccountCode: string | null;
    salesNoTaxType: string | null;
    purchaseNoTaxType: string | null;
    taxMappings: { salesTaxType: string | null; purchaseTaxType: string | null }[];
  },
  reference: XeroReferenceData,
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const account = (field: "salesAccountCode" | "purchaseAccountCode", purpose: "sales" | "purchases") => {
    const code = input[field];
    if (code && !reference.accounts.some((a) => a.code === code && accountFits(a, purpose))) {
      errors[field] = ["Choose an active account from the list"];
    }
  };
  account("salesAccountCode", "sales");
  account("purchaseAccountCode", "purchases");
  const sales = new Set(taxTypesFor(reference.taxTypes, "sales").map((t) => t.taxType));
  const purchases = new Set(taxTypesFor(reference.taxTypes, "purchases").map((t) => t.taxType));
  if (input.salesNoTaxType && !sales.has(input.salesNoTaxType))
    errors.salesNoTaxType = ["Choose from the list"];
  if (input.purchaseNoTaxType && !purchases.has(input.purchaseNoTaxType))
    errors.purchaseNoTaxType = ["Choose from the list"];
  input.taxMappings.forEach((m, i) => {
    if (m.salesTaxType && !sales.has(m.salesTaxType))
      errors[`taxMappings.${i}.salesTaxType`] = ["Choose from the list"];
    if (m.purchaseTaxType && !purchases.has(m.purchaseTaxType)) {
      errors[`taxMappings.${i}.purchaseTaxType`] = ["Choose from the list"];
    }
  });
  return errors;
}

export const saveXeroIntegrationSettings = authedAction(
  xeroSettingsSchema,
  async ({ taxMappings, ...settings }, { user }) => {
    const db = getDb();
    const [before, mappingsBefore] = await Promise.all([getXeroSettings(db), listTaxMappings(db)]);
    const mappingOf = new Map(mappingsBefore.map((m) => [m.taxRateId, m]));
    const changedMappings = taxMappings.filter((m) => {
      const old = mappingOf.get(m.taxRateId);
      return !old || old.salesTaxType !== m.salesTaxType || old.purchaseTaxType !== m.purchaseTaxType;
    });
    const codesChanged =
      before.salesAccountCode !== settings.salesAccountCode ||
      before.purchaseAccountCode !== settings.purchaseAccountCode;
    const noTaxChanged =
      before.salesNoTaxType !== settings.salesNoTaxType ||
      before.purchaseNoTaxType !== settings.purchaseNoTaxType;

    if (codesChanged || noTaxChanged || changedMappings.length) {
      let reference: XeroReferenceData;
      try {
        reference = await loadReferenceData(db);
      } catch (error) {
        if (!(error instanceof XeroError)) throw error;
        throw new ActionError(`Couldn't check the accounts and tax rates with Xero: ${error.message}`);
      }
      const fieldErrors = checkAgainstXero(
        {
          salesAccountCode: codesChanged ? settings.salesAccountCode : null,
          purchaseAccountCode: codesChanged ? settings.purchaseAccountCode : null,
          salesNoTaxType: noTaxChanged ? settings.salesNoTaxType : null,
          purchaseNoTaxType: noTaxChanged ? settings.purchaseNoTaxType : null,
          taxMappings: changedMappings,
        },
        reference,
      );
      if (Object.keys(fieldErrors).length)
        throw new ActionError("Check the highlighted fields.", fieldErrors);
    }

    const changedKeys = (Object.keys(settings) as (keyof typeof settings)[]).filter(
      (key) => settings[key] !== before[key],
    );
    await db.transaction(async (tx) => {
      if (changedKeys.length) {
        await saveXeroSettings(tx, settings, user.id);
        await recordAudit(tx, {
          userId: user.id,
          entityType: "xero_settings",
          entityId: "1",
          action: "updated",
          before: Object.fromEntries(changedKeys.map((k) => [k, before[k]])),
          after: Object.fromEntries(changedKeys.map((k) => [k, settings[k]])),
        });
      }
      for (const mapping of changedMappings) {
        const old = mappingOf.get(mapping.taxRateId);
        await saveTaxMapping(tx, mapping);
        await recordAudit(tx, {
          userId: user.id,
          entityType: "xero_settings",
          entityId: "1",
          action: "tax_mapping_updated",
          before: {
            taxRate: old?.taxRateName,
            sales: old?.salesTaxType ?? null,
            purchases: old?.purchaseTaxType ?? null,
          },
          after: {
            taxRate: old?.taxRateName,
            sales: mapping.salesTaxType,
            purchases: mapping.purchaseTaxType,
          },
        });
      }
    });
    revalidatePath("/xero");
    const [mappingsAfter, uses] = await Promise.all([listTaxMappings(db), openDocumentsByTaxRate(db)]);
    return {
      changed: changedKeys.length + changedMappings.length,
      warnings: unmappedTaxRatesInUse(mappingsAfter, uses).map((unmapped) => unmapped.message),
    };
  },
  admin,
);
