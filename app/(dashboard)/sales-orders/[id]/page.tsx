import { FileText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ChildDocuments } from "@/components/documents/child-documents";
import { DocumentLinesTable } from "@/components/documents/document-lines-table";
import { StatusActions } from "@/components/documents/status-actions";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findSalesOrder } from "@/lib/db/queries/sales-orders";
import {
  canEditSalesOrder,
  canGenerateInvoice,
  INVOICE_STATUS_LABELS,
  SALES_ORDER_STATUS_LABELS,
  salesOrderStatusChoices,
} from "@/lib/factory/document-status";
import { remainingQuantity } from "@/lib/factory/remaining";
import { formatDay } from "@/lib/ui/dates";
import { DocumentPageLayout, partyItem } from "../../_documents/document-page-layout";
import { historyItems, loadDocument } from "../../_documents/document-page-parts";
import { updateSalesOrderStatus } from "../actions";
import { XeroSyncSection } from "../../_sync/xero-sync-section";

export const metadata: Metadata = { title: "Sales order" };

const MARK_LABELS = {
  draft: "Back to draft",
  confirmed: "Confirm order",
  partially_invoiced: "Partly invoiced",
  invoiced: "Invoiced",
  cancelled: "Cancel order",
};

export default async function SalesOrderPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const order = await loadDocument((await params).id, (id) => findSalesOrder(getDb(), id));
  const lines = order.lines.map((line) => ({ ...line, done: line.quantityInvoiced }));
  const invoiceable =
    canGenerateInvoice(order.status) &&
    lines.some((line) => remainingQuantity({ quantity: line.quantity, doneQuantity: line.done }) !== "0");
  return (
    <DocumentPageLayout
      document={order}
      list={{ href: "/sales-orders", label: "Sales orders" }}
      title={`Sales order ${order.number}`}
      statusLabel={SALES_ORDER_STATUS_LABELS[order.status]}
      party={order.customer.name}
      editHref={canEditSalesOrder(order.status) ? `/sales-orders/${order.id}/edit` : null}
      actions={
        <>
          <StatusActions
            id={order.id}
            version={order.version}
            choices={salesOrderStatusChoices(order.status)}
            labels={MARK_LABELS}
            action={updateSalesOrderStatus}
          />
          {invoiceable ? (
            <Button asChild>
              <Link href={`/sales-orders/${order.id}/generate-invoice`}>
                <FileText aria-hidden />
                Generate invoice
              </Link>
            </Button>
          ) : null}
        </>
      }
      details={[
        partyItem("customer", order.customer),
        { label: "Order date", value: formatDay(order.orderDate) },
        { label: "Delivery date", value: order.deliveryDate && formatDay(order.deliveryDate) },
        { label: "Customer order no.", value: order.reference },
        { label: "Currency", value: order.currency },
        {
          label: "From quote",
          value: order.quote ? (
            <Link href={`/quotes/${order.quote.id}`} className="hover:underline">
              {order.quote.number}
            </Link>
          ) : null,
        },
        ...(await historyItems(order)),
      ]}
      sync={
        <>
          <XeroSyncSection
            type="sales_order"
            ids={[order.id]}
            statuses={{ [order.id]: order.status }}
            objectName="draft invoice"
            party={{ kind: "customer", id: order.customerId }}
            currency={order.currency}
          />
          {order.invoices.length > 0 ? (
            <div className="mt-4">
              <XeroSyncSection
                type="invoice"
                ids={order.invoices.map((invoice) => invoice.id)}
                statuses={Object.fromEntries(order.invoices.map((invoice) => [invoice.id, invoice.status]))}
                titles={Object.fromEntries(
                  order.invoices.map((invoice) => [invoice.id, `Invoice ${invoice.number} in Xero`]),
                )}
                objectName="invoice"
                party={{ kind: "customer", id: order.customerId }}
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
          doneLabel="Invoiced"
          remaining={(line) => remainingQuantity({ quantity: line.quantity, doneQuantity: line.done ?? "0" })}
        />
      }
    >
      <ChildDocuments
        title="Invoices"
        empty="No invoices yet"
        documents={order.invoices.map((invoice) => ({
          id: invoice.id,
          number: invoice.number,
          href: `/invoices/${invoice.id}`,
          status: invoice.status,
          statusLabel: INVOICE_STATUS_LABELS[invoice.status],
          summary: `Issued ${formatDay(invoice.issueDate)} · due ${formatDay(invoice.dueDate)}`,
          currency: invoice.currency,
          total: invoice.total,
          lines: invoice.lines,
        }))}
      />
    </DocumentPageLayout>
  );
}
