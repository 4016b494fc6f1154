import { z } from "zod";

/** Voiding an invoice, a bill (lib/factory/void-documents.ts) or a credit note (credit-notes.ts): which one, as the page saw it. */
export const voidDocumentSchema = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
});
