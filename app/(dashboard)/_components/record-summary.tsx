import Link from "next/link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getDb } from "@/lib/db/client";
import { countRecords } from "@/lib/db/queries/overview";

export async function RecordSummary() {
  const counts = await countRecords(getDb());
  const rows = [
    { label: "Customers", value: counts.customers, href: "/customers" },
    { label: "Suppliers", value: counts.suppliers, href: "/suppliers" },
    { label: "Active products", value: counts.products, href: "/products" },
    { label: "Open quotes", value: counts.openQuotes, href: "/quotes" },
    { label: "Open sales orders", value: counts.openSalesOrders, href: "/sales-orders" },
    { label: "Open purchase orders", value: counts.openPurchaseOrders, href: "/purchase-orders" },
  ];
  return (
    <Card aria-label="Records">
      <CardHeader title="Records" description="Live records and documents still in progress" />
      <CardBody>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
          {rows.map((row) => (
            <div key={row.label} className="contents">
              <dt>
                <Link href={row.href} className="text-slate-600 hover:text-blue-700 hover:underline">
                  {row.label}
                </Link>
              </dt>
              <dd className="text-right font-medium text-slate-900 tabular-nums">
                {row.value.toLocaleString()}
              </dd>
            </div>
          ))}
        </dl>
      </CardBody>
    </Card>
  );
}
