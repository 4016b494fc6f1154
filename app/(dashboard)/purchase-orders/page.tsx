import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { listPurchaseOrders } from "@/lib/db/queries/purchase-orders";
import { PURCHASE_ORDER_STATUS_LABELS, PURCHASE_ORDER_STATUSES } from "@/lib/factory/document-status";
import type { SearchParams } from "@/lib/ui/list-params";
import { DocumentListPage } from "../_documents/document-list-page";
import { SendAllUnsentButton } from "@/components/sync/bulk-send";
import { queueSendAllUnsent } from "../_sync/actions";

export const metadata: Metadata = { title: "Purchase orders" };

export default async function PurchaseOrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <DocumentListPage
      searchParams={await searchParams}
      config={{
        path: "/purchase-orders",
        one: "purchase order",
        many: "purchase orders",
        party: "Supplier",
        dateLabel: "Order date",
        statuses: PURCHASE_ORDER_STATUSES,
        statusLabels: PURCHASE_ORDER_STATUS_LABELS,
        extraActions: (
          <>
            <SendAllUnsentButton
              type="purchase_order"
              label="Send unsent orders"
              action={queueSendAllUnsent}
            />
            <SendAllUnsentButton type="bill" label="Send unsent bills" action={queueSendAllUnsent} />
          </>
        ),
        list: (query) => listPurchaseOrders(getDb(), query),
      }}
    />
  );
}
