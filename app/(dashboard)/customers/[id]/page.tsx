import type { Metadata } from "next";
import { PartyDetailPage } from "../../_records/party-detail-page";
import { archiveCustomer, deleteCustomer, unarchiveCustomer } from "../actions";

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <PartyDetailPage
      kind="customer"
      id={id}
      actions={{ archive: archiveCustomer, unarchive: unarchiveCustomer, remove: deleteCustomer }}
    />
  );
}
