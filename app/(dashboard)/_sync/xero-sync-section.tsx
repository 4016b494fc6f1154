import { XeroDocumentCard } from "@/components/documents/xero-document-card";
import { getDb } from "@/lib/db/client";
import { getSyncStates } from "@/lib/db/queries/sync-states";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import type { SyncDocumentType } from "@/lib/db/schema";
import { syncView } from "@/lib/sync/view";
import { sendToXero } from "./actions";

/** The Xero card of one document (or one card per invoice / bill), with its send action. */
export async function XeroSyncSection({
  type,
  ids,
  titles,
  objectName,
  party,
  currency,
}: {
  type: SyncDocumentType;
  ids: string[];
  /** Card titles per id (e.g. "Invoice SI-00003 in Xero"); default "Xero". */
  titles?: Record<string, string>;
  objectName: string;
  /** The documents' customer or supplier, for "Link this customer" while they wait for its contact. */
  party: { kind: "customer" | "supplier"; id: string };
  /** The documents' currency; a foreign one shows Xero's rate and the base-currency total. */
  currency: string;
}) {
  const db = getDb();
  const [states, connection] = await Promise.all([getSyncStates(db, type, ids), getXeroConnection(db)]);
  const byId = new Map(states.map((state) => [state.recordId, state]));
  const shortCode = connection?.shortCode ?? null;
  const currencies = { currency, baseCurrency: connection?.baseCurrency ?? null };
  return (
    <div className="space-y-4">
      {ids.map((id) => (
        <XeroDocumentCard
          key={id}
          title={titles?.[id] ?? "Xero"}
          objectName={objectName}
          party={party}
          view={syncView(type, id, byId.get(id), shortCode, currencies)}
          send={sendToXero}
        />
      ))}
    </div>
  );
}
