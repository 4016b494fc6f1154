import type { Metadata } from "next";
import { PartyDetailPage } from "../../_records/party-detail-page";
import { archiveSupplier, deleteSupplier, unarchiveSupplier } from "../actions";

export const metadata: Metadata = { title: "Supplier" };

export default async function SupplierPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <PartyDetailPage
      kind="supplier"
      id={id}
      actions={{ archive: archiveSupplier, unarchive: unarchiveSupplier, remove: deleteSupplier }}
    />
  );
}
