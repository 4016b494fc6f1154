import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findQuote } from "@/lib/db/queries/quotes";
import { formLine } from "@/lib/factory/document-fields";
import { canEditQuote } from "@/lib/factory/document-status";
import { lineEditorOptions, loadDocument } from "../../../_documents/document-page-parts";
import { QuoteForm } from "../../_components/quote-form";

export const metadata: Metadata = { title: "Edit quote" };

export default async function EditQuotePage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const quote = await loadDocument((await params).id, (id) => findQuote(getDb(), id));
  const header = (
    <PageHeader
      breadcrumb={
        <Link href={`/quotes/${quote.id}`} className="hover:underline">
          {quote.number}
        </Link>
      }
      title={`Edit ${quote.number}`}
    />
  );
  if (!canEditQuote(quote.status, quote.salesOrder !== null)) {
    return (
      <>
        {header}
        <Alert tone="warning">This quote can no longer be changed.</Alert>
      </>
    );
  }
  const options = await lineEditorOptions(
    quote.lines.map((line) => line.productId),
    quote.currency,
  );
  return (
    <>
      {header}
      <QuoteForm
        {...options}
        customerLabel={quote.customer.name}
        cancelHref={`/quotes/${quote.id}`}
        defaultValues={{
          id: quote.id,
          version: quote.version,
          idempotencyKey: randomUUID(),
          customerId: quote.customerId,
          issueDate: quote.issueDate,
          expiryDate: quote.expiryDate ?? "",
          currency: quote.currency,
          taxMode: quote.taxMode,
          reference: quote.reference ?? "",
          notes: quote.notes ?? "",
          lines: quote.lines.map((line) => formLine({ ...line, price: line.unitPrice })),
        }}
      />
    </>
  );
}
