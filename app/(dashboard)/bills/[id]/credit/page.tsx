import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findBill } from "@/lib/db/queries/bills";
import { loadDocument } from "../../../_documents/document-page-parts";
import { CreditPage } from "../../../credit-notes/_components/credit-page";

export const metadata: Metadata = { title: "Supplier credit" };

export default async function CreditBillPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const bill = await loadDocument((await params).id, (id) => findBill(getDb(), id));
  return (
    <CreditPage
      credited={{
        kind: "supplier",
        id: bill.id,
        number: bill.number,
        status: bill.status,
        date: bill.billDate,
        partyName: bill.purchaseOrder.supplier.name,
        taxMode: bill.taxMode,
        currency: bill.currency,
        lines: bill.lines.map(({ unitCost, ...line }) => ({
          ...line,
          unitPrice: unitCost,
          done: line.quantityCredited,
        })),
      }}
    />
  );
}
