import Link from "next/link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getDb } from "@/lib/db/client";
import { owedSummary, type OwedTotal } from "@/lib/db/queries/read-back";
import { formatMoney } from "@/lib/factory/money";
import { dayIn } from "@/lib/ui/dates";
import { getTimeZone } from "@/lib/ui/time-zone";

function OwedRows({ label, totals, href }: { label: string; totals: OwedTotal[]; href: string }) {
  const unpaid = totals.reduce((n, total) => n + total.unpaid, 0);
  const overdue = totals.reduce((n, total) => n + total.overdue, 0);
  return (
    <div className="space-y-1">
      <dt className="flex flex-wrap items-baseline justify-between gap-x-2">
        <span className="text-slate-500">{label}</span>
        <span className="text-xs">
          <Link
            href={`${href}?payment=unpaid`}
            className="text-slate-600 hover:text-blue-700 hover:underline"
          >
            {unpaid} unpaid
          </Link>
          {overdue > 0 ? (
            <>
              {" · "}
              <Link href={`${href}?payment=overdue`} className="font-medium text-red-700 hover:underline">
                {overdue} overdue
              </Link>
            </>
          ) : null}
        </span>
      </dt>
      {totals.length === 0 ? (
        <dd className="font-medium text-slate-900 tabular-nums">Nothing</dd>
      ) : (
        totals.map((total) => (
          <dd key={total.currency} className="font-medium text-slate-900 tabular-nums">
            {formatMoney(total.due, total.currency)}
          </dd>
        ))
      )}
    </div>
  );
}

/**
 * What customers owe and what is owed to suppliers, from Xero's own figures as read back (amounts due
 * on approved invoices and bills, per currency), and how many documents someone changed in Xero.
 */
export async function OwedSummary() {
  const today = dayIn(new Date(), await getTimeZone());
  const owed = await owedSummary(getDb(), today);
  return (
    <Card aria-label="Owed, from Xero">
      <CardHeader
        title="Owed, from Xero"
        description="Amounts due on approved invoices and bills, as Xero has them"
      />
      <CardBody>
        <dl className="space-y-3 text-sm">
          <OwedRows label="Customers owe" totals={owed.customers} href="/invoices" />
          <OwedRows label="Owed to suppliers" totals={owed.suppliers} href="/bills" />
          {owed.changedInXero > 0 ? (
            <div className="flex justify-between gap-2">
              <dt className="text-amber-800">Changed in Xero</dt>
              <dd className="font-medium text-amber-900 tabular-nums">{owed.changedInXero}</dd>
            </div>
          ) : null}
        </dl>
      </CardBody>
    </Card>
  );
}
