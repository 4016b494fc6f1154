import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listTaxRates } from "@/lib/db/queries/products";
import { cachedItems } from "@/lib/db/queries/xero-links";
import { productFormDefaults } from "@/lib/factory/product-schema";
import { loadProduct } from "../../_components/load-product";
import { ProductForm } from "../../_components/product-form";
import { updateProduct } from "../../actions";

export const metadata: Metadata = { title: "Edit product" };

export default async function EditProductPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const product = await loadProduct((await params).id);
  const taxRates = await listTaxRates(getDb(), { includeInactive: true });
  const item = product.xeroItemId
    ? (await cachedItems(getDb(), [product.xeroItemId])).get(product.xeroItemId)
    : undefined;
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href={`/products/${product.id}`} className="hover:underline">
            {product.name}
          </Link>
        }
        title={`Edit ${product.name}`}
        description={product.sku}
      />
      <ProductForm
        mode="edit"
        id={product.id}
        version={product.version}
        xeroItem={
          product.xeroItemId
            ? { code: item?.code ?? "linked", fromFactory: product.xeroItemFromFactory }
            : null
        }
        defaultValues={productFormDefaults(product, product.taxRateId)}
        taxRates={taxRates}
        cancelHref={`/products/${product.id}`}
        action={updateProduct}
      />
    </>
  );
}
