import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { statusTone } from "@/lib/factory/document-status";
import { formatMoney } from "@/lib/factory/money";
import { DocumentLinesTable, type DisplayLine } from "./document-lines-table";

export interface ChildDocument {
  id: string;
  number: string;
  /** The document's own page. */
  href: string;
  status: string;
  statusLabel: string;
  /** "Issued 2026-11-25 · due 2026-12-20", or the bill's equivalent. */
  summary: string;
  currency: string;
  total: string;
  lines: DisplayLine[];
}

/**
 * The invoices of a sales order, or the bills of a purchase order, each with its lines in a
 * disclosure so a long history stays scannable, and its number linking to its own page. Their Xero
 * state is shown by the Xero cards.
 */
export function ChildDocuments({
  title,
  empty,
  documents,
  priceLabel,
}: {
  title: string;
  empty: string;
  documents: ChildDocument[];
  priceLabel?: string;
}) {
  return (
    <Card aria-label={title}>
      <CardHeader title={title} />
      {documents.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <ul className="divide-y divide-slate-100">
          {documents.map((document) => (
            <li key={document.id}>
              <details className="group">
                <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-5 py-3 hover:bg-slate-50">
                  <Link
                    href={document.href}
                    className="font-mono text-sm font-medium text-slate-900 underline-offset-2 hover:underline"
                  >
                    {document.number}
                  </Link>
                  <Badge tone={statusTone(document.status)}>{document.statusLabel}</Badge>
                  <span className="text-sm text-slate-500">{document.summary}</span>
                  <span className="ml-auto text-sm font-medium text-slate-900 tabular-nums">
                    {formatMoney(document.total, document.currency)}
                  </span>
                </summary>
                <div className="border-t border-slate-100 bg-slate-50/50">
                  <DocumentLinesTable
                    lines={document.lines}
                    currency={document.currency}
                    priceLabel={priceLabel}
                  />
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
