import { z } from "zod";

/** Voiding an invoice or a bill (lib/factory/void-documents.ts): which one, as the page saw it. */
export const voidDocumentSchema = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
});
