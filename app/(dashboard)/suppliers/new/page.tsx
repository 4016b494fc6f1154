import type { Metadata } from "next";
import { NewPartyPage } from "../../_records/party-form-pages";
import { createSupplier } from "../actions";

export const metadata: Metadata = { title: "New supplier" };

export default function NewSupplierPage() {
  return <NewPartyPage kind="supplier" action={createSupplier} />;
}
