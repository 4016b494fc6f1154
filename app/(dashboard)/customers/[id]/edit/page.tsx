import type { Metadata } from "next";
import { EditPartyPage } from "../../../_records/party-form-pages";
import { updateCustomer } from "../../actions";

export const metadata: Metadata = { title: "Edit customer" };

export default async function EditCustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditPartyPage kind="customer" id={id} action={updateCustomer} />;
}
