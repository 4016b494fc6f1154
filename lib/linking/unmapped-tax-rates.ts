import type { TaxMappingRow, TaxRateUse } from "@/lib/db/queries/xero-settings";

export interface UnmappedTaxRate {
  taxRateId: string;
  side: "sales" | "purchases";
  documents: number;
  /** "GST 15% isn't mapped on sales, and 3 open documents use it: …" */
  message: string;
}

const plural = (count: number) => (count === 1 ? "1 open document uses" : `${count} open documents use`);

/**
 * Tax rates left "Not mapped" on a side where open documents use them: each of those documents would
 * fail to send to Xero (there is no Xero tax type to send), so the Xero page warns on saving.
 */
export function unmappedTaxRatesInUse(
  mappings: Pick<TaxMappingRow, "taxRateId" | "taxRateName" | "salesTaxType" | "purchaseTaxType">[],
  uses: TaxRateUse[],
): UnmappedTaxRate[] {
  const byRate = new Map(mappings.map((mapping) => [mapping.taxRateId, mapping]));
  return uses.flatMap((use) => {
    const mapping = byRate.get(use.taxRateId);
    if (!mapping || use.documents === 0) return [];
    const mapped = use.side === "sales" ? mapping.salesTaxType : mapping.purchaseTaxType;
    if (mapped) return [];
    return [
      {
        ...use,
        message: `${mapping.taxRateName} isn't mapped on ${use.side}, and ${plural(use.documents)} it: they can't be sent to Xero until it is.`,
      },
    ];
  });
}
