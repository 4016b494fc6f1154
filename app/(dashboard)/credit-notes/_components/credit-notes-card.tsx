import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { getDb } from "@/lib/db/client";
import { listCreditNotesOf } from "@/lib/db/queries/credit-notes";
import { getSyncStates } from "@/lib/db/queries/sync-states";
import { formatMoney } from "@/lib/factory/money";
import { SYNC_STATE_LABELS } from "@/lib/sync/view";
import { formatDay } from "@/lib/ui/dates";

/** The credit notes of an invoice (supplier credits of a bill), each with its Xero number and state. */
export async function CreditNotesCard({
  of,
  createHref,
}: {
  of: { invoiceId: string } | { billId: string };
  /** Null when nothing more can be credited. */
  createHref: string | null;
}) {
  const db = getDb();
  const customer = "invoiceId" in of;
  const notes = await listCreditNotesOf(db, of);
  const states = new Map(
    (
      await getSyncStates(
        db,
        customer ? "credit_note" : "supplier_credit",
        notes.map((note) => note.id),
      )
    ).map((state) => [state.recordId, state]),
  );
  const title = customer ? "Credit notes" : "Supplier credits";
  return (
    <Card aria-label={title}>
      <CardHeader
        title={title}
        actions={
          createHref && notes.length > 0 ? (
            <Link href={createHref} className="text-sm font-medium text-slate-900 hover:underline">
              {customer ? "Create credit note" : "Supplier credit"}
            </Link>
          ) : null
        }
      />
      {notes.length === 0 ? (
        <EmptyState
          title={customer ? "No credit notes" : "No supplier credits"}
          description={
            customer
              ? "Credit all or part of this invoice, for example goods returned."
              : "Record a credit from the supplier against this bill, for example goods sent back."
          }
        />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Number</Th>
              <Th>Date</Th>
              <Th>Xero</Th>
              <Th className="text-right">Total</Th>
            </tr>
          </thead>
          <tbody>
            {notes.map((note) => {
              const state = states.get(note.id);
              return (
                <Tr key={note.id}>
                  <Td>
                    <Link href={`/credit-notes/${note.id}`} className="font-mono hover:underline">
                      {note.number}
                    </Link>
                    {note.status === "voided" ? (
                      <Badge tone="danger" className="ml-2">
                        Voided
                      </Badge>
                    ) : null}
                  </Td>
                  <Td>{formatDay(note.creditDate)}</Td>
                  <Td>
                    {state?.xeroNumber ? (
                      <span className="font-mono">{state.xeroNumber}</span>
                    ) : (
                      SYNC_STATE_LABELS[state?.state ?? "not_sent"]
                    )}
                  </Td>
                  <Td className="text-right tabular-nums">{formatMoney(note.total, note.currency)}</Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
