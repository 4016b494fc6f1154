import { PackageCheck } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ChildDocuments } from "@/components/documents/child-documents";
import { DocumentLinesTable } from "@/components/documents/document-lines-table";
import { StatusActions } from "@/components/documents/status-actions";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findPurchaseOrder } from "@/lib/db/queries/purchase-orders";
import {
  BILL_STATUS_LABELS,
  canConvertToBill,
  canEditPurchaseOrder,
  PURCHASE_ORDER_STATUS_LABELS,
  purchaseOrderStatusChoices,
} from "@/lib/factory/document-status";
import { remainingQuantity } from "@/lib/factory/remaining";
import { formatDay } from "@/lib/ui/dates";
import { DocumentPageLayout, partyItem } from "../../_documents/document-page-layout";
import { historyItems, loadDocument } from "../../_documents/document-page-parts";
import { updatePurchaseOrderStatus } from "../actions";
import { XeroSyncSection } from "../../_sync/xero-sync-section";

export const metadata: Metadata = { title: "Purchase order" };

const MARK_LABELS = {
  draft: "Back to draft",
  sent: "Mark as sent",
  partially_billed: "Partly billed",
  billed: "Billed",
  cancelled: "Cancel order",
};

export default async function PurchaseOrderPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const order = await loadDocument((await params).id, (id) => findPurchaseOrder(getDb(), id));
  const lines = order.lines.map((line) => ({ ...line, unitPrice: line.unitCost, done: line.quantityBilled }));
  const remaining = (line: { quantity: string; done?: string }) =>
    remainingQuantity({ quantity: line.quantity, doneQuantity: line.done ?? "0" });
  const billable = canConvertToBill(order.status) && lines.some((line) => remaining(line) !== "0");
  const address = order.deliveryAddress;
  return (
    <DocumentPageLayout
      document={order}
      list={{ href: "/purchase-orders", label: "Purchase orders" }}
      title={`Purchase order ${order.number}`}
      statusLabel={PURCHASE_ORDER_STATUS_LABELS[order.status]}
      party={order.supplier.name}
      editHref={canEditPurchaseOrder(order.status) ? `/purchase-orders/${order.id}/edit` : null}
      actions={
        <>
          <StatusActions
            id={order.id}
            version={order.version}
            choices={purchaseOrderStatusChoices(order.status)}
            labels={MARK_LABELS}
            action={updatePurchaseOrderStatus}
          />
          {billable ? (
            <Button asChild>
              <Link href={`/purchase-orders/${order.id}/convert-to-bill`}>
                <PackageCheck aria-hidden />
                Convert to bill
              </Link>
            </Button>
          ) : null}
        </>
      }
      details={[
        partyItem("supplier", order.supplier),
        { label: "Order date", value: formatDay(order.orderDate) },
        { label: "Delivery date", value: order.deliveryDate && formatDay(order.deliveryDate) },
        {
          label: "Deliver to",
          value: address ? (
            <address className="not-italic">
              {[
                address.line1,
                address.line2,
                [address.city, address.postcode].filter(Boolean).join(" "),
                address.region,
                address.country,
              ]
                .filter(Boolean)
                .map((part) => (
                  <span key={part} className="block">
                    {part}
                  </span>
                ))}
            </address>
          ) : null,
        },
        { label: "Instructions", value: order.deliveryInstructions },
        { label: "Reference", value: order.reference },
        { label: "Currency", value: order.currency },
        ...(await historyItems(order)),
      ]}
      sync={
        <>
          <XeroSyncSection
            type="purchase_order"
            ids={[order.id]}
            statuses={{ [order.id]: order.status }}
            objectName="purchase order"
            party={{ kind: "supplier", id: order.supplierId }}
            currency={order.currency}
          />
          {order.bills.length > 0 ? (
            <div className="mt-4">
              <XeroSyncSection
                type="bill"
                ids={order.bills.map((bill) => bill.id)}
                statuses={Object.fromEntries(order.bills.map((bill) => [bill.id, bill.status]))}
                titles={Object.fromEntries(
                  order.bills.map((bill) => [bill.id, `Bill ${bill.number} in Xero`]),
                )}
                objectName="bill"
                party={{ kind: "supplier", id: order.supplierId }}
                currency={order.currency}
              />
            </div>
          ) : null}
        </>
      }
      lines={
        <DocumentLinesTable
          lines={lines}
          currency={order.currency}
          priceLabel="Unit cost"
          doneLabel="Billed"
          remaining={remaining}
        />
      }
    >
      <ChildDocuments
        title="Bills"
        empty="No bills yet"
        priceLabel="Unit cost"
        documents={order.bills.map((bill) => ({
          id: bill.id,
          number: bill.number,
          href: `/bills/${bill.id}`,
          status: bill.status,
          statusLabel: BILL_STATUS_LABELS[bill.status],
          summary: `Supplier invoice ${bill.supplierInvoiceNumber} · dated ${formatDay(bill.billDate)} · due ${formatDay(bill.dueDate)}`,
          currency: bill.currency,
          total: bill.total,
          lines: bill.lines.map((line) => ({ ...line, unitPrice: line.unitCost })),
        }))}
      />
    </DocumentPageLayout>
  );
}
