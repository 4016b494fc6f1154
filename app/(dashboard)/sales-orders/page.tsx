import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { listSalesOrders } from "@/lib/db/queries/sales-orders";
import { SALES_ORDER_STATUS_LABELS, SALES_ORDER_STATUSES } from "@/lib/factory/document-status";
import type { SearchParams } from "@/lib/ui/list-params";
import { DocumentListPage } from "../_documents/document-list-page";
import { SendAllUnsentButton } from "@/components/sync/bulk-send";
import { queueSendAllUnsent } from "../_sync/actions";

export const metadata: Metadata = { title: "Sales orders" };

export default async function SalesOrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <DocumentListPage
      searchParams={await searchParams}
      config={{
        path: "/sales-orders",
        one: "sales order",
        many: "sales orders",
        party: "Customer",
        dateLabel: "Order date",
        statuses: SALES_ORDER_STATUSES,
        statusLabels: SALES_ORDER_STATUS_LABELS,
        extraActions: (
          <>
            <SendAllUnsentButton type="sales_order" label="Send unsent orders" action={queueSendAllUnsent} />
            <SendAllUnsentButton type="invoice" label="Send unsent invoices" action={queueSendAllUnsent} />
          </>
        ),
        list: (query) => listSalesOrders(getDb(), query),
      }}
    />
  );
}
