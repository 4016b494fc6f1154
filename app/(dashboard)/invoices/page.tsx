import type { Metadata } from "next";
import { SendAllUnsentButton } from "@/components/sync/bulk-send";
import { getDb } from "@/lib/db/client";
import { listInvoices } from "@/lib/db/queries/invoices";
import { INVOICE_STATUS_LABELS, INVOICE_STATUSES } from "@/lib/factory/document-status";
import type { SearchParams } from "@/lib/ui/list-params";
import { DocumentListPage } from "../_documents/document-list-page";
import { queueSendAllUnsent } from "../_sync/actions";

export const metadata: Metadata = { title: "Invoices" };

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <DocumentListPage
      searchParams={await searchParams}
      config={{
        path: "/invoices",
        one: "invoice",
        many: "invoices",
        party: "Customer",
        dateLabel: "Invoice date",
        statuses: INVOICE_STATUSES,
        statusLabels: INVOICE_STATUS_LABELS,
        searchPlaceholder: "Search number, reference, customer or order",
        madeFrom: {
          column: "Sales order",
          many: "sales orders",
          path: "/sales-orders",
          how: "Invoices are generated from sales orders: open a sales order and choose “Generate invoice”.",
        },
        extraActions: (
          <SendAllUnsentButton type="invoice" label="Send unsent invoices" action={queueSendAllUnsent} />
        ),
        payments: true,
        list: (query) => listInvoices(getDb(), query),
      }}
    />
  );
}
