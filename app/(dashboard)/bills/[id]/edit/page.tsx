import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findBill } from "@/lib/db/queries/bills";
import { getSyncState } from "@/lib/db/queries/sync-states";
import { billEditRefusal } from "@/lib/factory/bills";
import { loadDocument } from "../../../_documents/document-page-parts";
import { BillForm } from "../../_components/bill-form";

export const metadata: Metadata = { title: "Edit bill" };

export default async function EditBillPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const bill = await loadDocument((await params).id, (id) => findBill(getDb(), id));
  const refusal = billEditRefusal(bill, await getSyncState(getDb(), "bill", bill.id));
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href={`/bills/${bill.id}`} className="hover:underline">
            {bill.number}
          </Link>
        }
        title={`Edit ${bill.number}`}
        description={`${bill.purchaseOrder.supplier.name} · purchase order ${bill.purchaseOrder.number}. Saved changes go to Xero as an update.`}
      />
      {refusal ? (
        <Alert tone="warning">{refusal}</Alert>
      ) : (
        <BillForm
          billDate={bill.billDate}
          currency={bill.currency}
          lines={bill.lines.map((line) => ({ ...line, unitPrice: line.unitCost }))}
          defaultValues={{
            id: bill.id,
            version: bill.version,
            idempotencyKey: randomUUID(),
            supplierInvoiceNumber: bill.supplierInvoiceNumber,
            dueDate: bill.dueDate,
            notes: bill.notes ?? "",
            lines: bill.lines
              .filter((line) => line.kind === "item")
              .map((line) => ({ id: line.id, description: line.description })),
          }}
        />
      )}
    </>
  );
}
