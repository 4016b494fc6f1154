import { randomUUID } from "node:crypto";
import Link from "next/link";
import type { OrderLineForPartial } from "@/components/documents/partial-lines-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/db/client";
import { creditedSoFar } from "@/lib/db/queries/credit-notes";
import type { TaxMode } from "@/lib/db/schema";
import { creditableQuantity } from "@/lib/factory/credit-remainder";
import { today } from "@/lib/factory/due-date";
import { plainDecimal } from "@/lib/factory/money";
import { getTimeZone } from "@/lib/ui/time-zone";
import { CreditNoteForm } from "./credit-note-form";

/** What is credited: an invoice (a customer credit) or a bill (a supplier credit). */
export interface Credited {
  kind: "customer" | "supplier";
  id: string;
  number: string;
  status: string;
  /** The invoice's issue date or the bill's date: a credit is never dated before it. */
  date: string;
  partyName: string;
  taxMode: TaxMode;
  currency: string;
  /**
   * Its lines, each with `done` as what is credited already. Its rounding lines (it completed its
   * order) are not offered: the credit that takes the last of the other lines takes them too.
   */
  lines: (OrderLineForPartial & { position: number; quantityCredited: string; kind: "item" | "rounding" })[];
}

const WORDS = {
  customer: { noun: "invoice", path: "invoices", title: "Credit note", what: "a return" },
  supplier: { noun: "bill", path: "bills", title: "Supplier credit", what: "goods sent back" },
} as const;

/** The page that credits all or some of an invoice's (bill's) lines, or says why it can't. */
export async function CreditPage({ credited }: { credited: Credited }) {
  const words = WORDS[credited.kind];
  const href = `/${words.path}/${credited.id}`;
  const items = credited.lines.filter((line) => line.kind === "item");
  const left = items.some((line) => Number(creditableQuantity(line)) > 0);
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href={href} className="hover:underline">
            {credited.number}
          </Link>
        }
        title={`${words.title} for ${credited.number}`}
        description={`${credited.partyName}. Credit all of the ${words.noun}, or choose lines and quantities (${words.what}).`}
      />
      {credited.status === "voided" ? (
        <Alert tone="warning">
          {words.noun === "invoice" ? "Invoice" : "Bill"} {credited.number} is voided, so it can&apos;t be
          credited.
        </Alert>
      ) : !left ? (
        <Alert tone="warning">
          Everything on {words.noun} {credited.number} is credited already.
        </Alert>
      ) : (
        <CreditNoteForm
          lines={credited.lines}
          number={credited.number}
          // What the earlier credits hold of each line, so the preview prices this one as saving will.
          soFar={Object.fromEntries(
            await creditedSoFar(
              getDb(),
              credited.kind,
              credited.lines.map((line) => line.id),
            ),
          )}
          taxMode={credited.taxMode}
          currency={credited.currency}
          cancelHref={href}
          defaultValues={{
            kind: credited.kind,
            creditedId: credited.id,
            idempotencyKey: randomUUID(),
            creditDate: [today(await getTimeZone()), credited.date].sort().at(-1) ?? credited.date,
            reference: "",
            notes: "",
            lines: items.map((line) => ({
              lineId: line.id,
              quantity: plainDecimal(creditableQuantity(line)),
            })),
          }}
        />
      )}
    </>
  );
}
