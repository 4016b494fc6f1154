import type { Metadata } from "next";
import Link from "next/link";
import { DocumentLinesTable } from "@/components/documents/document-lines-table";
import { VoidDocumentButton } from "@/components/documents/void-document-button";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findBill } from "@/lib/db/queries/bills";
import { getSyncState } from "@/lib/db/queries/sync-states";
import { creditable } from "@/lib/factory/credit-notes";
import { billVoidRefusal } from "@/lib/factory/void-documents";
import { billEditRefusal } from "@/lib/factory/bills";
import { BILL_STATUS_LABELS } from "@/lib/factory/document-status";
import { formatDay } from "@/lib/ui/dates";
import { DocumentHistory } from "../../_documents/document-history";
import { DocumentPageLayout, partyItem } from "../../_documents/document-page-layout";
import { historyItems, loadDocument } from "../../_documents/document-page-parts";
import { XeroSyncSection } from "../../_sync/xero-sync-section";
import { CreditLink } from "../../credit-notes/_components/credit-link";
import { CreditNotesCard } from "../../credit-notes/_components/credit-notes-card";
import { voidBillAction } from "../actions";

export const metadata: Metadata = { title: "Bill" };

export default async function BillPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const bill = await loadDocument((await params).id, (id) => findBill(getDb(), id));
  const order = bill.purchaseOrder;
  const syncState = await getSyncState(getDb(), "bill", bill.id);
  const refusal = billEditRefusal(bill, syncState);
  // Voiding is an administrator's step; staff see no button (the action checks the role again).
  const voidRefusal = user.role === "admin" ? billVoidRefusal(bill, syncState) : null;
  const mayVoid = user.role === "admin" && !voidRefusal;
  const creditHref = creditable(bill) ? `/bills/${bill.id}/credit` : null;
  return (
    <DocumentPageLayout
      document={bill}
      list={{ href: "/bills", label: "Bills" }}
      title={`Bill ${bill.number}`}
      statusLabel={BILL_STATUS_LABELS[bill.status]}
      party={order.supplier.name}
      editHref={refusal ? null : `/bills/${bill.id}/edit`}
      actions={
        <>
          {creditHref ? <CreditLink href={creditHref} label="Supplier credit" /> : null}
          {mayVoid ? (
            <VoidDocumentButton
              id={bill.id}
              version={bill.version}
              name={`Bill ${bill.number}`}
              orderNumber={order.number}
              done="billed"
              inXero={!!syncState?.xeroId}
              action={voidBillAction}
            />
          ) : null}
        </>
      }
      details={[
        partyItem("supplier", order.supplier),
        {
          label: "Purchase order",
          value: (
            <Link href={`/purchase-orders/${order.id}`} className="font-mono hover:underline">
              {order.number}
            </Link>
          ),
        },
        { label: "Supplier invoice no.", value: bill.supplierInvoiceNumber },
        { label: "Bill date", value: formatDay(bill.billDate) },
        { label: "Due date", value: formatDay(bill.dueDate) },
        { label: "Currency", value: bill.currency },
        ...(await historyItems(bill)),
        ...(refusal ? [{ label: "Editing", value: refusal }] : []),
        ...(voidRefusal && refusal !== voidRefusal && bill.status !== "voided"
          ? [{ label: "Voiding", value: voidRefusal }]
          : []),
      ]}
      sync={
        <XeroSyncSection
          type="bill"
          ids={[bill.id]}
          statuses={{ [bill.id]: bill.status }}
          objectName="bill"
          party={{ kind: "supplier", id: order.supplierId }}
          currency={bill.currency}
        />
      }
      lines={
        <DocumentLinesTable
          lines={bill.lines.map((line) => ({ ...line, unitPrice: line.unitCost }))}
          currency={bill.currency}
          priceLabel="Unit cost"
        />
      }
    >
      <CreditNotesCard of={{ billId: bill.id }} createHref={creditHref} />
      <DocumentHistory type="bill" id={bill.id} origin={`from purchase order ${order.number}`} />
    </DocumentPageLayout>
  );
}
