import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findSalesOrder } from "@/lib/db/queries/sales-orders";
import { canGenerateInvoice } from "@/lib/factory/document-status";
import { dueDateFromTerms, today } from "@/lib/factory/due-date";
import { plainDecimal } from "@/lib/factory/money";
import { roundingDescription } from "@/lib/factory/order-remainder";
import { remainingQuantity } from "@/lib/factory/remaining";
import { getTimeZone } from "@/lib/ui/time-zone";
import { loadDocument } from "../../../_documents/document-page-parts";
import { GenerateInvoiceForm } from "../../_components/generate-invoice-form";

export const metadata: Metadata = { title: "Generate invoice" };

export default async function GenerateInvoicePage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const order = await loadDocument((await params).id, (id) => findSalesOrder(getDb(), id));
  const terms = { type: order.customer.paymentTermsType, day: order.customer.paymentTermsDay };
  const issueDate = today(await getTimeZone());
  const lines = order.lines.map((line) => ({ ...line, done: line.quantityInvoiced }));
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href={`/sales-orders/${order.id}`} className="hover:underline">
            {order.number}
          </Link>
        }
        title={`Generate invoice for ${order.number}`}
        description={`${order.customer.name}. Invoice all of what remains, or choose lines and quantities.`}
      />
      {canGenerateInvoice(order.status) ? (
        <GenerateInvoiceForm
          lines={lines}
          earlier={order.invoices.flatMap((invoice) =>
            invoice.lines.map((line) => ({ ...line, orderLineId: line.salesOrderLineId })),
          )}
          roundingDescription={roundingDescription("invoices", order.number)}
          taxMode={order.taxMode}
          currency={order.currency}
          paymentTerms={terms}
          defaultValues={{
            salesOrderId: order.id,
            version: order.version,
            idempotencyKey: randomUUID(),
            issueDate,
            dueDate: dueDateFromTerms(issueDate, terms),
            reference: order.reference ?? "",
            lines: lines.map((line) => ({
              orderLineId: line.id,
              quantity: plainDecimal(remainingQuantity({ quantity: line.quantity, doneQuantity: line.done })),
            })),
          }}
        />
      ) : (
        <Alert tone="warning">There is nothing left to invoice on this order.</Alert>
      )}
    </>
  );
}
