import type { Metadata } from "next";
import { EditPartyPage } from "../../../_records/party-form-pages";
import { updateSupplier } from "../../actions";

export const metadata: Metadata = { title: "Edit supplier" };

export default async function EditSupplierPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditPartyPage kind="supplier" id={id} action={updateSupplier} />;
}
