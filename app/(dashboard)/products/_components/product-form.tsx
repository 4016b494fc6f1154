"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type FieldPath } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { FormField } from "@/components/ui/form-field";
import { Checkbox, Input, Select, Textarea } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/auth/action";
import type { TaxRate } from "@/lib/db/schema";
import {
  productFormSchema,
  type CreateProductInput,
  type ProductFormOutput,
  type ProductFormValues,
  type UpdateProductInput,
} from "@/lib/factory/product-schema";
import { newIdempotencyKey } from "@/lib/ui/idempotency-key";

type ProductFormProps = {
  defaultValues: ProductFormValues;
  taxRates: Pick<TaxRate, "id" | "name">[];
  cancelHref: string;
} & (
  | { mode: "create"; action: (input: CreateProductInput) => Promise<ActionResult<{ id: string }>> }
  | {
      mode: "edit";
      id: string;
      version: number;
      /** The linked Xero item, offered to update too; ticked when it was created from this product. */
      xeroItem: { code: string; fromFactory: boolean } | null;
      action: (input: UpdateProductInput) => Promise<ActionResult<{ id: string }>>;
    }
);

export function ProductForm(props: ProductFormProps) {
  const { defaultValues, taxRates, cancelHref } = props;
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [updateXeroItem, setUpdateXeroItem] = useState(
    props.mode === "edit" && props.xeroItem !== null && props.xeroItem.fromFactory,
  );
  const form = useForm<ProductFormValues, unknown, ProductFormOutput>({
    resolver: zodResolver(productFormSchema),
    defaultValues,
  });
  const { errors, isSubmitting } = form.formState;

  // The action parses the form's raw values with the same rules, so send those, not the parsed ones.
  const onSubmit = form.handleSubmit(async () => {
    setMessage(null);
    const values = form.getValues();
    const result =
      props.mode === "create"
        ? await props.action({ ...values, idempotencyKey })
        : await props.action({
            ...values,
            id: props.id,
            version: props.version,
            updateXeroItem: props.xeroItem !== null && updateXeroItem,
          });
    if (result.ok) {
      router.push(`/products/${result.data.id}`);
      router.refresh();
      return;
    }
    for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (messages[0]) form.setError(field as FieldPath<ProductFormValues>, { message: messages[0] });
    }
    setMessage(result.message);
  });

  return (
    <Form onSubmit={onSubmit} className="space-y-6">
      {message ? (
        <Alert tone="danger" role="alert">
          {message}
        </Alert>
      ) : null}
      <Card>
        <CardHeader title="Product" />
        <CardBody className="grid gap-4 sm:grid-cols-3">
          <FormField label="SKU" error={errors.sku?.message} hint="Unique, at most 30 characters.">
            <Input autoComplete="off" {...form.register("sku")} />
          </FormField>
          <FormField label="Name" error={errors.name?.message} className="sm:col-span-2">
            <Input autoComplete="off" {...form.register("name")} />
          </FormField>
          <FormField label="Description" error={errors.description?.message} className="sm:col-span-3">
            <Textarea rows={3} {...form.register("description")} />
          </FormField>
          <FormField label="Unit" error={errors.unit?.message} hint="each, m, kg, hour…">
            <Input autoComplete="off" {...form.register("unit")} />
          </FormField>
          <FormField
            label="Sale price"
            error={errors.salePrice?.message}
            hint="Before tax, up to 4 decimals."
          >
            <Input inputMode="decimal" {...form.register("salePrice")} />
          </FormField>
          <FormField
            label="Purchase cost"
            error={errors.purchaseCost?.message}
            hint="Before tax, up to 4 decimals."
          >
            <Input inputMode="decimal" {...form.register("purchaseCost")} />
          </FormField>
          <FormField label="Tax rate" error={errors.taxRateId?.message}>
            <Select {...form.register("taxRateId")}>
              {taxRates.map((rate) => (
                <option key={rate.id} value={rate.id}>
                  {rate.name}
                </option>
              ))}
            </Select>
          </FormField>
          <div className="flex items-center gap-2 self-end pb-2 sm:col-span-2">
            <Checkbox id="product-active" {...form.register("active")} />
            <Label htmlFor="product-active">Active (offered on new documents)</Label>
          </div>
        </CardBody>
      </Card>
      {props.mode === "edit" && props.xeroItem ? (
        <label className="flex items-start gap-3 rounded-lg border border-slate-200 bg-white px-5 py-4 text-sm shadow-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4"
            checked={updateXeroItem}
            onChange={(event) => setUpdateXeroItem(event.target.checked)}
          />
          <span>
            <span className="font-medium text-slate-900">
              Also update Xero item <span className="font-mono">{props.xeroItem.code}</span>
            </span>
            <span className="block text-slate-500">
              Its name, description and prices follow this product.{" "}
              {props.xeroItem.fromFactory
                ? "Factory created this item."
                : "This item was not created from Factory: other products or people may rely on it as it is."}
            </span>
          </span>
        </label>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" asChild>
          <Link href={cancelHref}>Cancel</Link>
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : props.mode === "create" ? "Create product" : "Save changes"}
        </Button>
      </div>
    </Form>
  );
}
