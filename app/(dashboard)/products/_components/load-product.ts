import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { findProduct } from "@/lib/db/queries/products";
import { isUuid } from "@/lib/ui/list-params";

/** The product a route's [id] names, or the 404 page. */
export async function loadProduct(id: string) {
  const product = isUuid(id) ? await findProduct(getDb(), id) : undefined;
  if (!product) notFound();
  return product;
}
