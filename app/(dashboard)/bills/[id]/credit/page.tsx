import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findBill } from "@/lib/db/queries/bills";
import { creditableQuantity } from "@/lib/factory/credit-notes";
import { today } from "@/lib/factory/due-date";
import { plainDecimal } from "@/lib/factory/money";
import { getTimeZone } from "@/lib/ui/time-zone";
import { loadDocument } from "../../../_documents/document-page-parts";
import { CreditNoteForm } from "../../../credit-notes/_components/credit-note-form";

export const metadata: Metadata = { title: "Supplier credit" };

export default async function CreditBillPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const bill = await loadDocument((await params).id, (id) => findBill(getDb(), id));
  const lines = bill.lines.map(({ unitCost, ...line }) => ({
    ...line,
    unitPrice: unitCost,
    done: line.quantityCredited,
  }));
  const left = lines.some((line) => Number(creditableQuantity(line)) > 0);
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href={`/bills/${bill.id}`} className="hover:underline">
            {bill.number}
          </Link>
        }
        title={`Supplier credit for ${bill.number}`}
        description={`${bill.purchaseOrder.supplier.name}. Credit all of the bill, or choose lines and quantities (goods sent back).`}
      />
      {bill.status === "voided" ? (
        <Alert tone="warning">Bill {bill.number} is voided, so it can&apos;t be credited.</Alert>
      ) : !left ? (
        <Alert tone="warning">Everything on bill {bill.number} is credited already.</Alert>
      ) : (
        <CreditNoteForm
          lines={lines}
          taxMode={bill.taxMode}
          currency={bill.currency}
          cancelHref={`/bills/${bill.id}`}
          defaultValues={{
            kind: "supplier",
            creditedId: bill.id,
            idempotencyKey: randomUUID(),
            creditDate: [today(await getTimeZone()), bill.billDate].sort().at(-1) ?? bill.billDate,
            reference: "",
            notes: "",
            lines: lines.map((line) => ({
              lineId: line.id,
              quantity: plainDecimal(creditableQuantity(line)),
            })),
          }}
        />
      )}
    </>
  );
}
