import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listTaxRates } from "@/lib/db/queries/products";
import { productFormDefaults } from "@/lib/factory/product-schema";
import { ProductForm } from "../_components/product-form";
import { createProduct } from "../actions";

export const metadata: Metadata = { title: "New product" };

export default async function NewProductPage() {
  await requireUser();
  const taxRates = await listTaxRates(getDb());
  const defaultRate = taxRates.find((rate) => rate.name === "GST 15%") ?? taxRates[0];
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/products" className="hover:underline">
            Products
          </Link>
        }
        title="New product"
      />
      <ProductForm
        mode="create"
        defaultValues={productFormDefaults(undefined, defaultRate?.id ?? "")}
        taxRates={taxRates}
        cancelHref="/products"
        action={createProduct}
      />
    </>
  );
}
