import type { Metadata } from "next";
import { NewPartyPage } from "../../_records/party-form-pages";
import { createCustomer } from "../actions";

export const metadata: Metadata = { title: "New customer" };

export default function NewCustomerPage() {
  return <NewPartyPage kind="customer" action={createCustomer} />;
}
