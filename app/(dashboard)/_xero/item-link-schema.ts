import { z } from "zod";

export const itemSearchSchema = z.object({ term: z.string().max(20_000) });

export const itemLinkSchema = z.object({ productId: z.uuid(), itemId: z.uuid().nullable() });

export const productRefSchema = z.object({ productId: z.uuid() });

/** The SKU matcher's confirmed rows: the product and the item the preview showed for it. */
export const skuMatchesSchema = z.object({
  matches: z.array(z.object({ productId: z.uuid(), itemId: z.uuid() })).max(10_000),
});
