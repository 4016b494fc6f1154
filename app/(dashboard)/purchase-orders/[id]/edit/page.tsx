import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findPurchaseOrder } from "@/lib/db/queries/purchase-orders";
import { formLine } from "@/lib/factory/document-fields";
import { canEditPurchaseOrder } from "@/lib/factory/document-status";
import { lineEditorOptions, loadDocument } from "../../../_documents/document-page-parts";
import { PurchaseOrderForm } from "../../_components/purchase-order-form";

export const metadata: Metadata = { title: "Edit purchase order" };

export default async function EditPurchaseOrderPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const order = await loadDocument((await params).id, (id) => findPurchaseOrder(getDb(), id));
  const header = (
    <PageHeader
      breadcrumb={
        <Link href={`/purchase-orders/${order.id}`} className="hover:underline">
          {order.number}
        </Link>
      }
      title={`Edit ${order.number}`}
      description={
        order.bills.length > 0
          ? "Billed lines stay on the order and can't go below their billed quantity."
          : undefined
      }
    />
  );
  if (!canEditPurchaseOrder(order.status)) {
    return (
      <>
        {header}
        <Alert tone="warning">This purchase order can no longer be changed.</Alert>
      </>
    );
  }
  const options = await lineEditorOptions(
    order.lines.map((line) => line.productId),
    order.currency,
  );
  const address = order.deliveryAddress;
  return (
    <>
      {header}
      <PurchaseOrderForm
        {...options}
        supplierLabel={order.supplier.name}
        cancelHref={`/purchase-orders/${order.id}`}
        defaultValues={{
          id: order.id,
          version: order.version,
          idempotencyKey: randomUUID(),
          supplierId: order.supplierId,
          orderDate: order.orderDate,
          deliveryDate: order.deliveryDate ?? "",
          deliveryAddress: {
            line1: address?.line1 ?? "",
            line2: address?.line2 ?? "",
            city: address?.city ?? "",
            region: address?.region ?? "",
            postcode: address?.postcode ?? "",
            country: address?.country ?? "",
          },
          deliveryInstructions: order.deliveryInstructions ?? "",
          currency: order.currency,
          taxMode: order.taxMode,
          reference: order.reference ?? "",
          notes: order.notes ?? "",
          lines: order.lines.map((line) => formLine({ ...line, price: line.unitCost })),
        }}
      />
    </>
  );
}
