import { z } from "zod";
import { xeroMax } from "@/lib/xero/limits";
import { isoDate, MAX_LINES, MAX_NOTES, referenceField, takeQuantityField } from "./document-fields";
import { optionalText } from "./record-fields";

/**
 * "Create credit note" on an invoice, or "Supplier credit" on a bill: which of its lines and how much
 * of each to credit (zero skips a line). The quantities are checked on the server, under a lock on the
 * invoice (bill), against what is left to credit of each line (lib/factory/credit-notes.ts).
 */
export const createCreditNoteSchema = z
  .object({
    kind: z.enum(["customer", "supplier"]),
    /** The invoice (customer credit) or bill (supplier credit) credited. */
    creditedId: z.uuid(),
    idempotencyKey: z.uuid(),
    creditDate: isoDate("Credit date"),
    /**
     * A customer credit: the customer's reference, sent after Factory's numbers. A supplier credit:
     * the supplier's own credit note number, Xero's CreditNoteNumber.
     */
    reference: z.string().trim(),
    notes: optionalText("Notes", MAX_NOTES),
    lines: z
      .array(z.object({ lineId: z.uuid(), quantity: takeQuantityField }))
      .min(1, "Choose at least one line.")
      .max(MAX_LINES),
  })
  .superRefine((input, ctx) => {
    const checked =
      input.kind === "customer"
        ? referenceField.safeParse(input.reference)
        : z
            .string()
            .max(
              xeroMax("CreditNote.CreditNoteNumber"),
              `The supplier's credit note number can be at most ${xeroMax("CreditNote.CreditNoteNumber")} characters.`,
            )
            .safeParse(input.reference);
    if (!checked.success) {
      ctx.addIssue({ code: "custom", path: ["reference"], message: checked.error.issues[0]?.message ?? "" });
    }
    if (input.lines.every((line) => Number(line.quantity) === 0)) {
      ctx.addIssue({ code: "custom", path: ["lines"], message: "Credit at least one line." });
    }
  });

export type CreateCreditNoteInput = z.infer<typeof createCreditNoteSchema>;
