import { FileText, Pencil } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ChildDocuments } from "@/components/documents/child-documents";
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
import { findSalesOrder } from "@/lib/db/queries/sales-orders";
import {
  canEditSalesOrder,
  canGenerateInvoice,
  INVOICE_STATUS_LABELS,
  SALES_ORDER_STATUS_LABELS,
  salesOrderStatusChoices,
  statusTone,
} from "@/lib/factory/document-status";
import { remainingQuantity } from "@/lib/factory/remaining";
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
    <>
      <PageHeader
        breadcrumb={
          <Link href="/sales-orders" className="hover:underline">
            Sales orders
          </Link>
        }
        title={
          <span className="flex items-center gap-3">
            Sales order {order.number}
            <Badge tone={statusTone(order.status)}>{SALES_ORDER_STATUS_LABELS[order.status]}</Badge>
          </span>
        }
        description={order.customer.name}
        actions={
          <>
            {canEditSalesOrder(order.status) ? (
              <Button variant="secondary" asChild>
                <Link href={`/sales-orders/${order.id}/edit`}>
                  <Pencil aria-hidden />
                  Edit
                </Link>
              </Button>
            ) : null}
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
                      <Link href={`/customers/${order.customer.id}`} className="hover:underline">
                        {order.customer.name} ({order.customer.code})
                      </Link>
                    ),
                  },
                  { label: "Order date", value: order.orderDate },
                  { label: "Delivery date", value: order.deliveryDate },
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
              />
            </CardBody>
          </Card>
          <div>
            <XeroSyncSection type="sales_order" ids={[order.id]} objectName="draft invoice" />
            {order.invoices.length > 0 ? (
              <div className="mt-4">
                <XeroSyncSection
                  type="invoice"
                  ids={order.invoices.map((invoice) => invoice.id)}
                  titles={Object.fromEntries(
                    order.invoices.map((invoice) => [invoice.id, `Invoice ${invoice.number} in Xero`]),
                  )}
                  objectName="invoice"
                />
              </div>
            ) : null}
          </div>
        </div>
        <Card>
          <CardHeader title="Lines" />
          <DocumentLinesTable
            lines={lines}
            currency={order.currency}
            doneLabel="Invoiced"
            remaining={(line) =>
              remainingQuantity({ quantity: line.quantity, doneQuantity: line.done ?? "0" })
            }
          />
          <CardBody>
            <DocumentTotals totals={order} taxMode={order.taxMode} currency={order.currency} />
          </CardBody>
        </Card>
        <ChildDocuments
          title="Invoices"
          empty="No invoices yet"
          documents={order.invoices.map((invoice) => ({
            id: invoice.id,
            number: invoice.number,
            status: invoice.status,
            statusLabel: INVOICE_STATUS_LABELS[invoice.status],
            summary: `Issued ${invoice.issueDate} · due ${invoice.dueDate}`,
            currency: invoice.currency,
            total: invoice.total,
            lines: invoice.lines,
          }))}
        />
        {order.notes ? (
          <Card>
            <CardHeader title="Notes" />
            <CardBody className="text-sm break-words whitespace-pre-line text-slate-700">
              {order.notes}
            </CardBody>
          </Card>
        ) : null}
      </div>
    </>
  );
}
