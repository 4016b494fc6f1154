import { Pencil } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { DocumentTotals } from "@/components/documents/document-totals";
import { DefinitionList } from "@/components/records/definition-list";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { statusTone } from "@/lib/factory/document-status";
import type { TaxMode } from "@/lib/db/schema";

/** The shared fields of the quote, sales order or purchase order a page shows. */
interface ShownDocument {
  status: string;
  currency: string;
  taxMode: TaxMode;
  subtotal: string;
  taxTotal: string;
  total: string;
  notes: string | null;
}

/**
 * The page of one quote, sales order or purchase order: a header with its status, Edit button and
 * actions; its details beside its Xero sync; its lines and totals; then what it raised (invoices,
 * bills) and its notes.
 */
export function DocumentPageLayout({
  document,
  list,
  title,
  statusLabel,
  party,
  editHref,
  actions,
  details,
  sync,
  lines,
  children,
}: {
  document: ShownDocument;
  /** The list page the breadcrumb leads back to. */
  list: { href: string; label: string };
  title: string;
  statusLabel: string;
  party: string;
  /** Null when the document can no longer be edited. */
  editHref: string | null;
  actions: ReactNode;
  details: { label: string; value: ReactNode }[];
  sync: ReactNode;
  lines: ReactNode;
  /** Cards between the lines and the notes. */
  children?: ReactNode;
}) {
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href={list.href} className="hover:underline">
            {list.label}
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            {title}
            <Badge tone={statusTone(document.status)}>{statusLabel}</Badge>
          </span>
        }
        description={party}
        actions={
          <>
            {editHref ? (
              <Button variant="secondary" asChild>
                <Link href={editHref}>
                  <Pencil aria-hidden />
                  Edit
                </Link>
              </Button>
            ) : null}
            {actions}
          </>
        }
      />
      <div className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-3">
          <Card className="lg:col-span-2">
            <CardHeader title="Details" />
            <CardBody>
              <DefinitionList items={details} />
            </CardBody>
          </Card>
          <div>{sync}</div>
        </div>
        <Card>
          <CardHeader title="Lines" />
          {lines}
          <CardBody>
            <DocumentTotals totals={document} taxMode={document.taxMode} currency={document.currency} />
          </CardBody>
        </Card>
        {children}
        {document.notes ? (
          <Card>
            <CardHeader title="Notes" />
            <CardBody className="text-sm break-words whitespace-pre-line text-slate-700">
              {document.notes}
            </CardBody>
          </Card>
        ) : null}
      </div>
    </>
  );
}

/** The details row naming a document's customer or supplier, linked to its page. */
export function partyItem(
  kind: "customer" | "supplier",
  party: { id: string; code: string; name: string },
): { label: string; value: ReactNode } {
  return {
    label: kind === "customer" ? "Customer" : "Supplier",
    value: (
      <Link href={`/${kind}s/${party.id}`} className="hover:underline">
        {party.name} ({party.code})
      </Link>
    ),
  };
}
