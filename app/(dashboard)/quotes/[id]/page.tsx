import type { Metadata } from "next";
import Link from "next/link";
import { ConvertQuoteButton } from "@/components/documents/convert-quote-button";
import { DocumentLinesTable } from "@/components/documents/document-lines-table";
import { StatusActions } from "@/components/documents/status-actions";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findQuote } from "@/lib/db/queries/quotes";
import {
  canConvertQuote,
  canEditQuote,
  QUOTE_STATUS_LABELS,
  quoteStatusChoices,
} from "@/lib/factory/document-status";
import { formatDay } from "@/lib/ui/dates";
import { DocumentPageLayout, partyItem } from "../../_documents/document-page-layout";
import { historyItems, loadDocument } from "../../_documents/document-page-parts";
import { convertQuote, updateQuoteStatus } from "../actions";
import { XeroSyncSection } from "../../_sync/xero-sync-section";

export const metadata: Metadata = { title: "Quote" };

const MARK_LABELS = {
  draft: "Back to draft",
  sent: "Mark as sent",
  accepted: "Mark accepted",
  declined: "Mark declined",
};

export default async function QuotePage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const quote = await loadDocument((await params).id, (id) => findQuote(getDb(), id));
  const converted = quote.salesOrder !== null;
  return (
    <DocumentPageLayout
      document={quote}
      list={{ href: "/quotes", label: "Quotes" }}
      title={`Quote ${quote.number}`}
      statusLabel={QUOTE_STATUS_LABELS[quote.status]}
      party={quote.customer.name}
      editHref={canEditQuote(quote.status, converted) ? `/quotes/${quote.id}/edit` : null}
      actions={
        <>
          <StatusActions
            id={quote.id}
            version={quote.version}
            choices={quoteStatusChoices(quote.status, converted)}
            labels={MARK_LABELS}
            action={updateQuoteStatus}
          />
          {canConvertQuote(quote.status, converted) ? (
            <ConvertQuoteButton
              id={quote.id}
              version={quote.version}
              number={quote.number}
              action={convertQuote}
            />
          ) : null}
        </>
      }
      details={[
        partyItem("customer", quote.customer),
        { label: "Quote date", value: formatDay(quote.issueDate) },
        { label: "Expires", value: quote.expiryDate && formatDay(quote.expiryDate) },
        { label: "Reference", value: quote.reference },
        { label: "Currency", value: quote.currency },
        {
          label: "Sales order",
          value: quote.salesOrder ? (
            <Link href={`/sales-orders/${quote.salesOrder.id}`} className="font-medium hover:underline">
              {quote.salesOrder.number}
            </Link>
          ) : null,
        },
        ...(await historyItems(quote)),
      ]}
      sync={
        <XeroSyncSection
          type="quote"
          ids={[quote.id]}
          objectName="quote"
          party={{ kind: "customer", id: quote.customerId }}
          currency={quote.currency}
        />
      }
      lines={<DocumentLinesTable lines={quote.lines} currency={quote.currency} />}
    />
  );
}
