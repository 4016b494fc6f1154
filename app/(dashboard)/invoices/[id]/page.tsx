import type { Metadata } from "next";
import Link from "next/link";
import { DocumentLinesTable } from "@/components/documents/document-lines-table";
import { VoidDocumentButton } from "@/components/documents/void-document-button";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findInvoice } from "@/lib/db/queries/invoices";
import { getSyncState } from "@/lib/db/queries/sync-states";
import { creditable } from "@/lib/factory/credit-notes";
import { invoiceVoidRefusal } from "@/lib/factory/void-documents";
import { INVOICE_STATUS_LABELS } from "@/lib/factory/document-status";
import { invoiceEditRefusal } from "@/lib/factory/invoices";
import { formatDay } from "@/lib/ui/dates";
import { DocumentHistory } from "../../_documents/document-history";
import { DocumentPageLayout, partyItem } from "../../_documents/document-page-layout";
import { historyItems, loadDocument } from "../../_documents/document-page-parts";
import { XeroSyncSection } from "../../_sync/xero-sync-section";
import { CreditLink } from "../../credit-notes/_components/credit-link";
import { CreditNotesCard } from "../../credit-notes/_components/credit-notes-card";
import { voidInvoiceAction } from "../actions";

export const metadata: Metadata = { title: "Invoice" };

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const invoice = await loadDocument((await params).id, (id) => findInvoice(getDb(), id));
  const order = invoice.salesOrder;
  const syncState = await getSyncState(getDb(), "invoice", invoice.id);
  const refusal = invoiceEditRefusal(invoice, syncState);
  // Voiding is an administrator's step; staff see no button (the action checks the role again).
  const voidRefusal = user.role === "admin" ? invoiceVoidRefusal(invoice, syncState) : null;
  const mayVoid = user.role === "admin" && !voidRefusal;
  const creditHref = creditable(invoice) ? `/invoices/${invoice.id}/credit` : null;
  return (
    <DocumentPageLayout
      document={invoice}
      list={{ href: "/invoices", label: "Invoices" }}
      title={`Invoice ${invoice.number}`}
      statusLabel={INVOICE_STATUS_LABELS[invoice.status]}
      party={order.customer.name}
      editHref={refusal ? null : `/invoices/${invoice.id}/edit`}
      actions={
        <>
          {creditHref ? <CreditLink href={creditHref} label="Create credit note" /> : null}
          {mayVoid ? (
            <VoidDocumentButton
              id={invoice.id}
              version={invoice.version}
              name={`Invoice ${invoice.number}`}
              orderNumber={order.number}
              done="invoiced"
              inXero={!!syncState?.xeroId}
              action={voidInvoiceAction}
            />
          ) : null}
        </>
      }
      details={[
        partyItem("customer", order.customer),
        {
          label: "Sales order",
          value: (
            <Link href={`/sales-orders/${order.id}`} className="font-mono hover:underline">
              {order.number}
            </Link>
          ),
        },
        { label: "Invoice date", value: formatDay(invoice.issueDate) },
        { label: "Due date", value: formatDay(invoice.dueDate) },
        { label: "Reference", value: invoice.reference },
        { label: "Currency", value: invoice.currency },
        ...(await historyItems(invoice)),
        ...(refusal ? [{ label: "Editing", value: refusal }] : []),
        ...(voidRefusal && refusal !== voidRefusal && invoice.status !== "voided"
          ? [{ label: "Voiding", value: voidRefusal }]
          : []),
      ]}
      sync={
        <XeroSyncSection
          type="invoice"
          ids={[invoice.id]}
          statuses={{ [invoice.id]: invoice.status }}
          objectName="invoice"
          party={{ kind: "customer", id: order.customerId }}
          currency={invoice.currency}
        />
      }
      lines={<DocumentLinesTable lines={invoice.lines} currency={invoice.currency} />}
    >
      <CreditNotesCard of={{ invoiceId: invoice.id }} createHref={creditHref} />
      <DocumentHistory type="invoice" id={invoice.id} origin={`from sales order ${order.number}`} />
    </DocumentPageLayout>
  );
}
