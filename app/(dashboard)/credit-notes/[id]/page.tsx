import type { Metadata } from "next";
import Link from "next/link";
import { DocumentLinesTable } from "@/components/documents/document-lines-table";
import { VoidDocumentButton } from "@/components/documents/void-document-button";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findCreditNote } from "@/lib/db/queries/credit-notes";
import { getSyncState } from "@/lib/db/queries/sync-states";
import { creditNoteVoidRefusal } from "@/lib/factory/credit-notes";
import { CREDIT_NOTE_STATUS_LABELS } from "@/lib/factory/document-status";
import { compare, formatMoney } from "@/lib/factory/money";
import { AWAITING_APPROVAL } from "@/lib/sync/allocation";
import { formatDay } from "@/lib/ui/dates";
import { DocumentHistory } from "../../_documents/document-history";
import { DocumentPageLayout, partyItem } from "../../_documents/document-page-layout";
import { historyItems, loadDocument } from "../../_documents/document-page-parts";
import { XeroSyncSection } from "../../_sync/xero-sync-section";
import { voidCreditNoteAction } from "../actions";

export const metadata: Metadata = { title: "Credit note" };

/** A credit note (against an invoice) or supplier credit (against a bill), with its Xero card and history. */
export default async function CreditNotePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
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
  const [syncState, creditedState] = await Promise.all([
    getSyncState(getDb(), type, note.id),
    getSyncState(getDb(), customer ? "invoice" : "bill", note.invoice?.id ?? note.bill?.id ?? ""),
  ]);
  // Xero allocates credit only to an approved invoice (bill): sent to a draft one, it waits.
  const awaitingApproval =
    note.status === "issued" &&
    !note.allocationSettledAt &&
    note.allocatedAmount !== null &&
    AWAITING_APPROVAL.includes(creditedState?.xeroStatus ?? "");
  // Voiding is an administrator's step; staff see no button (the action checks the role again).
  const mayVoid = user.role === "admin" && !creditNoteVoidRefusal(note);
  const allocated =
    note.allocatedAmount && compare(note.allocatedAmount, 0) > 0 ? note.allocatedAmount : null;
  const endedInXero = syncState?.xeroStatus === "VOIDED" || syncState?.xeroStatus === "DELETED";
  return (
    <DocumentPageLayout
      document={note}
      list={
        customer
          ? { href: "/credit-notes", label: "Credit notes" }
          : { href: "/credit-notes?kind=supplier", label: "Supplier credits" }
      }
      title={`${noun} ${note.number}`}
      statusLabel={CREDIT_NOTE_STATUS_LABELS[note.status]}
      party={credited.party.name}
      editHref={null}
      actions={
        mayVoid ? (
          <VoidDocumentButton
            id={note.id}
            version={note.version}
            name={`${noun} ${note.number}`}
            inXero={!!syncState?.xeroId}
            description={
              <>
                {noun} {note.number} stays in Factory marked voided, and what it credits on{" "}
                {credited.label.toLowerCase()} {credited.number} can be credited again.{" "}
                {syncState?.xeroId
                  ? `Xero ${allocated ? `takes its allocation off ${credited.label.toLowerCase()} ${credited.number} (whose amount due goes back up by ${formatMoney(allocated, note.currency)}) and ` : ""}voids it (or deletes it, if Xero holds it unapproved), unless it has a refund or an allocation to another document there.`
                  : "It was never sent to Xero, so nothing changes there."}
              </>
            }
            action={voidCreditNoteAction}
          />
        ) : null
      }
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
          value:
            note.status === "voided" && endedInXero
              ? "None: taken off when voided"
              : note.allocationSettledAt
                ? formatMoney(note.allocatedAmount ?? "0", note.currency) + ` to ${credited.number}`
                : awaitingApproval
                  ? `Not yet: ${credited.label.toLowerCase()} ${credited.number} is ${creditedState?.xeroStatus === "SUBMITTED" ? "awaiting approval" : "a draft"} in Xero, which allocates credit only to an approved ${credited.label.toLowerCase()}. Factory allocates it when ${credited.number} is approved there.`
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
