"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { createProductSchema, productTargetSchema, updateProductSchema } from "@/lib/factory/product-schema";
import {
  createProduct as createProductRecord,
  deleteProduct as deleteProductRecord,
  updateProduct as updateProductRecord,
} from "@/lib/factory/products";

export const createProduct = authedAction(createProductSchema, async (input, { user }) => {
  const { product } = await createProductRecord(getDb(), input, user.id);
  revalidatePath("/products");
  return { id: product.id };
});

export const updateProduct = authedAction(updateProductSchema, async (input, { user }) => {
  const product = await updateProductRecord(getDb(), input, user.id);
  revalidatePath("/products");
  return { id: product.id, version: product.version };
});

export const deleteProduct = authedAction(productTargetSchema, async (input, { user }) => {
  await deleteProductRecord(getDb(), input, user.id);
  revalidatePath("/products");
});
