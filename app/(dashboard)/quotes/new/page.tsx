import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { blankLine } from "@/lib/factory/document-fields";
import { addDays, today } from "@/lib/factory/due-date";
import { getTimeZone } from "@/lib/ui/time-zone";
import { lineEditorOptions } from "../../_documents/document-page-parts";
import { QuoteForm } from "../_components/quote-form";

export const metadata: Metadata = { title: "New quote" };

/** Quotes are valid for 30 days unless staff choose otherwise. */
const QUOTE_VALID_DAYS = 30;

export default async function NewQuotePage() {
  await requireUser();
  const options = await lineEditorOptions();
  const issueDate = today(await getTimeZone());
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/quotes" className="hover:underline">
            Quotes
          </Link>
        }
        title="New quote"
        description="Factory gives it the next Q- number when you save."
      />
      <QuoteForm
        {...options}
        customerLabel=""
        cancelHref="/quotes"
        defaultValues={{
          id: "",
          version: 0,
          idempotencyKey: randomUUID(),
          customerId: "",
          issueDate,
          expiryDate: addDays(issueDate, QUOTE_VALID_DAYS),
          currency: options.defaultCurrency,
          taxMode: "exclusive",
          reference: "",
          notes: "",
          lines: [blankLine(options.taxRates[0]?.id)],
        }}
      />
    </>
  );
}
