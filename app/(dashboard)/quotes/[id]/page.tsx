import { Pencil } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ConvertQuoteButton } from "@/components/documents/convert-quote-button";
import { DocumentLinesTable } from "@/components/documents/document-lines-table";
import { DocumentTotals } from "@/components/documents/document-totals";
import { StatusActions } from "@/components/documents/status-actions";
import { DefinitionList } from "@/components/records/definition-list";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findQuote } from "@/lib/db/queries/quotes";
import {
  canConvertQuote,
  canEditQuote,
  QUOTE_STATUS_LABELS,
  quoteStatusChoices,
  statusTone,
} from "@/lib/factory/document-status";
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
    <>
      <PageHeader
        breadcrumb={
          <Link href="/quotes" className="hover:underline">
            Quotes
          </Link>
        }
        title={
          <span className="flex items-center gap-3">
            Quote {quote.number}
            <Badge tone={statusTone(quote.status)}>{QUOTE_STATUS_LABELS[quote.status]}</Badge>
          </span>
        }
        description={quote.customer.name}
        actions={
          <>
            {canEditQuote(quote.status, converted) ? (
              <Button variant="secondary" asChild>
                <Link href={`/quotes/${quote.id}/edit`}>
                  <Pencil aria-hidden />
                  Edit
                </Link>
              </Button>
            ) : null}
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
      />
      <div className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-3">
          <Card className="lg:col-span-2">
            <CardHeader title="Details" />
            <CardBody>
              <DefinitionList
                items={[
                  {
                    label: "Customer",
                    value: (
                      <Link href={`/customers/${quote.customer.id}`} className="hover:underline">
                        {quote.customer.name} ({quote.customer.code})
                      </Link>
                    ),
                  },
                  { label: "Quote date", value: quote.issueDate },
                  { label: "Expires", value: quote.expiryDate },
                  { label: "Reference", value: quote.reference },
                  { label: "Currency", value: quote.currency },
                  {
                    label: "Sales order",
                    value: quote.salesOrder ? (
                      <Link
                        href={`/sales-orders/${quote.salesOrder.id}`}
                        className="font-medium hover:underline"
                      >
                        {quote.salesOrder.number}
                      </Link>
                    ) : null,
                  },
                  ...(await historyItems(quote)),
                ]}
              />
            </CardBody>
          </Card>
          <div>
            <XeroSyncSection type="quote" ids={[quote.id]} objectName="quote" />
          </div>
        </div>
        <Card>
          <CardHeader title="Lines" />
          <DocumentLinesTable lines={quote.lines} currency={quote.currency} />
          <CardBody>
            <DocumentTotals totals={quote} taxMode={quote.taxMode} currency={quote.currency} />
          </CardBody>
        </Card>
        {quote.notes ? (
          <Card>
            <CardHeader title="Notes" />
            <CardBody className="text-sm break-words whitespace-pre-line text-slate-700">
              {quote.notes}
            </CardBody>
          </Card>
        ) : null}
      </div>
    </>
  );
}
