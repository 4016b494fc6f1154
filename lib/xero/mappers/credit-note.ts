import { XERO_LINE_PRICING } from "@/lib/factory/money";
import { fitToXero } from "@/lib/xero/limits";
import { lineAmountTypes, mapLines, referenceFor } from "./lines";
import type { FactoryDocument, MappingContext, XeroCreditNotePayload } from "./types";

export interface FactoryCreditNote extends FactoryDocument {
  /** A customer credit (against an invoice) or a supplier credit (against a bill). */
  kind: "customer" | "supplier";
  /** The invoice (bill) credited: its Factory number names it in Xero. */
  credited: { id: string; number: string };
}

/**
 * Credit note → an AUTHORISED credit note, so it can be allocated to its invoice (bill) at once
 * (Xero allocates only approved credit notes). A customer credit is ACCRECCREDIT: Xero numbers it
 * (CN-…), and Factory's number goes in `Reference` beside the invoice's, with the customer's own
 * reference after them, as on invoices. A supplier credit is ACCPAYCREDIT, which has no Reference:
 * the supplier's credit note number goes in `CreditNoteNumber` (Factory's own number when the
 * supplier gave none), as a bill's supplier invoice number does. Both end with a description-only
 * line naming the Factory credit note and what it credits, so it can be found from either side.
 */
export function mapCreditNote(note: FactoryCreditNote, ctx: MappingContext): XeroCreditNotePayload {
  const customer = note.kind === "customer";
  const lineItems = mapLines(
    note,
    ctx,
    {
      pricing: XERO_LINE_PRICING[customer ? "credit_note" : "supplier_credit"],
      direction: customer ? "sales" : "purchase",
    },
    customer
      ? `Factory credit note #${note.number} · invoice #${note.credited.number}`
      : `Factory supplier credit #${note.number} · bill #${note.credited.number}`,
  );
  const common = {
    Contact: { ContactID: note.xeroContactId },
    Date: note.date,
    Status: "AUTHORISED" as const,
    LineAmountTypes: lineAmountTypes(note.taxMode),
    CurrencyCode: note.currency,
    LineItems: lineItems,
  };
  if (customer) {
    return {
      Type: "ACCRECCREDIT",
      ...common,
      Reference: referenceFor(
        `${note.number} · ${note.credited.number}`,
        note.reference,
        "CreditNote.Reference",
        ctx.notes,
      ),
    };
  }
  return {
    Type: "ACCPAYCREDIT",
    ...common,
    CreditNoteNumber: fitToXero(note.reference || note.number, "CreditNote.CreditNoteNumber", ctx.notes),
  };
}
