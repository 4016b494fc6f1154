import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findInvoice } from "@/lib/db/queries/invoices";
import { loadDocument } from "../../../_documents/document-page-parts";
import { CreditPage } from "../../../credit-notes/_components/credit-page";

export const metadata: Metadata = { title: "Create credit note" };

export default async function CreditInvoicePage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const invoice = await loadDocument((await params).id, (id) => findInvoice(getDb(), id));
  return (
    <CreditPage
      credited={{
        kind: "customer",
        id: invoice.id,
        number: invoice.number,
        status: invoice.status,
        date: invoice.issueDate,
        partyName: invoice.salesOrder.customer.name,
        taxMode: invoice.taxMode,
        currency: invoice.currency,
        lines: invoice.lines.map((line) => ({ ...line, done: line.quantityCredited })),
      }}
    />
  );
}
