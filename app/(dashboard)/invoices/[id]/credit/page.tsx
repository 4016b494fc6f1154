import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findInvoice } from "@/lib/db/queries/invoices";
import { creditableQuantity } from "@/lib/factory/credit-notes";
import { today } from "@/lib/factory/due-date";
import { plainDecimal } from "@/lib/factory/money";
import { getTimeZone } from "@/lib/ui/time-zone";
import { loadDocument } from "../../../_documents/document-page-parts";
import { CreditNoteForm } from "../../../credit-notes/_components/credit-note-form";

export const metadata: Metadata = { title: "Create credit note" };

export default async function CreditInvoicePage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const invoice = await loadDocument((await params).id, (id) => findInvoice(getDb(), id));
  const lines = invoice.lines.map((line) => ({ ...line, done: line.quantityCredited }));
  const left = lines.some((line) => Number(creditableQuantity(line)) > 0);
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href={`/invoices/${invoice.id}`} className="hover:underline">
            {invoice.number}
          </Link>
        }
        title={`Credit note for ${invoice.number}`}
        description={`${invoice.salesOrder.customer.name}. Credit all of the invoice, or choose lines and quantities (a return).`}
      />
      {invoice.status === "voided" ? (
        <Alert tone="warning">Invoice {invoice.number} is voided, so it can&apos;t be credited.</Alert>
      ) : !left ? (
        <Alert tone="warning">Everything on invoice {invoice.number} is credited already.</Alert>
      ) : (
        <CreditNoteForm
          lines={lines}
          taxMode={invoice.taxMode}
          currency={invoice.currency}
          cancelHref={`/invoices/${invoice.id}`}
          defaultValues={{
            kind: "customer",
            creditedId: invoice.id,
            idempotencyKey: randomUUID(),
            creditDate: [today(await getTimeZone()), invoice.issueDate].sort().at(-1) ?? invoice.issueDate,
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
