import { Pencil } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { DefinitionList } from "@/components/records/definition-list";
import { RecordActions } from "@/components/records/record-actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { formatUnitPrice } from "@/lib/factory/money";
import { productDeleteBlocker } from "@/lib/factory/products";
import { ItemLinkSection } from "../../_xero/item-link-section";
import { loadProduct } from "../_components/load-product";
import { deleteProduct } from "../actions";

export const metadata: Metadata = { title: "Product" };

export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const product = await loadProduct((await params).id);
  const blocker = await productDeleteBlocker(getDb(), product);

  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/products" className="hover:underline">
            Products
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            {product.name}
            {product.active ? null : <Badge tone="warning">Inactive</Badge>}
          </span>
        }
        description={product.sku}
        actions={
          <>
            <Button variant="secondary" asChild>
              <Link href={`/products/${product.id}/edit`}>
                <Pencil aria-hidden />
                Edit
              </Link>
            </Button>
            <RecordActions
              noun="product"
              id={product.id}
              version={product.version}
              listHref="/products"
              remove={{ action: deleteProduct, blocker }}
            />
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="Details" />
          <CardBody>
            <DefinitionList
              items={[
                { label: "SKU", value: product.sku },
                { label: "Name", value: product.name },
                {
                  label: "Description",
                  value: product.description ? (
                    <span className="whitespace-pre-wrap">{product.description}</span>
                  ) : null,
                },
                { label: "Unit", value: product.unit },
                { label: "Sale price", value: formatUnitPrice(product.salePrice) },
                { label: "Purchase cost", value: formatUnitPrice(product.purchaseCost) },
                { label: "Tax rate", value: product.taxRate.name },
                {
                  label: "Status",
                  value: product.active ? "Active" : "Inactive: not offered on new documents",
                },
              ]}
            />
          </CardBody>
        </Card>
        <section aria-label="Xero" className="space-y-6">
          <ItemLinkSection product={product} />
        </section>
      </div>
    </>
  );
}
