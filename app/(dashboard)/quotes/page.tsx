import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { listQuotes } from "@/lib/db/queries/quotes";
import { QUOTE_STATUS_LABELS, QUOTE_STATUSES } from "@/lib/factory/document-status";
import type { SearchParams } from "@/lib/ui/list-params";
import { DocumentListPage } from "../_documents/document-list-page";
import { SendAllUnsentButton } from "@/components/sync/bulk-send";
import { queueSendAllUnsent } from "../_sync/actions";

export const metadata: Metadata = { title: "Quotes" };

export default async function QuotesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <DocumentListPage
      searchParams={await searchParams}
      config={{
        path: "/quotes",
        one: "quote",
        many: "quotes",
        party: "Customer",
        dateLabel: "Date",
        statuses: QUOTE_STATUSES,
        statusLabels: QUOTE_STATUS_LABELS,
        extraActions: (
          <SendAllUnsentButton type="quote" label="Send all unsent" action={queueSendAllUnsent} />
        ),
        list: (query) => listQuotes(getDb(), query),
      }}
    />
  );
}
