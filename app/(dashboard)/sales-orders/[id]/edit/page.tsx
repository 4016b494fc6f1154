import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findSalesOrder } from "@/lib/db/queries/sales-orders";
import { formLine } from "@/lib/factory/document-fields";
import { canEditSalesOrder } from "@/lib/factory/document-status";
import { lineEditorOptions, loadDocument } from "../../../_documents/document-page-parts";
import { SalesOrderForm } from "../../_components/sales-order-form";

export const metadata: Metadata = { title: "Edit sales order" };

export default async function EditSalesOrderPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const order = await loadDocument((await params).id, (id) => findSalesOrder(getDb(), id));
  const header = (
    <PageHeader
      breadcrumb={
        <Link href={`/sales-orders/${order.id}`} className="hover:underline">
          {order.number}
        </Link>
      }
      title={`Edit ${order.number}`}
      description={
        order.invoices.length > 0
          ? "Invoiced lines stay on the order and can't go below their invoiced quantity."
          : undefined
      }
    />
  );
  if (!canEditSalesOrder(order.status)) {
    return (
      <>
        {header}
        <Alert tone="warning">This sales order can no longer be changed.</Alert>
      </>
    );
  }
  const options = await lineEditorOptions(
    order.lines.map((line) => line.productId),
    order.currency,
  );
  return (
    <>
      {header}
      <SalesOrderForm
        {...options}
        customerLabel={order.customer.name}
        cancelHref={`/sales-orders/${order.id}`}
        defaultValues={{
          id: order.id,
          version: order.version,
          idempotencyKey: randomUUID(),
          customerId: order.customerId,
          orderDate: order.orderDate,
          deliveryDate: order.deliveryDate ?? "",
          currency: order.currency,
          taxMode: order.taxMode,
          reference: order.reference ?? "",
          notes: order.notes ?? "",
          lines: order.lines.map((line) => formLine({ ...line, price: line.unitPrice })),
        }}
      />
    </>
  );
}
