import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { blankLine } from "@/lib/factory/document-fields";
import { today } from "@/lib/factory/due-date";
import { getTimeZone } from "@/lib/ui/time-zone";
import { lineEditorOptions } from "../../_documents/document-page-parts";
import { PurchaseOrderForm } from "../_components/purchase-order-form";

export const metadata: Metadata = { title: "New purchase order" };

export default async function NewPurchaseOrderPage() {
  await requireUser();
  const options = await lineEditorOptions();
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/purchase-orders" className="hover:underline">
            Purchase orders
          </Link>
        }
        title="New purchase order"
        description="Factory gives it the next PO- number when you save."
      />
      <PurchaseOrderForm
        {...options}
        supplierLabel=""
        cancelHref="/purchase-orders"
        defaultValues={{
          id: "",
          version: 0,
          idempotencyKey: randomUUID(),
          supplierId: "",
          orderDate: today(await getTimeZone()),
          deliveryDate: "",
          deliveryAddress: { line1: "", line2: "", city: "", region: "", postcode: "", country: "" },
          deliveryInstructions: "",
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
