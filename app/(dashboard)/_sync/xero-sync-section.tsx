import { XeroDeliveryActions } from "@/components/documents/xero-delivery-actions";
import { XeroDocumentCard } from "@/components/documents/xero-document-card";
import type { Executor } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { invoicesOfOrders } from "@/lib/db/queries/sync-documents";
import { getSyncStates } from "@/lib/db/queries/sync-states";
import { getXeroConnection } from "@/lib/db/queries/xero-connection";
import { cachedContactNames } from "@/lib/db/queries/xero-links";
import type { DocumentSyncState, SyncDocumentType } from "@/lib/db/schema";
import { carryingInvoice, type CarryingInvoice } from "@/lib/sync/planner";
import { deliveryOptions, pdfPath } from "@/lib/sync/delivery";
import { driftContactIds, driftForDisplay } from "@/lib/sync/drift";
import { carriedView, endedView, syncView, type XeroSyncView } from "@/lib/sync/view";
import { dayIn } from "@/lib/ui/dates";
import { getTimeZone } from "@/lib/ui/time-zone";
import { xeroSimulatorOrigin } from "@/lib/xero/web";
import { acceptXeroDrift, emailFromXero, getOnlineInvoiceLink, readBackStamp, sendToXero } from "./actions";

/** For sales orders: the invoice through which Xero holds each order's sale, if one does. */
async function carryingInvoices(
  db: Executor,
  orders: DocumentSyncState[],
  ids: string[],
): Promise<Map<string, CarryingInvoice | null>> {
  const invoicesOf = await invoicesOfOrders(db, ids);
  const invoiceStates = await getSyncStates(
    db,
    "invoice",
    [...invoicesOf.values()].flat().map((invoice) => invoice.id),
  );
  const stateOf = new Map(invoiceStates.map((state) => [state.recordId, state]));
  const orderStates = new Map(orders.map((state) => [state.recordId, state]));
  return new Map(
    ids.map((id) => [
      id,
      carryingInvoice(
        { xeroId: orderStates.get(id)?.xeroId ?? null },
        (invoicesOf.get(id) ?? []).map((invoice) => ({ ...invoice, state: stateOf.get(invoice.id) })),
      ),
    ]),
  );
}

/** The Xero card of one document (or one card per invoice / bill), with its send action. */
export async function XeroSyncSection({
  type,
  ids,
  titles,
  objectName,
  party,
  currency,
  statuses,
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
  /** The documents' own statuses in Factory, so a cancelled or voided one says what became of it in Xero. */
  statuses?: Record<string, string>;
}) {
  const db = getDb();
  const [states, connection] = await Promise.all([getSyncStates(db, type, ids), getXeroConnection(db)]);
  const byId = new Map(states.map((state) => [state.recordId, state]));
  const carried =
    type === "sales_order"
      ? await carryingInvoices(db, states, ids)
      : new Map<string, CarryingInvoice | null>();
  const shortCode = connection?.shortCode ?? null;
  const currencies = { currency, baseCurrency: connection?.baseCurrency ?? null };
  const today = dayIn(new Date(), await getTimeZone());
  const contactNames = await cachedContactNames(
    db,
    states.flatMap((state) => driftContactIds(state.xeroDrift)),
  );
  const shown = (view: XeroSyncView): XeroSyncView =>
    view.drift ? { ...view, drift: driftForDisplay(view.drift, currency, contactNames) } : view;
  return (
    <div className="space-y-4">
      {ids.map((id) => (
        <XeroDocumentCard
          key={id}
          title={titles?.[id] ?? "Xero"}
          objectName={objectName}
          party={party}
          view={shown(
            endedView(
              carriedView(
                syncView(type, id, byId.get(id), shortCode, currencies, today, xeroSimulatorOrigin()),
                carried.get(id) ?? null,
              ),
              statuses?.[id],
              objectName,
            ),
          )}
          send={sendToXero}
          watch={readBackStamp}
          acceptDrift={acceptXeroDrift}
          currency={currency}
        >
          <XeroDeliveryActions
            document={{ type, id }}
            options={deliveryOptions(type, byId.get(id))}
            pdfHref={pdfPath(type, id)}
            number={byId.get(id)?.xeroNumber ?? null}
            getLink={getOnlineInvoiceLink}
            email={emailFromXero}
          />
        </XeroDocumentCard>
      ))}
    </div>
  );
}
