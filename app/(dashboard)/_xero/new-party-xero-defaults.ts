import { getDb } from "@/lib/db/client";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { contactSettings } from "@/lib/db/queries/xero-links";
import type { PartyKind } from "@/lib/db/schema";

/** Whether the new-record form offers "Also create in Xero", and whether the box starts ticked. */
export async function newPartyXeroDefaults(kind: PartyKind): Promise<{ offered: boolean; ticked: boolean }> {
  const db = getDb();
  const [connection, settings] = await Promise.all([getXeroConnection(db), contactSettings(db)]);
  return {
    offered: connection?.status === "connected",
    ticked: kind === "customer" ? settings.createForNewCustomers : settings.createForNewSuppliers,
  };
}
