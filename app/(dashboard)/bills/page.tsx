import type { Metadata } from "next";
import { SendAllUnsentButton } from "@/components/sync/bulk-send";
import { getDb } from "@/lib/db/client";
import { listBills } from "@/lib/db/queries/bills";
import { BILL_STATUS_LABELS, BILL_STATUSES } from "@/lib/factory/document-status";
import type { SearchParams } from "@/lib/ui/list-params";
import { DocumentListPage } from "../_documents/document-list-page";
import { queueSendAllUnsent } from "../_sync/actions";

export const metadata: Metadata = { title: "Bills" };

export default async function BillsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <DocumentListPage
      searchParams={await searchParams}
      config={{
        path: "/bills",
        one: "bill",
        many: "bills",
        party: "Supplier",
        dateLabel: "Bill date",
        statuses: BILL_STATUSES,
        statusLabels: BILL_STATUS_LABELS,
        searchPlaceholder: "Search number, supplier invoice no., supplier or order",
        madeFrom: {
          column: "Purchase order",
          many: "purchase orders",
          path: "/purchase-orders",
          how: "Bills are converted from purchase orders: open a purchase order and choose “Convert to bill”.",
        },
        extraActions: (
          <SendAllUnsentButton type="bill" label="Send unsent bills" action={queueSendAllUnsent} />
        ),
        payments: true,
        list: (query) => listBills(getDb(), query),
      }}
    />
  );
}
