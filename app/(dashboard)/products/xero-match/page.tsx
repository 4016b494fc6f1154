import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { SkuMatchPreview } from "@/components/xero/sku-match-preview";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { previewSkuMatches, type SkuMatch } from "@/lib/linking/items";
import { XeroError } from "@/lib/xero/api/errors";
import { applySkuMatchesAction } from "../../_xero/item-link-actions";

export const metadata: Metadata = { title: "Match SKUs to Xero items" };

async function loadPreview(): Promise<{ matches: SkuMatch[] } | { error: string }> {
  try {
    return { matches: await previewSkuMatches(getDb()) };
  } catch (error) {
    if (error instanceof XeroError) return { error: error.message };
    throw error;
  }
}

/** Bulk "match SKUs to item codes": a preview first; nothing changes until staff confirm. */
export default async function SkuMatchPage() {
  await requireUser();
  const preview = await loadPreview();
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/products" className="hover:underline">
            Products
          </Link>
        }
        title="Match SKUs to Xero items"
        description="Products whose SKU equals a Xero item code (ignoring case). Untick any you don't want, then link."
      />
      {"error" in preview ? (
        <Alert tone="danger" role="alert">
          Xero could not be asked for its items: {preview.error}
        </Alert>
      ) : (
        <SkuMatchPreview matches={preview.matches} apply={applySkuMatchesAction} />
      )}
    </>
  );
}
