import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findInvoice } from "@/lib/db/queries/invoices";
import { getSyncState } from "@/lib/db/queries/sync-states";
import { invoiceEditRefusal } from "@/lib/factory/invoices";
import { loadDocument } from "../../../_documents/document-page-parts";
import { InvoiceForm } from "../../_components/invoice-form";

export const metadata: Metadata = { title: "Edit invoice" };

export default async function EditInvoicePage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const invoice = await loadDocument((await params).id, (id) => findInvoice(getDb(), id));
  const refusal = invoiceEditRefusal(invoice, await getSyncState(getDb(), "invoice", invoice.id));
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href={`/invoices/${invoice.id}`} className="hover:underline">
            {invoice.number}
          </Link>
        }
        title={`Edit ${invoice.number}`}
        description={`${invoice.salesOrder.customer.name} · sales order ${invoice.salesOrder.number}. Saved changes go to Xero as an update.`}
      />
      {refusal ? (
        <Alert tone="warning">{refusal}</Alert>
      ) : (
        <InvoiceForm
          issueDate={invoice.issueDate}
          currency={invoice.currency}
          lines={invoice.lines}
          defaultValues={{
            id: invoice.id,
            version: invoice.version,
            idempotencyKey: randomUUID(),
            dueDate: invoice.dueDate,
            reference: invoice.reference ?? "",
            notes: invoice.notes ?? "",
            lines: invoice.lines
              .filter((line) => line.kind === "item")
              .map((line) => ({ id: line.id, description: line.description })),
          }}
        />
      )}
    </>
  );
}
