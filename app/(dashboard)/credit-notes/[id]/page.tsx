import type { Metadata } from "next";
import Link from "next/link";
import { DocumentLinesTable } from "@/components/documents/document-lines-table";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findCreditNote } from "@/lib/db/queries/credit-notes";
import { formatMoney } from "@/lib/factory/money";
import { formatDay } from "@/lib/ui/dates";
import { DocumentHistory } from "../../_documents/document-history";
import { DocumentPageLayout, partyItem } from "../../_documents/document-page-layout";
import { historyItems, loadDocument } from "../../_documents/document-page-parts";
import { XeroSyncSection } from "../../_sync/xero-sync-section";

export const metadata: Metadata = { title: "Credit note" };

const STATUS_LABELS = { issued: "Issued", voided: "Voided" } as const;

/** A credit note (against an invoice) or supplier credit (against a bill), with its Xero card and history. */
export default async function CreditNotePage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const note = await loadDocument((await params).id, (id) => findCreditNote(getDb(), id));
  const customer = note.kind === "customer";
  const credited = customer
    ? note.invoice && {
        href: `/invoices/${note.invoice.id}`,
        number: note.invoice.number,
        label: "Invoice",
        partyKind: "customer" as const,
        party: note.invoice.salesOrder.customer,
      }
    : note.bill && {
        href: `/bills/${note.bill.id}`,
        number: note.bill.number,
        label: "Bill",
        partyKind: "supplier" as const,
        party: note.bill.purchaseOrder.supplier,
      };
  if (!credited) throw new Error(`Credit note ${note.number} credits nothing`);
  const type = customer ? "credit_note" : "supplier_credit";
  const noun = customer ? "Credit note" : "Supplier credit";
  return (
    <DocumentPageLayout
      document={note}
      list={{ href: credited.href, label: `${credited.label} ${credited.number}` }}
      title={`${noun} ${note.number}`}
      statusLabel={STATUS_LABELS[note.status]}
      party={credited.party.name}
      editHref={null}
      actions={null}
      details={[
        partyItem(credited.partyKind, credited.party),
        {
          label: credited.label,
          value: (
            <Link href={credited.href} className="font-mono hover:underline">
              {credited.number}
            </Link>
          ),
        },
        { label: "Credit date", value: formatDay(note.creditDate) },
        { label: customer ? "Reference" : "Supplier's credit note number", value: note.reference },
        { label: "Currency", value: note.currency },
        {
          label: "Allocated in Xero",
          value: note.allocationSettledAt
            ? formatMoney(note.allocatedAmount ?? "0", note.currency) + ` to ${credited.number}`
            : "Not yet",
        },
        ...(await historyItems(note)),
      ]}
      sync={
        <XeroSyncSection
          type={type}
          ids={[note.id]}
          statuses={{ [note.id]: note.status }}
          objectName="credit note"
          party={{ kind: credited.partyKind, id: credited.party.id }}
          currency={note.currency}
        />
      }
      lines={<DocumentLinesTable lines={note.lines} currency={note.currency} />}
    >
      <DocumentHistory
        type={type}
        id={note.id}
        origin={`against ${credited.label.toLowerCase()} ${credited.number}`}
      />
    </DocumentPageLayout>
  );
}
