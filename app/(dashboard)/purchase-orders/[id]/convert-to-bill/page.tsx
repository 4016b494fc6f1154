import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findPurchaseOrder } from "@/lib/db/queries/purchase-orders";
import { canConvertToBill } from "@/lib/factory/document-status";
import { dueDateFromTerms, today } from "@/lib/factory/due-date";
import { plainDecimal, plainPrice } from "@/lib/factory/money";
import { roundingDescription } from "@/lib/factory/order-remainder";
import { remainingQuantity } from "@/lib/factory/remaining";
import { getTimeZone } from "@/lib/ui/time-zone";
import { loadDocument } from "../../../_documents/document-page-parts";
import { ConvertToBillForm } from "../../_components/convert-to-bill-form";

export const metadata: Metadata = { title: "Convert to bill" };

export default async function ConvertToBillPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const order = await loadDocument((await params).id, (id) => findPurchaseOrder(getDb(), id));
  const terms = { type: order.supplier.paymentTermsType, day: order.supplier.paymentTermsDay };
  const billDate = today(await getTimeZone());
  const lines = order.lines.map((line) => ({ ...line, unitPrice: line.unitCost, done: line.quantityBilled }));
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href={`/purchase-orders/${order.id}`} className="hover:underline">
            {order.number}
          </Link>
        }
        title={`Convert ${order.number} to a bill`}
        description={`${order.supplier.name}. Bill all of what remains, or choose lines and quantities.`}
      />
      {canConvertToBill(order.status) ? (
        <ConvertToBillForm
          lines={lines}
          earlier={order.bills.flatMap((bill) =>
            bill.lines.map((line) => ({
              ...line,
              unitPrice: line.unitCost,
              orderLineId: line.purchaseOrderLineId,
            })),
          )}
          roundingDescription={roundingDescription("bills", order.number)}
          taxMode={order.taxMode}
          currency={order.currency}
          paymentTerms={terms}
          defaultValues={{
            purchaseOrderId: order.id,
            version: order.version,
            idempotencyKey: randomUUID(),
            supplierInvoiceNumber: "",
            billDate,
            dueDate: dueDateFromTerms(billDate, terms),
            lines: lines.map((line) => ({
              orderLineId: line.id,
              quantity: plainDecimal(remainingQuantity({ quantity: line.quantity, doneQuantity: line.done })),
              unitCost: plainPrice(line.unitCost),
            })),
          }}
        />
      ) : (
        <Alert tone="warning">There is nothing left to bill on this purchase order.</Alert>
      )}
    </>
  );
}
