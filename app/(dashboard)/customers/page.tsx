import type { Metadata } from "next";
import type { SearchParams } from "@/lib/ui/list-params";
import { PartyListPage } from "../_records/party-list-page";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <PartyListPage kind="customer" searchParams={await searchParams} />;
}
