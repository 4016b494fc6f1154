import { z } from "zod";
import type { Product } from "@/lib/db/schema";
import { xeroMax } from "@/lib/xero/limits";
import { MAX_UNIT_PRICE, toFixed, UNIT_PRICE_DP } from "./money";
import { idempotencyKey, nullIfEmpty, optionalText, recordVersion, requiredText } from "./record-fields";

/** A price or cost as typed: 0 or more, up to 4 decimals (Xero's `unitdp=4`), kept as a decimal string. */
const unitAmount = (label: string) =>
  z
    .string()
    .trim()
    .regex(
      new RegExp(`^\\d+(\\.\\d{1,${UNIT_PRICE_DP}})?$`),
      `Enter ${label} of 0 or more, with at most ${UNIT_PRICE_DP} decimals`,
    )
    .refine(
      (value) => Number(value) <= MAX_UNIT_PRICE,
      `Enter at most ${MAX_UNIT_PRICE.toLocaleString("en-NZ")}`,
    )
    // The form Postgres returns numeric(18, 4) in, so a resubmitted unchanged price compares equal.
    .transform((value) => toFixed(value, UNIT_PRICE_DP));

const productFields = {
  // The SKU is the Xero item's code: a longer one could never be linked.
  sku: requiredText("a SKU", xeroMax("Item.Code")),
  // Longer than Xero's item name may be: an item created from the product takes it shortened, and says so.
  name: requiredText("a name", 200),
  description: nullIfEmpty(optionalText("Description", xeroMax("Item.Description"))),
  unit: requiredText("a unit, such as each, kg or m", 20),
  salePrice: unitAmount("a sale price"),
  purchaseCost: unitAmount("a purchase cost"),
  taxRateId: z.uuid("Choose a tax rate"),
  active: z.boolean(),
};

/**
 * The product form. The actions' schemas below are these fields plus the hidden keys (idempotency
 * key; id and version), so client and server validate alike.
 */
export const productFormSchema = z.object(productFields);
export const createProductSchema = z.object({ ...productFields, idempotencyKey });
/**
 * What the edit action takes. `updateXeroItem`: send the edit on to the linked Xero item too (name,
 * description, prices; lib/linking/item-updates.ts), ticked by default for an item made from the product.
 */
export const updateProductSchema = z.object({
  ...productFields,
  id: z.uuid(),
  version: recordVersion,
  updateXeroItem: z.boolean().default(false),
});
export const productTargetSchema = z.object({ id: z.uuid(), version: recordVersion });

export type CreateProductInput = z.input<typeof createProductSchema>;
export type UpdateProductInput = z.input<typeof updateProductSchema>;
export type ProductFormValues = z.input<typeof productFormSchema>;
export type ProductFormOutput = z.output<typeof productFormSchema>;
export type ProductChanges = Omit<z.output<typeof updateProductSchema>, "id" | "version" | "updateXeroItem">;

/** The form's starting values: blank (with the default tax rate) for a new product, or the product's own. */
export function productFormDefaults(
  product:
    | Pick<
        Product,
        "sku" | "name" | "description" | "unit" | "salePrice" | "purchaseCost" | "taxRateId" | "active"
      >
    | undefined,
  defaultTaxRateId: string,
): ProductFormValues {
  return {
    sku: product?.sku ?? "",
    name: product?.name ?? "",
    description: product?.description ?? "",
    unit: product?.unit ?? "each",
    salePrice: product?.salePrice ?? "0",
    purchaseCost: product?.purchaseCost ?? "0",
    taxRateId: product?.taxRateId ?? defaultTaxRateId,
    active: product?.active ?? true,
  };
}
