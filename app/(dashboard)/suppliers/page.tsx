import type { Metadata } from "next";
import type { SearchParams } from "@/lib/ui/list-params";
import { PartyListPage } from "../_records/party-list-page";

export const metadata: Metadata = { title: "Suppliers" };

export default async function SuppliersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <PartyListPage kind="supplier" searchParams={await searchParams} />;
}
