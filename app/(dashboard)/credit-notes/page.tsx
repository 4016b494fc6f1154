import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { listCreditNotes } from "@/lib/db/queries/credit-notes";
import type { CreditNoteKind } from "@/lib/db/schema";
import { CREDIT_NOTE_STATUS_LABELS, CREDIT_NOTE_STATUSES } from "@/lib/factory/document-status";
import { readChoice, type SearchParams } from "@/lib/ui/list-params";
import { DocumentListPage } from "../_documents/document-list-page";

export const metadata: Metadata = { title: "Credit notes" };

/** Credit notes against invoices and supplier credits against bills, one kind at a time (`?kind=supplier`). */
export default async function CreditNotesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const kind = readChoice<CreditNoteKind>(params, "kind", ["customer", "supplier"], "customer");
  const customer = kind === "customer";
  return (
    <DocumentListPage
      searchParams={params}
      config={{
        path: "/credit-notes",
        one: customer ? "credit note" : "supplier credit",
        many: customer ? "credit notes" : "supplier credits",
        party: customer ? "Customer" : "Supplier",
        dateLabel: "Credit date",
        statuses: CREDIT_NOTE_STATUSES,
        statusLabels: CREDIT_NOTE_STATUS_LABELS,
        searchPlaceholder: customer
          ? "Search number, reference, customer or invoice"
          : "Search number, supplier's credit number, supplier or bill",
        madeFrom: customer
          ? {
              column: "Invoice",
              many: "invoices",
              path: "/invoices",
              how: "Credit notes are made against invoices: open an invoice and choose “Create credit note”.",
            }
          : {
              column: "Bill",
              many: "bills",
              path: "/bills",
              how: "Supplier credits are recorded against bills: open a bill and choose “Supplier credit”.",
            },
        views: {
          param: "kind",
          value: kind,
          options: [
            { value: "customer", label: "Credit notes", href: "/credit-notes" },
            { value: "supplier", label: "Supplier credits", href: "/credit-notes?kind=supplier" },
          ],
        },
        list: (query) => listCreditNotes(getDb(), kind, query),
      }}
    />
  );
}
