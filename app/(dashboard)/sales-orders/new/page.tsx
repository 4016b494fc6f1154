import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { blankLine } from "@/lib/factory/document-fields";
import { today } from "@/lib/factory/due-date";
import { getTimeZone } from "@/lib/ui/time-zone";
import { lineEditorOptions } from "../../_documents/document-page-parts";
import { SalesOrderForm } from "../_components/sales-order-form";

export const metadata: Metadata = { title: "New sales order" };

export default async function NewSalesOrderPage() {
  await requireUser();
  const options = await lineEditorOptions();
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/sales-orders" className="hover:underline">
            Sales orders
          </Link>
        }
        title="New sales order"
        description="Factory gives it the next SO- number when you save. To start from a quote, open the quote and convert it."
      />
      <SalesOrderForm
        {...options}
        customerLabel=""
        cancelHref="/sales-orders"
        defaultValues={{
          id: "",
          version: 0,
          idempotencyKey: randomUUID(),
          customerId: "",
          orderDate: today(await getTimeZone()),
          deliveryDate: "",
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
